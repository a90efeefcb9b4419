import { Booking, BookingHistory } from '@lieux/contracts';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

let t: TestApp;
let site: { siteId: string; spaceId: string };
let approvalSite: { siteId: string; spaceId: string };
let organisationId: string;
let member: { id: string; email: string };
let memberToken: string;
let managerToken: string;
let approvalManagerToken: string;
let day = 0;

const api = (path: string) => `${t.url}/api/v1${path}`;
const get = (path: string, token: string) =>
  fetch(api(path), { headers: { authorization: `Bearer ${token}` } });
const act = (id: string, action: string, token: string, body: unknown = {}) =>
  postJson(api(`/bookings/${id}/${action}`), token, body);
const book = async (spaceId: string, s = slot(++day), token = memberToken) => {
  const res = await postJson(api('/bookings'), token, { spaceId, ...s, title: 'Atelier', attendees: 4 });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
};
const statusOf = async (id: string) =>
  (await t.db.query(`SELECT status FROM bookings WHERE id = $1`, [id]))[0].status as string;
const eventsOf = async (id: string) =>
  (
    await t.db.query(
      `SELECT type, payload FROM outbox WHERE payload->>'bookingId' = $1 ORDER BY created_at`,
      [id],
    )
  ).map((e: { type: string }) => e.type);
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  t = await startApp();
  site = await createSite(t.db);
  approvalSite = await createSite(t.db, { approvalRequired: true });
  organisationId = await createOrganisation(t.db);
  member = await createMember(t.db, organisationId);
  memberToken = await login(t.url, member.email);
  managerToken = await login(t.url, (await createUser(t.db, 'site_manager', { siteId: site.siteId })).email);
  approvalManagerToken = await login(
    t.url,
    (await createUser(t.db, 'site_manager', { siteId: approvalSite.siteId })).email,
  );
});

afterAll(() => t?.close());

