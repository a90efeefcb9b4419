import net from 'node:net';
import { Booking, Health } from '@lieux/contracts';
import {
  createMember,
  createOrganisation,
  createSpace,
  createUser,
  jsonOf,
  login,
  PASSWORD,
  postJson,
  slot,
} from './fixtures';
import { MODE, startApp, statusOnceHeard, type TestApp } from './harness';

const METRICS_TOKEN = 'scraper-token-of-the-tests';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A port nothing listens on (taken from the system, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function bookSomething(t: TestApp, n: number, headers: Record<string, string> = {}) {
  const organisationId = await createOrganisation(t.db);
  const member = await createMember(t.db, organisationId);
  const spaceId = await createSpace(t.db);
  return postJson(
    `${t.url}/api/v1/bookings`,
    await login(t.url, member.email),
    { spaceId, ...slot(n), title: 'Réunion d’équipe', attendees: 2 },
    headers,
  );
}

describe(`operations (${MODE})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { METRICS_TOKEN } });
  });
  afterAll(() => t?.close());

  it('answers liveness without checking anything, and readiness with the database and the queue', async () => {
    const live = await fetch(`${t.url}/api/health/live`);
    expect(live.status).toBe(200);
    expect(await jsonOf(live)).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(Health.parse(await jsonOf(ready))).toMatchObject({ status: 'ok', mode: MODE });
  });

  it('gives every answer a request id, keeping a sane one sent by the caller', async () => {
    const fresh = await fetch(`${t.url}/api/health/live`);
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);

    const kept = await fetch(`${t.url}/api/health/live`, { headers: { 'x-request-id': 'lb-7f3a.42:9' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42:9');

    // Too long, spaces, markup: replaced, since the id is written verbatim into headers and logs.
    for (const junk of ['a'.repeat(65), 'deux%20mots', '<script>']) {
      const res = await fetch(`${t.url}/api/health/live`, { headers: { 'x-request-id': junk } });
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it('puts the request id in a problem answer', async () => {
    const res = await fetch(`${t.url}/api/v1/nulle-part`, { headers: { 'x-request-id': 'trace-404' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-404');
    expect(await jsonOf(res)).toMatchObject({ status: 404, requestId: 'trace-404' });

    const unauthenticated = await fetch(`${t.url}/api/v1/me`);
    const problem = await jsonOf(unauthenticated);
    expect(problem.requestId).toBe(unauthenticated.headers.get('x-request-id'));
    expect(problem.requestId).toMatch(UUID);
  });

  it('serves Prometheus metrics to the holder of METRICS_TOKEN only', async () => {
    const anonymous = await fetch(`${t.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await jsonOf(anonymous)).toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
  });

  it('counts a booking created and one refused, and times the booking route by its pattern', async () => {
    const organisationId = await createOrganisation(t.db);
    const member = await createMember(t.db, organisationId);
    const token = await login(t.url, member.email);
    const body = { spaceId: await createSpace(t.db), ...slot(5), title: 'Atelier', attendees: 2 };
    expect((await postJson(`${t.url}/api/v1/bookings`, token, body)).status).toBe(201);
    expect((await postJson(`${t.url}/api/v1/bookings`, token, body)).status).toBe(409);
    await fetch(`${t.url}/api/v1/bookings/${crypto.randomUUID()}`, {
      headers: { authorization: `Bearer ${token}` },
    });

    const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value('bookings_created_total{status="confirmed"}')).toBeGreaterThanOrEqual(1);
    expect(value('bookings_refused_total{reason="SLOT_TAKEN"}')).toBe(1);
    expect(
      value('http_request_duration_seconds_count{route="/api/v1/bookings",method="POST",status="201"}'),
    ).toBeGreaterThanOrEqual(1);
    // The route's pattern, not the id of the booking asked for.
    expect(text).toMatch(/route="\/api\/v1\/bookings\/:id",method="GET",status="404"/);
    expect(text).not.toMatch(/route="\/api\/v1\/bookings\/[0-9a-f]{8}-/);
    expect(value('outbox_pending_events')).toBeGreaterThanOrEqual(0);
    expect(value('outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(value('db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    if (MODE === 'services') expect(text).toMatch(/^queue_jobs\{queue="notifications",state="failed"\} \d+/m);
  });

  it('records the request id with the outbox event of a booking', async () => {
    const res = await bookSomething(t, 3, { 'x-request-id': 'booking-req-1' });
    expect(res.status).toBe(201);
    const booking = Booking.parse(await jsonOf(res));
    const rows = await t.db.query(`SELECT request_id FROM outbox WHERE payload->>'bookingId' = $1`, [
      booking.id,
    ]);
    expect(rows).toEqual([{ request_id: 'booking-req-1' }]);
  });
});

