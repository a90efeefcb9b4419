import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectNoSeriousViolations, findSpace, freeSlotNextWeek, signInAs, test } from './support';

const API = '/api/v1';
const ADMIN = {
  email: 'cooperative@demo.lieux-partages.fr',
  password: process.env.DEMO_PASSWORD ?? 'demo1234',
};
/** The receiver's port (the server runs with WEBHOOK_ALLOW_LOCAL=true, as the config below starts it). */
const PORT = Number(process.env.E2E_WEBHOOK_PORT ?? 3222);

interface Received {
  path: string;
  id: string;
  type: string;
  signature: string;
  body: string;
  status: number;
}

/** A receiver as an organisation's tool would run one: keeps what it got, answers 200. */
class Receiver {
  readonly got: Received[] = [];
  private server?: http.Server;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.got.push({
          path: req.url ?? '',
          id: String(req.headers['x-lp-event-id']),
          type: String(req.headers['x-lp-event']),
          signature: String(req.headers['x-lp-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
          status: 200,
        });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(PORT, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => {
      this.server?.close(resolve);
      this.server?.closeAllConnections();
    });
  }
}

/** As a receiver checks it: HMAC-SHA256 of "<t>.<body>" under the secret, in constant time, recent. */
function validSignature(r: Received, secret: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.signature);
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${m[1]}.${r.body}`).digest();
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}

async function book(request: APIRequestContext, from: string, to: string): Promise<string> {
  const login = await request.post(`${API}/auth/login`, { data: ADMIN });
  const token = (await login.json()).accessToken;
  const space = await findSpace(request, 'Salle Garrigue');
  const slot = await freeSlotNextWeek(request, space, from, to, [4, 3, 2, 1, 0]);
  const res = await request.post(`${API}/bookings`, {
    headers: { authorization: `Bearer ${token}` },
    data: {
      spaceId: space.id,
      start: slot.start,
      end: slot.end,
      title: `Webhook ${Date.now()}`,
      attendees: 2,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).id;
}

const log = (page: Page, path: string) =>
  page.getByRole('table', { name: `Derniers envois vers http://127.0.0.1:${PORT}${path}` });

test.describe('webhooks', () => {
  test('an organisation admin registers a webhook, tests it, and receives its bookings, again after an outage', async ({
    page,
    request,
  }) => {
    test.slow();
    const receiver = new Receiver();
    // A path of this run's own: an endpoint left by an earlier run on the same data gets none of its checks.
    const path = `/lieux-${Date.now()}`;
    const got = () => receiver.got.filter((r) => r.path === path);
    await receiver.start();
    try {
      await signInAs(page, ADMIN.email);
      await page.getByRole('link', { name: 'Intégrations' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Intégrations' })).toBeVisible();
      await page.getByLabel('Adresse du webhook').fill(`http://127.0.0.1:${PORT}${path}`);
      await page.getByLabel('Description (facultative)').fill('Notre CRM');
      await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
      const secret = (await page.getByTestId('webhook-secret').textContent())!;
      expect(secret).toMatch(/^whsec_/);
      await expectNoSeriousViolations(page, 'webhooks');
      await page.getByRole('button', { name: 'J’ai enregistré le secret' }).click();
      await expect(page.getByTestId('webhook-secret')).toHaveCount(0);

      // "Send a test": signed with the secret shown, logged as delivered.
      const card = page.getByRole('article').filter({ hasText: `127.0.0.1:${PORT}${path}` });
      await card.getByRole('button', { name: 'Envoyer un test' }).click();
      await expect(card.getByText('Événement de test envoyé')).toBeVisible();
      await expect.poll(() => got().filter((r) => r.type === 'webhook.test').length).toBe(1);
      expect(validSignature(got()[0]!, secret)).toBe(true);
      await expect(log(page, path).getByRole('row').filter({ hasText: 'webhook.test' })).toContainText(
        'Remis',
      );

      // A booking made: the receiver gets its creation, signed.
      const first = await book(request, '15:00', '16:00');
      await expect
        .poll(() => got().find((r) => r.type === 'booking.created' && r.body.includes(first)))
        .toBeTruthy();
      const created = got().find((r) => r.type === 'booking.created' && r.body.includes(first))!;
      expect(validSignature(created, secret)).toBe(true);
      expect(JSON.parse(created.body)).toMatchObject({ id: created.id, data: { booking: { id: first } } });

      // The receiver goes down: the next booking's delivery fails, is retried, and arrives once it is back.
      await receiver.stop();
      const second = await book(request, '16:00', '17:00');
      const row = log(page, path)
        .getByRole('row')
        .filter({ hasText: 'booking.created' })
        .filter({ hasText: 'pas de réponse' });
      await expect(row.first()).toContainText('En attente', { timeout: 20_000 });
      await receiver.start();
      await expect
        .poll(() => got().filter((r) => r.type === 'booking.created' && r.body.includes(second)).length, {
          timeout: 30_000,
        })
        .toBe(1);
      const retried = got().find((r) => r.type === 'booking.created' && r.body.includes(second))!;
      expect(validSignature(retried, secret)).toBe(true);
      await expect(row.first()).toContainText('Remis', { timeout: 15_000 });
      await expectNoSeriousViolations(page, 'webhooks-log');

      // Removed: nothing more is sent to it.
      await card.getByRole('button', { name: 'Supprimer' }).click();
      await card.getByRole('button', { name: 'Confirmer la suppression' }).click();
      await expect(card).toHaveCount(0);
    } finally {
      await receiver.stop();
    }
  });
});
