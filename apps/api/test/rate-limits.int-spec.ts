import { randomUUID } from 'node:crypto';
import { jsonOf } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

const api = (t: TestApp, path: string) => `${t.url}/api/v1${path}`;

function send(t: TestApp, path: string, body?: unknown, from?: string): Promise<Response> {
  return fetch(api(t, path), {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Sends `count` requests one after the other; answers their statuses. */
async function statuses(count: number, request: (i: number) => Promise<Response>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await request(i);
    await res.arrayBuffer();
    out.push(res.status);
  }
  return out;
}

async function expectTooMany(res: Response, maxWait: number): Promise<void> {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const wait = Number(res.headers.get('retry-after'));
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(maxWait);
  expect(await jsonOf(res)).toMatchObject({
    status: 429,
    code: 'TOO_MANY_REQUESTS',
    detail: expect.stringMatching(
      /^Trop de demandes en peu de temps\. Réessayez dans \d+ (secondes?|minutes)\.$/,
    ),
  });
}

const email = () => `limite-${randomUUID().slice(0, 8)}@example.org`;

describe(`rate limits (${MODE})`, () => {
  /** As deployed by default: no proxy trusted. */
  let direct: TestApp;
  /** Behind a proxy on 127.0.0.1: X-Forwarded-For names the client, so tests can play many addresses. */
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await startApp({ env: { RATE_LIMIT_SCALE: '1' } });
    proxied = await startApp({ fresh: false, env: { RATE_LIMIT_SCALE: '1', TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => {
    await proxied?.close();
    await direct?.close();
  });

  it('refuses the 121st search of a minute from one address, and a forged X-Forwarded-For does not escape it', async () => {
    expect(new Set(await statuses(120, () => send(direct, '/spaces')))).toEqual(new Set([200]));
    await expectTooMany(await send(direct, '/spaces'), 60);
    // The peer is not a trusted proxy: the header is the client's own words.
    await expectTooMany(await send(direct, '/spaces', undefined, '203.0.113.9'), 60);
  });

  it('refuses the 301st availability request of a minute from one address', async () => {
    const path = `/spaces/${randomUUID()}/availability?from=2026-03-02T00:00:00Z&to=2026-03-08T00:00:00Z`;
    expect(new Set(await statuses(300, () => send(direct, path)))).toEqual(new Set([404]));
    await expectTooMany(await send(direct, path), 60);
  });

  it('refuses the 121st request of a minute for several spaces’ availability from one address', async () => {
    const path = `/availability?siteId=${randomUUID()}&from=2026-03-02T00:00:00Z&to=2026-03-08T00:00:00Z`;
    expect(new Set(await statuses(120, () => send(direct, path)))).toEqual(new Set([404]));
    await expectTooMany(await send(direct, path), 60);
  });

  it('counts password-reset requests per address, over every e-mail, behind a trusted proxy', async () => {
    const reset = (from: string) => send(proxied, '/auth/password-reset', { email: email() }, from);
    expect(new Set(await statuses(20, () => reset('198.51.100.1')))).toEqual(new Set([202]));
    await expectTooMany(await reset('198.51.100.1'), 3600);
    // Another client behind the same proxy is counted apart.
    expect((await reset('198.51.100.2')).status).toBe(202);
  });

  it('counts password-reset requests per e-mail, whatever the address', async () => {
    const target = email();
    const reset = (i: number) =>
      send(proxied, '/auth/password-reset', { email: target }, `198.51.100.${10 + i}`);
    expect(new Set(await statuses(5, reset))).toEqual(new Set([202]));
    await expectTooMany(await reset(5), 3600);
  });

  it.each([
    [
      'a password-reset confirmation',
      '/auth/password-reset/confirm',
      { token: 'x'.repeat(30), password: 'p' },
      900,
    ],
    ['an invitation acceptance', '/invitations/accept', { token: 'x'.repeat(30) }, 900],
    ['a registration', '/organisations/register', { organisation: {} }, 3600],
  ])('counts %s per address, before looking at the request', async (_name, path, body, window) => {
    const from = `192.0.2.${path.length}`;
    expect(new Set(await statuses(20, () => send(proxied, path, body, from)))).toEqual(new Set([400]));
    await expectTooMany(await send(proxied, path, body, from), window);
  });

  it('counts registrations per applicant e-mail, whatever the address', async () => {
    const body = { admin: { email: email() } };
    const register = (i: number) => send(proxied, '/organisations/register', body, `192.0.2.${100 + i}`);
    expect(new Set(await statuses(5, register))).toEqual(new Set([400]));
    await expectTooMany(await register(5), 3600);
  });

  (MODE === 'services' ? it : it.skip)('shares the counters between API processes (Redis)', async () => {
    const other = await startApp({ fresh: false, env: { RATE_LIMIT_SCALE: '1' } });
    try {
      const target = email();
      const reset = (t: TestApp) => send(t, '/auth/password-reset', { email: target });
      expect(await statuses(3, () => reset(direct))).toEqual([202, 202, 202]);
      expect(await statuses(2, () => reset(other))).toEqual([202, 202]);
      await expectTooMany(await reset(other), 3600);
      await expectTooMany(await reset(direct), 3600);
    } finally {
      await other.close();
    }
  });
});
