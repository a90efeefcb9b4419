import { readdirSync } from 'node:fs';
import { BookingSweeper } from '../src/bookings/booking-sweeper';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  jsonOf,
  login,
  postJson,
} from './fixtures';
import { mailsTo, MODE, startApp, waitFor, type TestApp } from './harness';

/** Completion, expiry and reminders: found in the database by the sweep, whatever process runs it. */
let t: TestApp;
let sweeper: BookingSweeper;
let site: { siteId: string; spaceId: string };
let organisationId: string;
let member: { id: string; email: string };
let manager: { id: string; email: string };

const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
/**
 * A half-hour booking starting `startsIn` hours from now, made `madeAgo` hours ago, in a space of its own
 * (so that none overlaps another) unless one is given.
 */
const put = async (status: 'pending' | 'confirmed', startsIn: number, madeAgo: number, spaceId?: string) =>
  insertBooking(t.db, {
    spaceId: spaceId ?? (await createSite(t.db, { holidays: 'closed' })).spaceId,
    organisationId,
    bookedBy: member.id,
    status,
    start: at(startsIn),
    end: at(startsIn + 0.5),
    createdAt: at(-madeAgo),
  });
const statusOf = async (id: string) =>
  (await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [id]))[0].status as string;
const eventsOf = async (id: string) =>
  (
    await t.db.query(`SELECT type FROM outbox WHERE payload->>'bookingId' = $1 ORDER BY created_at`, [id])
  ).map((e: { type: string }) => e.type);

const mailWith = (to: string, subject: string) =>
  waitFor(`« ${subject} » to ${to}`, async () =>
    (await mailsTo(t, to)).find((m) => m.subject.startsWith(subject)),
  );

beforeAll(async () => {
  t = await startApp({
    env: { BOOKING_SWEEP_SECONDS: '3600', PENDING_REMINDER_HOURS: '24', PENDING_EXPIRY_HOURS: '48' },
  });
  sweeper = t.app.get(BookingSweeper);
  site = await createSite(t.db);
  organisationId = await createOrganisation(t.db);
  member = await createMember(t.db, organisationId);
  manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
});

afterAll(() => t?.close());

describe(`booking sweeps (${MODE})`, () => {
  it('completes confirmed bookings once they have ended, and only those', async () => {
    const ended = await put('confirmed', -3, 100);
    const running = await put('confirmed', -0.25, 100);
    const future = await put('confirmed', 10, 100);
    const counts = await sweeper.sweep();
    expect(counts.completed).toBeGreaterThanOrEqual(1);
    expect([await statusOf(ended), await statusOf(running), await statusOf(future)]).toEqual([
      'completed',
      'confirmed',
      'confirmed',
    ]);
    const [h] = await t.db.query(
      `SELECT actor_id, from_status, to_status FROM booking_history WHERE booking_id = $1`,
      [ended],
    );
    expect(h).toEqual({ actor_id: null, from_status: 'confirmed', to_status: 'completed' });
    // Done once: a second sweep finds nothing more to do for it.
    await sweeper.sweep();
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM booking_history WHERE booking_id = $1`, [ended]))[0]
        .n,
    ).toBe(1);
  });

  it('expires a request unanswered after the configured delay, or whose start has come, freeing its slot', async () => {
    const old = await put('pending', 72, 49);
    const young = await put('pending', 72, 47);
    const startedMeanwhile = await put('pending', -0.1, 1);
    await sweeper.sweep();
    expect([await statusOf(old), await statusOf(young), await statusOf(startedMeanwhile)]).toEqual([
      'expired',
      'pending',
      'expired',
    ]);
    expect(await eventsOf(old)).toContain('booking.expired');
    const [event] = await t.db.query(
      `SELECT payload FROM outbox WHERE type = 'booking.expired' AND payload->>'bookingId' = $1`,
      [old],
    );
    expect(event.payload).toMatchObject({ bookingId: old });
    // The slot is free again: the same period can be held by someone else.
    const [{ period }] = await t.db.query(`SELECT period::text FROM bookings WHERE id = $1`, [old]);
    const [{ space_id: spaceId }] = await t.db.query(`SELECT space_id FROM bookings WHERE id = $1`, [old]);
    await t.db.query(
      `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
       VALUES ($1, $2, 'confirmed', $3::tstzrange, $3::tstzrange, 'Après expiration', 1, 0)`,
      [spaceId, organisationId, period],
    );
    await mailWith(member.email, 'Demande de réservation expirée');
  });

  it('reminds the site’s managers of a request waiting since the reminder delay, once', async () => {
    const waiting = await put('pending', 72, 25, site.spaceId);
    const fresh = await put('pending', 72, 1);
    await sweeper.sweep();
    await sweeper.sweep();
    expect(await eventsOf(waiting)).toEqual(['booking.request_reminder']);
    expect(await eventsOf(fresh)).toEqual([]);
    await mailWith(manager.email, 'Demande en attente de réponse');
    const mails = await mailsTo(t, manager.email);
    expect(mails.filter((m) => m.subject.startsWith('Demande en attente de réponse'))).toHaveLength(1);
  });

  it('queues the reminder a day before the start, once, and not for a booking made the day before', async () => {
    const tomorrow = await put('confirmed', 20, 72);
    const lastMinute = await put('confirmed', 20, 2);
    const nextWeek = await put('confirmed', 24 * 7, 72);
    await sweeper.sweep();
    await sweeper.sweep();
    expect(await eventsOf(tomorrow)).toEqual(['booking.reminder']);
    expect(await eventsOf(lastMinute)).toEqual([]);
    expect(await eventsOf(nextWeek)).toEqual([]);
    const reminder = await mailWith(member.email, 'Rappel de votre réservation de demain');
    expect(reminder?.text).toContain('1 rue de la Poste');
    expect(reminder?.text).toMatch(/annuler=/);
  });

  it('drops the reminder of a booking cancelled before it fires: the e-mail re-reads the booking', async () => {
    const b = await put('confirmed', 20, 72);
    const token = await login(t.url, member.email);
    // The reminder is queued but not yet delivered when the organisation cancels.
    const [{ id: eventId }] = await t.db.query(
      `INSERT INTO outbox (type, payload, enqueued_at) VALUES ('booking.reminder', $1, now()) RETURNING id`,
      [JSON.stringify({ bookingId: b })],
    );
    expect((await postJson(`${t.url}/api/v1/bookings/${b}/cancel`, token, {})).status).toBe(200);
    await t.app.get(NotificationProcessor).deliver(eventId);
    await waitFor(
      'the reminder event to be done',
      async () =>
        (await t.db.query(`SELECT 1 FROM outbox WHERE id = $1 AND done_at IS NOT NULL`, [eventId])).length >
        0,
    );
    expect(readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(eventId))).toEqual([]);
    // And the sweep does not queue another one for it.
    await sweeper.sweep();
    expect(await eventsOf(b)).toEqual(['booking.reminder', 'booking.cancelled']);
    expect(
      await jsonOf(
        await fetch(`${t.url}/api/v1/bookings/${b}`, { headers: { authorization: `Bearer ${token}` } }),
      ),
    ).toMatchObject({
      status: 'cancelled',
    });
  });
});
