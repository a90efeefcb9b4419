import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Booking,
  WebhookDeliveryList,
  WebhookEndpointList,
  WebhookEndpointWithSecret,
  type WebhookDelivery,
} from '@lieux/contracts';
import { JOB_SCHEDULER } from '../src/jobs/job-scheduler';
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher';
import { WebhooksRepository } from '../src/webhooks/webhooks.repository';
import { WebhooksService } from '../src/webhooks/webhooks.service';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { startApp, waitFor, type TestApp } from './harness';

/**
 * Webhooks of organisations, against a real HTTP receiver on this machine: signed with the endpoint's
 * secret, retried with backoff while the receiver fails or is down, delivered once it answers 2xx.
 */

interface Received {
  id: string;
  type: string;
  signature: string;
  body: string;
  status: number;
}

/** A receiver that answers what `answer` says (200 by default) and keeps every request it got. */
class Receiver {
  readonly got: Received[] = [];
  answer: (r: Omit<Received, 'status'>) => number = () => 200;
  private server?: http.Server;
  port = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = {
          id: String(req.headers['x-lp-event-id']),
          type: String(req.headers['x-lp-event']),
          signature: String(req.headers['x-lp-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
        };
        const status = this.answer(r);
        this.got.push({ ...r, status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'boom');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => {
      this.server?.close(resolve);
      this.server?.closeAllConnections();
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  delivered(type: string): Received[] {
    return this.got.filter((r) => r.type === type && r.status < 300);
  }
}

/** Checks a signature as a receiver would: HMAC-SHA256 of "<t>.<body>", constant-time, fresh. */
function validSignature(r: Received, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature);
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${r.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

let t: TestApp;
let org: string;
let adminToken: string;
let memberToken: string;
let spaceId: string;
let day = 0;
const receiver = new Receiver();

const api = (p: string) => `${t.url}/api/v1${p}`;
const authed = (token: string) => ({ authorization: `Bearer ${token}` });

async function register(url: string, events = ['booking.created', 'booking.confirmed', 'booking.cancelled']) {
  const res = await postJson(api(`/organisations/${org}/webhooks`), adminToken, { url, events });
  expect(res.status).toBe(201);
  return WebhookEndpointWithSecret.parse(await jsonOf(res));
}

async function deliveriesOf(endpointId: string): Promise<WebhookDelivery[]> {
  const res = await fetch(api(`/webhooks/${endpointId}/deliveries`), { headers: authed(adminToken) });
  expect(res.status).toBe(200);
  return WebhookDeliveryList.parse(await jsonOf(res)).items;
}

async function book(): Promise<Booking> {
  const res = await postJson(api('/bookings'), memberToken, {
    spaceId,
    ...slot(++day, 9, 60),
    title: 'Atelier réparation',
    attendees: 4,
  });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
}

beforeAll(async () => {
  t = await startApp({
    env: {
      WEBHOOK_ALLOW_LOCAL: 'true',
      WEBHOOK_SWEEP_SECONDS: '1',
      WEBHOOK_RETRY_SECONDS: '0.3',
      WEBHOOK_MAX_ATTEMPTS: '4',
      WEBHOOK_TIMEOUT_SECONDS: '3',
    },
  });
  org = await createOrganisation(t.db);
  adminToken = await login(t.url, (await createUser(t.db, 'org_admin', { organisationId: org })).email);
  memberToken = await login(t.url, (await createMember(t.db, org)).email);
  spaceId = (await createSite(t.db)).spaceId;
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
  await t?.close();
});

beforeEach(() => {
  receiver.answer = () => 200;
});

describe('endpoints', () => {
  it('shows the secret once, keeps it encrypted, and lists the endpoint without it', async () => {
    const { endpoint, secret } = await register(receiver.url);
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(endpoint).toMatchObject({ organisationId: org, url: receiver.url, active: true });
    const list = await fetch(api(`/organisations/${org}/webhooks`), { headers: authed(adminToken) });
    const body = await list.text();
    expect(WebhookEndpointList.parse(JSON.parse(body)).items.map((e) => e.id)).toContain(endpoint.id);
    expect(body).not.toContain(secret);
    const [row] = await t.db.query(`SELECT secret_encrypted FROM webhook_endpoints WHERE id = $1`, [
      endpoint.id,
    ]);
    expect(row.secret_encrypted).not.toContain(secret.slice(6));
    await fetch(api(`/webhooks/${endpoint.id}`), { method: 'DELETE', headers: authed(adminToken) });
  });

  it('is for the organisation’s admins only', async () => {
    const { endpoint } = await register(receiver.url);
    const other = await createOrganisation(t.db);
    const otherAdmin = await login(
      t.url,
      (await createUser(t.db, 'org_admin', { organisationId: other })).email,
    );
    expect(
      (await fetch(api(`/organisations/${org}/webhooks`), { headers: authed(memberToken) })).status,
    ).toBe(403);
    expect((await fetch(api(`/organisations/${org}/webhooks`), { headers: authed(otherAdmin) })).status).toBe(
      404,
    );
    expect((await postJson(api(`/webhooks/${endpoint.id}/test`), otherAdmin, undefined)).status).toBe(404);
    expect(
      (await fetch(api(`/webhooks/${endpoint.id}/deliveries`), { headers: authed(otherAdmin) })).status,
    ).toBe(404);
    const del = await fetch(api(`/webhooks/${endpoint.id}`), {
      method: 'DELETE',
      headers: authed(adminToken),
    });
    expect(del.status).toBe(204);
    expect(
      (await fetch(api(`/webhooks/${endpoint.id}/deliveries`), { headers: authed(adminToken) })).status,
    ).toBe(404);
  });

  it('refuses what is not an address, and unknown events, with a 400 naming the field', async () => {
    for (const body of [
      { url: 'ftp://example.org/x', events: ['booking.created'] },
      { url: 'pas une adresse', events: ['booking.created'] },
      { url: 'https://example.org/x', events: ['booking.exploded'] },
      { url: 'https://example.org/x', events: [] },
    ]) {
      const res = await postJson(api(`/organisations/${org}/webhooks`), adminToken, body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('addresses (SSRF)', () => {
  it('refuses a public-looking name that resolves to a private address, at the moment of sending', async () => {
    const strict = new WebhookDispatcher(
      t.app.get(WebhooksRepository),
      { ...t.config, webhooks: { ...t.config.webhooks, allowLocal: false } },
      t.app.get(JOB_SCHEDULER),
    );
    const before = receiver.got.length;
    const viaName = await strict.send(
      `https://localhost:${receiver.port}/hooks`,
      's',
      'id',
      'webhook.test',
      '{}',
    );
    expect(viaName).toMatchObject({ delivered: false, statusCode: null });
    expect(viaName.error).toContain('private address');
    const plain = await strict.send(receiver.url, 's', 'id', 'webhook.test', '{}');
    expect(plain).toMatchObject({ delivered: false, error: 'https:// required' });
    expect(receiver.got.length).toBe(before);
    // The application's own dispatcher, allowed local addresses in tests, reaches the same receiver.
    const allowed = await t.app.get(WebhookDispatcher).send(receiver.url, 's', 'id', 'webhook.test', '{}');
    expect(allowed).toMatchObject({ delivered: true, statusCode: 200 });
  });

  it('refuses to register http://, localhost or a private address when local ones are not allowed', async () => {
    const strictConfig = { ...t.config, webhooks: { ...t.config.webhooks, allowLocal: false } };
    const service = new WebhooksService(
      t.app.get(WebhooksRepository),
      t.app.get(WebhookDispatcher),
      strictConfig,
    );
    const caller = {
      userId: (await createUser(t.db, 'org_admin', { organisationId: org })).id,
      sessionId: 'test',
      organisationId: org,
      roles: [{ role: 'org_admin' as const, organisationId: org, siteId: null, regionCode: null }],
    };
    for (const url of [
      receiver.url,
      'https://localhost/x',
      'https://10.0.0.8/x',
      'https://169.254.169.254/x',
    ])
      await expect(service.create(caller, org, { url, events: ['booking.created'] })).rejects.toMatchObject({
        status: 422,
        detail: 'VALIDATION_FAILED.webhookUrl',
      });
    const ok = await service.create(caller, org, {
      url: 'https://hooks.invalid/x',
      events: ['booking.created'],
    });
    expect(ok.endpoint.url).toBe('https://hooks.invalid/x');
    await t.db.query(`DELETE FROM webhook_endpoints WHERE id = $1`, [ok.endpoint.id]);
  });
});

describe('deliveries', () => {
  it('sends a booking’s creation and confirmation, signed, with the delivery id as event id', async () => {
    const { endpoint, secret } = await register(receiver.url);
    const b = await book();
    const got = await waitFor('both events', async () => {
      const mine = receiver.got.filter((r) => r.body.includes(b.id));
      return mine.length >= 2 && mine;
    });
    expect(got.map((r) => r.type).sort()).toEqual(['booking.confirmed', 'booking.created']);
    for (const r of got) {
      expect(validSignature(r, secret)).toBe(true);
      expect(validSignature(r, `${secret}x`)).toBe(false);
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({
        id: r.id,
        type: r.type,
        data: { booking: { id: b.id, status: 'confirmed' } },
      });
    }
    // The cancellation follows.
    expect((await postJson(api(`/bookings/${b.id}/cancel`), memberToken, {})).status).toBe(200);
    const cancelled = await waitFor('cancellation', async () =>
      receiver.got.find((r) => r.type === 'booking.cancelled' && r.body.includes(b.id)),
    );
    expect(validSignature(cancelled, secret)).toBe(true);
    expect(JSON.parse(cancelled.body).data.booking.status).toBe('cancelled');
    const log = await waitFor('the log', async () => {
      const d = await deliveriesOf(endpoint.id);
      return d.length === 3 && d.every((x) => x.status === 'delivered') && d;
    });
    expect(log[0]!.log[0]).toMatchObject({ attempt: 1, statusCode: 200, error: null });
    await fetch(api(`/webhooks/${endpoint.id}`), { method: 'DELETE', headers: authed(adminToken) });
  });

  it('retries a receiver that fails, then is down, and delivers once when it is back', async () => {
    const { endpoint, secret } = await register(receiver.url, ['booking.created']);
    let failures = 0;
    receiver.answer = (r) => (r.type === 'booking.created' && failures++ < 1 ? 500 : 200);
    const b = await book();
    await waitFor('a failed attempt', async () =>
      receiver.got.some((r) => r.body.includes(b.id) && r.status === 500),
    );
    // Now down altogether: attempts meet a refused connection.
    await receiver.stop();
    await waitFor('an attempt on a receiver down', async () => {
      const [d] = await deliveriesOf(endpoint.id);
      return d && d.log.some((a) => a.statusCode === null && a.error);
    });
    await receiver.start();
    const delivered = await waitFor('the delivery', async () => {
      const [d] = await deliveriesOf(endpoint.id);
      return d?.status === 'delivered' && d;
    });
    const mine = receiver.got.filter((r) => r.body.includes(b.id));
    expect(mine.filter((r) => r.status === 200)).toHaveLength(1);
    expect(new Set(mine.map((r) => r.id)).size).toBe(1);
    expect(mine.every((r) => validSignature(r, secret))).toBe(true);
    expect(delivered.log[0]).toMatchObject({ attempt: 1, statusCode: 500 });
    expect(delivered.log.at(-1)).toMatchObject({ statusCode: 200, error: null });
    expect(delivered.attempts).toBeGreaterThanOrEqual(3);
    // Handling the outbox event again adds no delivery.
    const [event] = await t.db.query(
      `SELECT id FROM outbox WHERE type = 'booking.confirmed' AND payload->>'bookingId' = $1`,
      [b.id],
    );
    await t.app.get(WebhooksService).fanOut(event.id, 'booking.confirmed', { bookingId: b.id });
    expect(await deliveriesOf(endpoint.id)).toHaveLength(1);
    await fetch(api(`/webhooks/${endpoint.id}`), { method: 'DELETE', headers: authed(adminToken) });
  });

  it('sends the creation of each booking of a series, once', async () => {
    const { endpoint, secret } = await register(receiver.url, ['booking.created']);
    const first = slot(++day, 14, 60);
    day += 3;
    const res = await postJson(api('/booking-series'), memberToken, {
      spaceId,
      firstStart: first.start,
      firstEnd: first.end,
      rrule: 'FREQ=DAILY;COUNT=3',
      title: 'Permanence',
      attendees: 1,
    });
    expect(res.status).toBe(201);
    const ids = (await jsonOf(res)).occurrences.map((o: { bookingId: string }) => o.bookingId);
    expect(ids).toHaveLength(3);
    const got = await waitFor('three creations', async () => {
      const mine = receiver.got.filter((r) => ids.some((id: string) => r.body.includes(id)));
      return mine.length >= 3 && mine;
    });
    expect(got.map((r) => JSON.parse(r.body).data.booking.id).sort()).toEqual([...ids].sort());
    expect(got.every((r) => r.type === 'booking.created' && validSignature(r, secret))).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.got.filter((r) => ids.some((id: string) => r.body.includes(id)))).toHaveLength(3);
    await fetch(api(`/webhooks/${endpoint.id}`), { method: 'DELETE', headers: authed(adminToken) });
  });

  it('gives up after the last attempt, with every attempt in the log', async () => {
    const { endpoint } = await register(receiver.url);
    receiver.answer = (r) => (r.type === 'webhook.test' ? 503 : 200);
    const res = await postJson(api(`/webhooks/${endpoint.id}/test`), adminToken, undefined);
    expect(res.status).toBe(202);
    const failed = await waitFor('given up', async () => {
      const [d] = await deliveriesOf(endpoint.id);
      return d?.status === 'failed' && d;
    });
    expect(failed.log.map((a) => a.statusCode)).toEqual([503, 503, 503, 503]);
    expect(failed.log[0]!.error).toContain('503');
    await fetch(api(`/webhooks/${endpoint.id}`), { method: 'DELETE', headers: authed(adminToken) });
  });

  it('sends a test, signs with the new secret after a rotation, and holds deliveries while disabled', async () => {
    const { endpoint, secret: first } = await register(receiver.url);
    const test = await jsonOf(await postJson(api(`/webhooks/${endpoint.id}/test`), adminToken, undefined));
    const got = await waitFor('the test', async () => receiver.got.find((r) => r.id === test.deliveryId));
    expect(got.type).toBe('webhook.test');
    expect(validSignature(got, first)).toBe(true);

    const rotated = WebhookEndpointWithSecret.parse(
      await jsonOf(await postJson(api(`/webhooks/${endpoint.id}/rotate-secret`), adminToken, undefined)),
    );
    expect(rotated.secret).not.toBe(first);
    const disable = await fetch(api(`/webhooks/${endpoint.id}`), {
      method: 'PATCH',
      headers: { ...authed(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(await jsonOf(disable)).toMatchObject({ active: false });
    const b = await book();
    // A disabled endpoint gets no new deliveries; a test waits in its log until it is enabled.
    const second = await jsonOf(await postJson(api(`/webhooks/${endpoint.id}/test`), adminToken, undefined));
    await new Promise((r) => setTimeout(r, 2_500));
    expect(receiver.got.some((r) => r.id === second.deliveryId || r.body.includes(b.id))).toBe(false);
    await fetch(api(`/webhooks/${endpoint.id}`), {
      method: 'PATCH',
      headers: { ...authed(adminToken), 'content-type': 'application/json' },
      body: JSON.stringify({ active: true }),
    });
    const later = await waitFor('the held test', async () =>
      receiver.got.find((r) => r.id === second.deliveryId),
    );
    expect(validSignature(later, rotated.secret)).toBe(true);
    expect(validSignature(later, first)).toBe(false);
    await fetch(api(`/webhooks/${endpoint.id}`), { method: 'DELETE', headers: authed(adminToken) });
  });
});
