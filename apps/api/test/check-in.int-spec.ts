import { CheckInSweeper } from '../src/check-in/check-in-sweeper';
import { WaitlistSweeper } from '../src/bookings/waitlist-sweeper';
import { OccupancyService } from '../src/reports/occupancy.service';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  insertWaitlistEntry,
  jsonOf,
  login,
  postJson,
} from './fixtures';
import { mailsTo, MODE, startApp, waitFor, type TestApp } from './harness';

/**
 * Check-in and release on the real database: the window, who may check in, idempotence, and the sweep that
 * releases what nobody checked in for (no-show, the waiting list offered the rest, one e-mail, once).
 */
let t: TestApp;
let sweeper: CheckInSweeper;
let organisationId: string;
let member: { id: string; email: string; token: string };
let site: { siteId: string; spaceId: string };

const MIN = 60_000;
const at = (minutes: number) => new Date(Date.now() + minutes * MIN).toISOString();

/** A space of its own site requiring check-in within `minutes` (since a day ago), or not requiring it. */
async function space(minutes: number | null, o: { siteId?: string } = {}): Promise<string> {
  const s = await createSite(t.db);
  await t.db.query(
    `UPDATE spaces SET check_in_minutes = $2, check_in_since = CASE WHEN $2::int IS NULL THEN NULL ELSE now() - interval '1 day' END,
            site_id = coalesce($3, site_id) WHERE id = $1`,
    [s.spaceId, minutes, o.siteId ?? null],
  );
  return s.spaceId;
}
const book = (
  spaceId: string,
  from: number,
  to: number,
  status: 'confirmed' | 'cancelled' = 'confirmed',
  title = 'Fixture',
) =>
  insertBooking(t.db, {
    spaceId,
    organisationId,
    bookedBy: member.id,
    status,
    start: at(from),
    end: at(to),
    title,
  });
const checkIn = (id: string, token: string | null = member.token) =>
  postJson(`${t.url}/api/v1/bookings/${id}/check-in`, token, undefined);
const row = async (id: string) =>
  (
    await t.db.query(
      `SELECT status, checked_in_at, checked_in_by, released_at, lower(period) AS start FROM bookings WHERE id = $1`,
      [id],
    )
  )[0];
const count = async (sql: string, params: unknown[]) => (await t.db.query(sql, params))[0].n as number;

beforeAll(async () => {
  t = await startApp({ env: { CHECK_IN_SWEEP_SECONDS: '3600', BOOKING_SWEEP_SECONDS: '3600' } });
  sweeper = t.app.get(CheckInSweeper);
  site = await createSite(t.db);
  organisationId = await createOrganisation(t.db);
  const m = await createMember(t.db, organisationId);
  member = { ...m, token: await login(t.url, m.email) };
});

afterAll(() => t?.close());

