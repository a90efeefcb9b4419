import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jsonOf } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

/** A built web app in miniature: the SPA's index and one asset. */
function webDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lp-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Lieux</title><div id="root"></div>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

/** One raw HTTP exchange (fetch refuses oversized headers itself): status, headers and body. */
function rawRequest(
  url: string,
  target: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${target}`, { method, headers, maxHeaderSize: 64 * 1024 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const SECURITY_HEADERS: [string, RegExp][] = [
  ['content-security-policy', /default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/],
  ['x-frame-options', /^DENY$/],
  ['x-content-type-options', /^nosniff$/],
  ['referrer-policy', /^strict-origin-when-cross-origin$/],
  ['permissions-policy', /camera=\(\).*geolocation=\(self\).*microphone=\(\)/],
];

describe(`HTTP edge (${MODE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { WEB_DIST: webDist(), REQUEST_TIMEOUT_SECONDS: '2' } });
  });
  afterAll(() => t?.close());

  describe('security headers', () => {
    it.each([
      ['the web app', '/'],
      ['a web route', '/espaces/42'],
      ['an asset', '/assets/app.js'],
      ['an API route', '/api/v1/spaces'],
      ['an API error', '/api/v1/nulle-part'],
      ['the health check', '/api/health'],
    ])('are sent on %s (%s)', async (_name, target) => {
      const res = await fetch(`${t.url}${target}`);
      for (const [name, value] of SECURITY_HEADERS)
        expect([name, res.headers.get(name)]).toEqual([name, expect.stringMatching(value)]);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      // Served over http here: no HSTS, which would pin a plain-http deployment to https.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('let the OpenAPI page use inline styles, and nothing else more', async () => {
      const res = await fetch(`${t.url}/api/docs`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
      expect(csp).toMatch(/script-src 'self';/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    });

    it('include HSTS once the public address is https', async () => {
      const https = await startApp({ fresh: false, env: { PUBLIC_URL: 'https://lieux.example.org' } });
      try {
        const res = await fetch(`${https.url}/api/health`);
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
        expect(res.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
      } finally {
        await https.close();
      }
    });
  });

  describe('malformed requests answer problem+json', () => {
    const expectProblem = (
      res: { status: number; headers: Record<string, string | string[] | undefined>; body: string },
      status: number,
      detail: RegExp,
    ) => {
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(res.body);
      expect(problem).toMatchObject({ status, detail: expect.stringMatching(detail) });
    };

    it('a 100 kB query string: 414', async () => {
      const res = await rawRequest(t.url, `/api/v1/spaces?q=${'a'.repeat(100_000)}`);
      expectProblem(res, 414, /adresse demandée est trop longue/);
    });

    it('a huge header: 431', async () => {
      const res = await rawRequest(t.url, '/api/v1/spaces', { 'x-padding': 'a'.repeat(20_000) });
      expectProblem(res, 431, /en-têtes de la requête sont trop volumineux/);
    });

    it('a path parameter over 100 characters: 414, with the security headers', async () => {
      const res = await rawRequest(t.url, `/api/v1/spaces/${'a'.repeat(101)}`);
      expectProblem(res, 414, /adresse demandée est trop longue/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(res.body).instance).toBe(`/api/v1/spaces/${'a'.repeat(101)}`);
    });

    it('malformed HTTP: 400', async () => {
      const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
      const answer = await new Promise<string>((resolve) => {
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(answer).toMatch(/x-content-type-options: nosniff/i);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
    });
  });

  describe('HEAD mirrors GET', () => {
    it.each([
      ['the web app', '/', 200],
      ['a web route', '/espaces/42', 200],
      ['an asset', '/assets/app.js', 200],
      ['an API route', '/api/v1/spaces', 200],
      ['the health check', '/api/health', 200],
      ['an unknown API path', '/api/v1/nulle-part', 404],
    ])('on %s (%s)', async (_name, target, status) => {
      const get = await fetch(`${t.url}${target}`);
      const head = await fetch(`${t.url}${target}`, { method: 'HEAD' });
      expect(get.status).toBe(status);
      expect(head.status).toBe(status);
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(await head.text()).toBe('');
    });
  });

  describe('a slow client cannot hold a connection', () => {
    /** Writes `head`, then one byte of `trickle` every 200 ms; resolves when the server answers or closes. */
    const trickle = (head: string, trickled: string) =>
      new Promise<{ answer: string; ms: number }>((resolve) => {
        const started = Date.now();
        const socket = connect(Number(new URL(t.url).port), '127.0.0.1');
        let answer = '';
        let i = 0;
        const timer = setInterval(() => {
          if (i < trickled.length && socket.writable) socket.write(trickled[i++]);
        }, 200);
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearInterval(timer);
          resolve({ answer, ms: Date.now() - started });
        });
        socket.write(head);
      });

    it('a body trickled byte by byte is cut at the request timeout with a 408 problem', async () => {
      const { answer, ms } = await trickle(
        'POST /api/v1/auth/password-reset HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n',
        `{"email":"${'a'.repeat(380)}@x.fr"}`,
      );
      // Two seconds of timeout, checked every second.
      expect(ms).toBeLessThan(4_500);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408 });
    });

    it('headers trickled byte by byte are cut too', async () => {
      const { ms } = await trickle('GET /api/v1/spaces HTTP/1.1\r\n', `X-Slow: ${'a'.repeat(200)}\r\n\r\n`);
      expect(ms).toBeLessThan(4_500);
    });

    it('while a normal request still gets its answer', async () => {
      const res = await fetch(`${t.url}/api/health`);
      expect(res.status).toBe(200);
      expect(await jsonOf(res)).toMatchObject({ status: 'ok' });
    });
  });
});
