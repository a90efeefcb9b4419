import Bull from 'bull';
import { OutboxRelay } from '../src/notifications/outbox.relay';
import {
  createMember,
  createOrganisation,
  createSpace,
  createUser,
  insertBooking,
  postJson,
  slot,
} from './fixtures';
import { MODE, mailsTo, startApp, waitFor, type TestApp } from './harness';

let t: TestApp;

// The other suites sweep every 2 s, which would hide a commit's own hand-out failing: here the sweep
// waits an hour, so only the hand-out that follows the commit can deliver in time.
beforeAll(async () => {
  t = await startApp({ env: { OUTBOX_SWEEP_SECONDS: '3600' } });
});
afterAll(() => t?.close());

describe(`outbox relay (${MODE})`, () => {
  it('hands a committed event to the queue at once, without waiting for the sweep', async () => {
    const { email } = await createUser(t.db, 'admin');
    const res = await postJson(`${t.url}/api/v1/auth/password-reset`, null, { email });
    expect(res.status).toBe(202);
    const [mail] = await mailsTo(t, email);
    expect(mail.text).toMatch(/mot-de-passe\/nouveau/);
  });
});

(MODE === 'services' ? describe : describe.skip)('outbox relay and Bull (services)', () => {
  it('hands out again an event whose job failed in Redis without the event being parked', async () => {
    const org = await createOrganisation(t.db);
    const member = await createMember(t.db, org);
    const { start, end } = slot(40);
    const bookingId = await insertBooking(t.db, {
      spaceId: await createSpace(t.db),
      organisationId: org,
      bookedBy: member.id,
      start,
      end,
    });
    const [{ id }] = await t.db.query(
      `INSERT INTO outbox (type, payload, enqueued_at) VALUES ('booking.confirmed', $1, now() - interval '1 hour')
       RETURNING id`,
      [JSON.stringify({ bookingId })],
    );
    // What Bull leaves of a job whose workers died too often: a failed job that holds the event's id, so
    // that adding the event again is silently ignored.
    const queue = new Bull('notifications', t.config.redisUrl!);
    try {
      await queue.client.hset(queue.toKey(id), {
        name: 'deliver',
        data: JSON.stringify({ eventId: id }),
        opts: JSON.stringify({ jobId: id, attempts: 8 }),
        timestamp: Date.now(),
        attemptsMade: 0,
        stalledCounter: 4,
        failedReason: 'job stalled more than allowable limit',
        finishedOn: Date.now(),
      });
      await queue.client.zadd(queue.toKey('failed'), Date.now(), id);
      await t.app.get(OutboxRelay).dispatch();
      await waitFor(
        'the event to be delivered',
        async () =>
          (await t.db.query(`SELECT 1 FROM outbox WHERE id = $1 AND done_at IS NOT NULL`, [id])).length,
      );
      const [mail] = await mailsTo(t, member.email);
      expect(mail.subject).toMatch(/^Réservation confirmée/);
    } finally {
      await queue.close();
    }
  });
});