describe(`booking lifecycle (${MODE})`, () => {
  it('shows a booking with its history from creation', async () => {
    const b = await book(site.spaceId);
    const res = await get(`/bookings/${b.id}`, memberToken);
    expect(res.status).toBe(200);
    expect(Booking.parse(await jsonOf(res))).toMatchObject({ id: b.id, status: 'confirmed' });
    const history = BookingHistory.parse(await jsonOf(await get(`/bookings/${b.id}/history`, memberToken)));
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      fromStatus: null,
      toStatus: 'confirmed',
      actor: { id: member.id },
    });
  });

  it('lets the organisation cancel without a reason: the slot frees, history and event are written', async () => {
    const s = slot(++day);
    const b = await book(site.spaceId, s);
    const res = await act(b.id, 'cancel', memberToken);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ status: 'cancelled', lateCancellation: false });
    expect(await eventsOf(b.id)).toEqual(['booking.confirmed', 'booking.cancelled']);
    const [event] = await t.db.query(
      `SELECT payload FROM outbox WHERE type = 'booking.cancelled' AND payload->>'bookingId' = $1`,
      [b.id],
    );
    expect(event.payload).toMatchObject({ bookingId: b.id });
    const history = BookingHistory.parse(await jsonOf(await get(`/bookings/${b.id}/history`, memberToken)));
    expect(history.items.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'confirmed'],
      ['confirmed', 'cancelled'],
    ]);
    expect(history.items[1].actor?.id).toBe(member.id);
    // Another organisation may now book the freed slot.
    const other = await createMember(t.db, await createOrganisation(t.db));
    await book(site.spaceId, s, await login(t.url, other.email));
  });

  it('flags a cancellation less than 24 h before the start as late', async () => {
    const soon = await insertBooking(t.db, {
      spaceId: site.spaceId,
      organisationId,
      start: hoursFromNow(23),
      end: hoursFromNow(24),
    });
    const later = await insertBooking(t.db, {
      spaceId: site.spaceId,
      organisationId,
      start: hoursFromNow(25),
      end: hoursFromNow(26),
    });
    expect(await jsonOf(await act(soon, 'cancel', memberToken))).toMatchObject({ lateCancellation: true });
    expect(await jsonOf(await act(later, 'cancel', memberToken))).toMatchObject({ lateCancellation: false });
    const rows = await t.db.query(
      `SELECT id, late_cancellation FROM bookings WHERE id = ANY($1) ORDER BY lower(period)`,
      [[soon, later]],
    );
    expect(rows.map((r: { late_cancellation: boolean }) => r.late_cancellation)).toEqual([true, false]);
  });

  it('makes a manager give a reason to cancel, and keeps it', async () => {
    const b = await book(site.spaceId);
    const bare = await act(b.id, 'cancel', managerToken);
    expect(bare.status).toBe(422);
    expect((await jsonOf(bare)).code).toBe('REASON_REQUIRED');
    expect(await statusOf(b.id)).toBe('confirmed');
    const res = await act(b.id, 'cancel', managerToken, { reason: 'Dégât des eaux' });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ status: 'cancelled', cancellationReason: 'Dégât des eaux' });
    const history = BookingHistory.parse(await jsonOf(await get(`/bookings/${b.id}/history`, memberToken)));
    expect(history.items[1].reason).toBe('Dégât des eaux');
  });

  it('hides a booking from other organisations and other sites’ managers (404), shows it to the region', async () => {
    const b = await book(site.spaceId);
    const stranger = await login(t.url, (await createMember(t.db, await createOrganisation(t.db))).email);
    expect((await get(`/bookings/${b.id}`, stranger)).status).toBe(404);
    expect((await get(`/bookings/${b.id}/history`, stranger)).status).toBe(404);
    expect((await act(b.id, 'cancel', stranger)).status).toBe(404);
    expect((await act(b.id, 'cancel', approvalManagerToken, { reason: 'Pas mon site' })).status).toBe(404);
    const delegate = await login(t.url, (await createUser(t.db, 'delegate', { regionCode: '76' })).email);
    expect((await get(`/bookings/${b.id}`, delegate)).status).toBe(200);
    const otherRegion = await login(t.url, (await createUser(t.db, 'delegate', { regionCode: '11' })).email);
    expect((await get(`/bookings/${b.id}`, otherRegion)).status).toBe(404);
    expect(await statusOf(b.id)).toBe('confirmed');
  });

  it('answers 409 when the state changed, and 422 once the booking has started', async () => {
    const b = await book(site.spaceId);
    expect((await act(b.id, 'cancel', memberToken)).status).toBe(200);
    const again = await act(b.id, 'cancel', memberToken);
    expect(again.status).toBe(409);
    expect((await jsonOf(again)).code).toBe('BOOKING_STATE_CHANGED');
    const started = await insertBooking(t.db, {
      spaceId: site.spaceId,
      organisationId,
      start: hoursFromNow(-1),
      end: hoursFromNow(1),
    });
    const late = await act(started, 'cancel', memberToken);
    expect(late.status).toBe(422);
    expect((await jsonOf(late)).code).toBe('ALREADY_STARTED');
  });

  it('lets exactly one of two simultaneous decisions win', async () => {
    for (let round = 0; round < 5; round++) {
      const b = await book(approvalSite.spaceId);
      const answers = await Promise.all([
        act(b.id, 'approve', approvalManagerToken),
        act(b.id, 'cancel', memberToken),
        act(b.id, 'reject', approvalManagerToken, { reason: 'Salle prise' }),
      ]);
      const [approve, cancel, reject] = answers.map((r) => r.status);
      for (const status of [approve, cancel, reject]) expect([200, 409]).toContain(status);
      // Exactly one move out of `pending` wins. The member's cancel may also win after it when the approval
      // committed before the cancel read the booking: cancelling a confirmed booking is a move of its own.
      const winners = [approve, cancel, reject].filter((s) => s === 200).length;
      if (winners === 2) expect([approve, cancel, reject]).toEqual([200, 200, 409]);
      else expect(winners).toBe(1);
      const [row] = await t.db.query(
        `SELECT b.status, (SELECT count(*)::int FROM booking_history h WHERE h.booking_id = b.id) AS n
           FROM bookings b WHERE b.id = $1`,
        [b.id],
      );
      expect(row.n).toBe(1 + winners);
      expect(row.status).toBe(cancel === 200 ? 'cancelled' : approve === 200 ? 'confirmed' : 'rejected');
    }
  });

  it('keeps a request pending and holding its slot until a manager approves it', async () => {
    const s = slot(++day);
    const b = await book(approvalSite.spaceId, s);
    expect(b.status).toBe('pending');
    const other = await login(t.url, (await createMember(t.db, await createOrganisation(t.db))).email);
    const taken = await postJson(api('/bookings'), other, {
      spaceId: approvalSite.spaceId,
      ...s,
      title: 'X',
      attendees: 1,
    });
    expect(taken.status).toBe(409);
    expect((await act(b.id, 'approve', memberToken)).status).toBe(403);
    const res = await act(b.id, 'approve', approvalManagerToken);
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ status: 'confirmed' });
    expect(await eventsOf(b.id)).toEqual(['booking.requested', 'booking.confirmed']);
    expect((await act(b.id, 'approve', approvalManagerToken)).status).toBe(409);
  });

  it('re-checks the space’s rules when approving: 422 with the rule, the request stays pending', async () => {
    const s = slot(++day);
    const b = await book(approvalSite.spaceId, s);
    const date = s.start.slice(0, 10);
    await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Travaux')`,
      [approvalSite.siteId, date],
    );
    try {
      const res = await act(b.id, 'approve', approvalManagerToken);
      expect(res.status).toBe(422);
      // The same refusal as a new booking on that day: the closure, named.
      expect(await jsonOf(res)).toMatchObject({
        code: 'CLOSED',
        detail: 'Le site est fermé ce jour-là (Travaux).',
      });
      expect(await statusOf(b.id)).toBe('pending');
    } finally {
      await t.db.query(`DELETE FROM site_closures WHERE site_id = $1`, [approvalSite.siteId]);
    }
    await t.db.query(`UPDATE spaces SET capacity = 2 WHERE id = $1`, [approvalSite.spaceId]);
    try {
      const res = await act(b.id, 'approve', approvalManagerToken);
      expect((await jsonOf(res)).code).toBe('TOO_MANY_ATTENDEES');
    } finally {
      await t.db.query(`UPDATE spaces SET capacity = 10 WHERE id = $1`, [approvalSite.spaceId]);
    }
    // Notice is judged at the time of the request: a manager answering late does not make it too late.
    await t.db.query(`UPDATE spaces SET min_notice_minutes = 100000 WHERE id = $1`, [approvalSite.spaceId]);
    try {
      const tooLate = await act(b.id, 'approve', approvalManagerToken);
      expect((await jsonOf(tooLate)).code).toBe('TOO_LATE');
      await t.db.query(`UPDATE bookings SET created_at = now() - interval '100 days' WHERE id = $1`, [b.id]);
      expect((await act(b.id, 'approve', approvalManagerToken)).status).toBe(200);
    } finally {
      await t.db.query(`UPDATE spaces SET min_notice_minutes = 60 WHERE id = $1`, [approvalSite.spaceId]);
    }
  });

  it('refuses to approve for an organisation no longer verified', async () => {
    const org = await createOrganisation(t.db);
    const token = await login(t.url, (await createMember(t.db, org)).email);
    const b = await book(approvalSite.spaceId, slot(++day), token);
    await t.db.query(`UPDATE organisations SET verification = 'rejected' WHERE id = $1`, [org]);
    const res = await act(b.id, 'approve', approvalManagerToken);
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).code).toBe('ORGANISATION_NOT_VERIFIED');
  });

  it('rejects with a reason: the slot frees and the organisation sees why', async () => {
    const s = slot(++day);
    const b = await book(approvalSite.spaceId, s);
    const bare = await act(b.id, 'reject', approvalManagerToken, {});
    expect(bare.status).toBe(400);
    const res = await act(b.id, 'reject', approvalManagerToken, {
      reason: 'Réservée pour le conseil municipal',
    });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Réservée pour le conseil municipal',
    });
    expect(await eventsOf(b.id)).toEqual(['booking.requested', 'booking.rejected']);
    expect(Booking.parse(await jsonOf(await get(`/bookings/${b.id}`, memberToken))).rejectionReason).toBe(
      'Réservée pour le conseil municipal',
    );
    await book(approvalSite.spaceId, s);
  });

  it('marks a no-show only after the start', async () => {
    const future = await book(site.spaceId);
    const early = await act(future.id, 'no-show', managerToken);
    expect(early.status).toBe(422);
    expect((await jsonOf(early)).code).toBe('NOT_STARTED');
    const past = await insertBooking(t.db, {
      spaceId: site.spaceId,
      organisationId,
      start: hoursFromNow(-3),
      end: hoursFromNow(-2),
    });
    expect((await act(past, 'no-show', memberToken)).status).toBe(403);
    const res = await act(past, 'no-show', managerToken);
    expect(res.status).toBe(200);
    expect(await statusOf(past)).toBe('no_show');
    expect((await act(past, 'no-show', managerToken)).status).toBe(409);
  });

  it('writes a change with its history and event together or not at all', async () => {
    const b = await book(site.spaceId);
    await t.db.query(
      `CREATE FUNCTION fail_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history down'; END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER fail_history BEFORE INSERT ON booking_history FOR EACH ROW EXECUTE FUNCTION fail_history()`,
    );
    try {
      expect((await act(b.id, 'cancel', memberToken)).status).toBe(500);
    } finally {
      await t.db.query(`DROP TRIGGER fail_history ON booking_history; DROP FUNCTION fail_history();`);
    }
    expect(await statusOf(b.id)).toBe('confirmed');
    expect(await eventsOf(b.id)).toEqual(['booking.confirmed']);
  });
});