/** The session cookie a browser holds after signing in, as a Cookie header. */
async function sessionCookie(t: TestApp, email: string): Promise<string> {
  const res = await postJson(`${t.url}/api/v1/auth/login`, null, { email, password: PASSWORD });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe(`queue dashboard (${MODE})`, () => {
  const DASHBOARD = '/api/v1/auth/queues';
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t?.close());

  if (MODE === 'embedded') {
    it('does not exist without Bull queues, and says why', async () => {
      const res = await fetch(`${t.url}${DASHBOARD}`);
      expect(res.status).toBe(404);
      expect(await jsonOf(res)).toMatchObject({ detail: expect.stringMatching(/mode services/) });
    });
    return;
  }

  it('opens to an admin’s session cookie, on the page and on its API', async () => {
    const admin = await createUser(t.db, 'admin');
    const cookie = await sessionCookie(t, admin.email);
    const page = await fetch(`${t.url}${DASHBOARD}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    // bull-board's page has an inline <style>: its policy allows inline styles, never inline scripts.
    expect(await page.text()).toContain('<style');
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    const queues = await fetch(`${t.url}${DASHBOARD}/api/queues`, { headers: { cookie } });
    expect(queues.status).toBe(200);
    const names = (await jsonOf(queues)).queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual(['notifications', 'occupancy']);
  });

  it('refuses anonymous callers (401), other roles (403) and a signed-out session (401)', async () => {
    expect((await fetch(`${t.url}${DASHBOARD}`)).status).toBe(401);
    expect((await fetch(`${t.url}${DASHBOARD}/api/queues`)).status).toBe(401);

    const member = await createMember(t.db, await createOrganisation(t.db));
    const memberCookie = await sessionCookie(t, member.email);
    for (const path of ['', '/api/queues', '/api/queues/notifications/retry/failed']) {
      const res = await fetch(`${t.url}${DASHBOARD}${path}`, {
        method: path.endsWith('failed') ? 'PUT' : 'GET',
        headers: { cookie: memberCookie },
      });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }

    const admin = await createUser(t.db, 'admin');
    const cookie = await sessionCookie(t, admin.email);
    await t.db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [admin.id]);
    expect(await statusOnceHeard(() => fetch(`${t.url}${DASHBOARD}`, { headers: { cookie } }), 401)).toBe(
      401,
    );
  });
});

(MODE === 'services' ? describe : describe.skip)('operations with a dependency down (services)', () => {
  it('stays ready, "degraded", and keeps taking bookings while Redis is down', async () => {
    const t = await startApp({ env: { REDIS_URL: `redis://127.0.0.1:${await closedPort()}/4` } });
    try {
      for (const path of ['/api/health', '/api/health/ready']) {
        const res = await fetch(`${t.url}${path}`);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(Health.parse(await jsonOf(res))).toMatchObject({
          status: 'degraded',
          checks: { database: { status: 'up' }, queue: { status: 'down' } },
        });
      }
      expect((await fetch(`${t.url}/api/health/live`)).status).toBe(200);
      expect((await bookSomething(t, 4)).status).toBe(201);
      // No METRICS_TOKEN configured: the endpoint does not exist.
      expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('answers 503 problem+json with Retry-After while PostgreSQL is unreachable, then recovers', async () => {
    const target = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.open(0);
    const viaProxy = new URL(target);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    const t = await startApp({ env: { DATABASE_URL: viaProxy.toString() } });
    try {
      expect((await fetch(`${t.url}/api/v1/spaces`)).status).toBe(200);
      await proxy.close();

      const res = await fetch(`${t.url}/api/v1/spaces`, { headers: { 'x-request-id': 'db-down-1' } });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await jsonOf(res)).toMatchObject({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        requestId: 'db-down-1',
        detail: expect.stringMatching(/indisponible/),
      });
      // Signed-in routes fail in the access guard (the session is checked in the database): same answer.
      const guarded = await fetch(`${t.url}/api/v1/me`, { headers: { authorization: 'Bearer x.y.z' } });
      expect([401, 503]).toContain(guarded.status);
      expect((await fetch(`${t.url}/api/health`)).status).toBe(503);
      expect((await fetch(`${t.url}/api/health/ready`)).status).toBe(503);
      expect((await fetch(`${t.url}/api/health/live`)).status).toBe(200);

      await proxy.open(port);
      expect((await fetch(`${t.url}/api/v1/spaces`)).status).toBe(200);
      expect((await fetch(`${t.url}/api/health/ready`)).status).toBe(200);
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});

/** A TCP relay to PostgreSQL that the test can cut (every connection dropped, new ones refused) and restore. */
class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  async open(port: number): Promise<number> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.port, this.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    return (server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
