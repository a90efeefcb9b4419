import { acceptableUrl, isPrivateAddress } from './webhook-address';
import { SecretBox, signatureHeader } from './webhook-crypto';
import { createHmac } from 'node:crypto';

describe('webhook addresses', () => {
  it.each(['https://hooks.example.org/lieux', 'https://93.184.216.34/x', 'https://[2606:4700::1111]/x'])(
    'accepts the public https address %s',
    (url) => {
      expect(acceptableUrl(url, false)).toBe(true);
    },
  );

  it.each([
    'http://hooks.example.org/lieux',
    'https://localhost/x',
    'https://api.localhost/x',
    'https://127.0.0.1/x',
    'https://10.1.2.3/x',
    'https://172.20.0.1/x',
    'https://192.168.1.1/x',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/x',
    'https://0.0.0.0/x',
    'https://[::1]/x',
    'https://[fd00::1]/x',
    'https://[fe80::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://intranet/x',
    'https://user:pw@hooks.example.org/x',
  ])('refuses %s (SSRF)', (url) => {
    expect(acceptableUrl(url, false)).toBe(false);
  });

  it('accepts local http addresses only when configured so', () => {
    expect(acceptableUrl('http://127.0.0.1:3221/hooks', true)).toBe(true);
    expect(acceptableUrl('http://localhost:3221/hooks', true)).toBe(true);
    expect(acceptableUrl('ftp://127.0.0.1/hooks', true)).toBe(false);
  });

  it('tells private resolutions apart', () => {
    expect(isPrivateAddress('127.0.0.53')).toBe(true);
    expect(isPrivateAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('not-an-ip')).toBe(true);
  });
});

describe('webhook secrets and signatures', () => {
  it('seals a secret that only the same server secret opens', () => {
    const box = new SecretBox('a-server-secret-of-at-least-32-characters');
    const sealed = box.seal('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(() => new SecretBox('another-server-secret-of-32-characters!').open(sealed)).toThrow();
  });

  it('signs "<t>.<body>" with HMAC-SHA256', () => {
    const at = new Date('2026-12-05T10:00:00Z');
    const header = signatureHeader('whsec_k', '{"a":1}', at);
    const t = at.getTime() / 1000;
    expect(header).toBe(`t=${t},v1=${createHmac('sha256', 'whsec_k').update(`${t}.{"a":1}`).digest('hex')}`);
  });
});