describe(`check-in (${MODE})`, () => {
  it('opens 15 minutes before the start, closes at start + N, and is idempotent', async () => {
    const spaceId = await space(10);
    const early = await book(spaceId, 30, 90);
    const res = await checkIn(early);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await jsonOf(res)).toMatchObject({
      code: 'CHECK_IN_NOT_OPEN',
      detail: 'Trop tôt pour signaler votre arrivée.',
    });

    const now = await book(await space(10), -5, 55);
    const first = await checkIn(now);
    expect(first.status).toBe(200);
    const body = await jsonOf(first);
    expect(body).toMatchObject({ id: now, status: 'confirmed', checkInMinutes: 10 });
    expect(Date.parse(body.checkedInAt)).toBeGreaterThan(Date.now() - 10_000);
    const again = await checkIn(now);
    expect(again.status).toBe(200);
    expect((await jsonOf(again)).checkedInAt).toBe(body.checkedInAt);
    expect(await row(now)).toMatchObject({ checked_in_by: member.id });
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'check_in'`, [
        now,
      ]),
    ).toBe(1);
    const history = await jsonOf(
      await fetch(`${t.url}/api/v1/bookings/${now}/history`, {
        headers: { authorization: `Bearer ${member.token}` },
      }),
    );
    expect(history.items.filter((h: { changes: object }) => 'checkedInAt' in h.changes)).toHaveLength(1);

    const late = await book(await space(10), -12, 48);
    const closed = await checkIn(late);
    expect(closed.status).toBe(422);
    expect((await jsonOf(closed)).code).toBe('CHECK_IN_CLOSED');

    const cancelled = await book(await space(10), 60, 120, 'cancelled');
    await t.db.query(
      `UPDATE bookings SET period = tstzrange($2, $3), blocked_period = tstzrange($2, $3) WHERE id = $1`,
      [cancelled, at(-1), at(30)],
    );
    const refused = await checkIn(cancelled);
    expect(refused.status).toBe(409);
    expect((await jsonOf(refused)).code).toBe('BOOKING_STATE_CHANGED');
  });

  it('is open until the end when the space does not require it', async () => {
    const spaceId = await space(null);
    const b = await book(spaceId, -50, 10);
    expect((await checkIn(b)).status).toBe(200);
  });

  it('is for the organisation’s members and the site’s managers; anyone else is told nothing', async () => {
    const spaceId = await space(10, { siteId: site.siteId });
    const b = await book(spaceId, -2, 60);
    const other = await createMember(t.db, await createOrganisation(t.db));
    expect((await checkIn(b, await login(t.url, other.email))).status).toBe(404);
    const otherManager = await createUser(t.db, 'site_manager', { siteId: (await createSite(t.db)).siteId });
    expect((await checkIn(b, await login(t.url, otherManager.email))).status).toBe(404);
    // A delegate sees the region's bookings but does not check them in.
    const delegate = await createUser(t.db, 'delegate', { regionCode: '76' });
    expect((await checkIn(b, await login(t.url, delegate.email))).status).toBe(403);
    expect((await checkIn(b, null)).status).toBe(401);
    const manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
    const res = await checkIn(b, await login(t.url, manager.email));
    expect(res.status).toBe(200);
    expect(await row(b)).toMatchObject({ checked_in_by: manager.id });
  });
});

describe(`release of bookings nobody checked in for (${MODE})`, () => {
  it('releases past start + N, offers the rest of the slot to the waiting list, e-mails once', async () => {
    const spaceId = await space(10);
    const due = await book(spaceId, -15, 105, 'confirmed', 'Atelier libéré');
    const releaseMails = async () =>
      (await mailsTo(t, member.email)).filter(
        (m) => m.subject.startsWith('Votre réservation a été libérée') && m.text.includes('Atelier libéré'),
      );
    const waiting = await insertWaitlistEntry(t.db, {
      spaceId,
      organisationId: await createOrganisation(t.db),
      start: at(-15),
      end: at(105),
    });
    // The waiting list's own sweep keeps an entry whose slot began while a release may still come.
    await t.app.get(WaitlistSweeper).sweep();
    expect((await t.db.query(`SELECT status FROM waitlist_entries WHERE id = $1`, [waiting]))[0].status).toBe(
      'waiting',
    );
    const checkedIn = await book(await space(10), -15, 105);
    await t.db.query(`UPDATE bookings SET checked_in_at = now() WHERE id = $1`, [checkedIn]);
    const noRule = await book(await space(null), -15, 105);
    const beforeRule = await book(await space(10), -15, 105);
    await t.db.query(
      `UPDATE spaces SET check_in_since = now() - interval '1 minute' WHERE id = (SELECT space_id FROM bookings WHERE id = $1)`,
      [beforeRule],
    );
    const notYet = await book(await space(20), -15, 105);

    const { released } = await sweeper.sweep();
    expect(released).toBeGreaterThanOrEqual(1);
    const r = await row(due);
    expect(r.status).toBe('released');
    expect(r.released_at).not.toBeNull();
    for (const id of [checkedIn, noRule, beforeRule, notYet])
      expect((await row(id)).status).toBe('confirmed');

    // The rest, from the release rounded up to the 30-minute step counted from the start, to the end.
    const [entry] = await t.db.query(
      `SELECT status, lower(period) AS s, upper(period) AS e FROM waitlist_entries WHERE id = $1`,
      [waiting],
    );
    expect(entry.status).toBe('offered');
    expect(new Date(entry.s).getTime()).toBe(new Date(r.start).getTime() + 30 * MIN);
    // The released booking holds no slot: the rest can be booked.
    await insertBooking(t.db, {
      spaceId,
      organisationId,
      start: new Date(entry.s).toISOString(),
      end: at(105),
    });

    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbox WHERE type = 'booking.released' AND payload->>'bookingId' = $1`,
        [due],
      ),
    ).toBe(1);
    const [mail] = await waitFor(
      'the release e-mail',
      async () => (await releaseMails()).length > 0 && releaseMails(),
    );
    expect(mail.text).toContain('personne n’a signalé son arrivée');
    await sweeper.sweep();
    await new Promise((ok) => setTimeout(ok, 2500));
    expect(await releaseMails()).toHaveLength(1);
    // Too late to check in once released.
    expect((await jsonOf(await checkIn(due))).code).toBe('BOOKING_STATE_CHANGED');
  });

  it('releases each booking once when sweeps run side by side', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await book(await space(5), -20, 40));
    const runs = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    expect(runs.reduce((n, x) => n + x.released, 0)).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      expect((await row(id)).status).toBe('released');
      expect(
        await count(
          `SELECT count(*)::int AS n FROM booking_history WHERE booking_id = $1 AND to_status = 'released'`,
          [id],
        ),
      ).toBe(1);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM outbox WHERE type = 'booking.released' AND payload->>'bookingId' = $1`,
          [id],
        ),
      ).toBe(1);
    }
  });

  it('counts a released booking as a no-show that used no time; a checked-in one as booked', async () => {
    const spaceId = await space(10);
    // Open all day, whatever the hour the suite runs at.
    const allDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));
    await t.db.query(
      `UPDATE sites SET opening_hours = $2 WHERE id = (SELECT site_id FROM spaces WHERE id = $1)`,
      [spaceId, JSON.stringify(allDay)],
    );
    // Published since before the bookings: just after midnight they start on a day it was not yet offered.
    await t.db.query(
      `UPDATE space_publications SET period = tstzrange(now() - interval '1 day', NULL) WHERE space_id = $1`,
      [spaceId],
    );
    const released = await book(spaceId, -40, -10);
    const used = await book(spaceId, -100, -50);
    await t.db.query(`UPDATE bookings SET checked_in_at = lower(period) WHERE id = $1`, [used]);
    await sweeper.sweep();
    expect((await row(released)).status).toBe('released');
    await t.app.get(OccupancyService).drain();
    const [d] = await t.db.query(
      `SELECT sum(booked_minutes)::int AS booked, sum(bookings)::int AS bookings, sum(no_shows)::int AS no_shows
         FROM occupancy_days WHERE space_id = $1`,
      [spaceId],
    );
    expect(d).toMatchObject({ bookings: 1, no_shows: 1 });
    // The checked-in 50 minutes count. Should they straddle midnight, the site's closed minute (23:59) is
    // not counted, and each day counts its whole minutes: the second the booking starts and ends at may
    // cost one more.
    expect(d.booked).toBeGreaterThanOrEqual(48);
    expect(d.booked).toBeLessThanOrEqual(50);
  });
});
