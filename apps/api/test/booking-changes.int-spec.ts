import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Booking, BookingHistory, CreateSeriesResponse } from '@lieux/contracts';
import { WaitlistSweeper } from '../src/bookings/waitlist-sweeper';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import { OutboxRelay } from '../src/notifications/outbox.relay';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  insertWaitlistEntry,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { MODE, readMail, startApp, type TestApp } from './harness';
import { dayFromToday, iso } from './local-time';

let t: TestApp;
let site: { siteId: string; spaceId: string };
let approvalSite: { siteId: string; spaceId: string };
let organisationId: string;
let member: { id: string; email: string };
let memberToken: string;
let otherToken: string;
let manager: { id: string; email: string };
let managerToken: string;
let day = 0;

const api = (p: string) => `${t.url}/api/v1${p}`;
const patch = (id: string, token: string, body: unknown) =>
  fetch(api(`/bookings/${id}`), {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
const book = async (spaceId: string, s = slot(++day), token = memberToken) => {
  const res = await postJson(api('/bookings'), token, { spaceId, ...s, title: 'Atelier', attendees: 4 });
  expect(res.status).toBe(201);
  return Booking.parse(await jsonOf(res));
};
const historyOf = async (id: string, token = memberToken) =>
  BookingHistory.parse(
    await jsonOf(
      await fetch(api(`/bookings/${id}/history`), { headers: { authorization: `Bearer ${token}` } }),
    ),
  ).items;
const eventsOf = async (id: string): Promise<{ id: string; type: string; payload: any }[]> =>
  t.db.query(
    `SELECT id, type, payload FROM outbox WHERE payload->>'bookingId' = $1 ORDER BY created_at, id`,
    [id],
  );

/** The relay is stopped: a test delivers the events it reads the e-mails of. */
async function deliver(eventId: string) {
  await t.app.get(NotificationProcessor).deliver(eventId);
  const files = readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(eventId));
  return Promise.all(files.map((f) => readMail(path.join(t.config.mailOutboxDir, f))));
}

interface ParsedEvent {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  end: string;
  status: string;
  recurrenceId: string | null;
}

/** Python's icalendar (Debian's python3-icalendar) reading an invitation's events. */
function parseEvents(ics: string): ParsedEvent[] {
  const script = `
import json, sys
from datetime import timezone
from zoneinfo import ZoneInfo
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
def utc(event, prop):
  d = event.decoded(prop)
  if d.tzinfo is None or 'TZID' in event[prop].params:
    d = d.replace(tzinfo=None).replace(tzinfo=ZoneInfo(str(event[prop].params['TZID'])))
  return d.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')
print(json.dumps([{
  'method': str(cal['METHOD']), 'uid': str(event['UID']), 'sequence': int(event['SEQUENCE']),
  'start': utc(event, 'DTSTART'), 'end': utc(event, 'DTEND'), 'status': str(event['STATUS']),
  'recurrenceId': utc(event, 'RECURRENCE-ID') if 'RECURRENCE-ID' in event else None,
} for event in cal.walk('VEVENT')]))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: ics, encoding: 'utf8' }));
}

/** The one event of an invitation. */
function parseIcs(ics: string): ParsedEvent {
  const events = parseEvents(ics);
  expect(events).toHaveLength(1);
  return events[0];
}

const icsOf = (mail: Awaited<ReturnType<typeof deliver>>[number]) =>
  mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content;

beforeAll(async () => {
  t = await startApp();
  await t.app.get(OutboxRelay).onApplicationShutdown();
  site = await createSite(t.db, { capacity: 10, hourlyRateCents: 1200 });
  approvalSite = await createSite(t.db, { approvalRequired: true });
  organisationId = await createOrganisation(t.db);
  member = await createMember(t.db, organisationId);
  memberToken = await login(t.url, member.email);
  otherToken = await login(t.url, (await createMember(t.db, await createOrganisation(t.db))).email);
  manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
  managerToken = await login(t.url, manager.email);
  await createUser(t.db, 'site_manager', { siteId: approvalSite.siteId });
});

afterAll(() => t?.close());

describe(`booking changes (${MODE})`, () => {
  it('moves a booking and changes its people: price recomputed, history, audit and an updated invitation', async () => {
    const b = await book(site.spaceId, slot(++day, 10, 60));
    const to = slot(++day, 14, 90);
    const res = await patch(b.id, memberToken, { ...to, attendees: 6 });
    expect(res.status).toBe(200);
    const moved = Booking.parse(await jsonOf(res));
    expect(moved).toMatchObject({ status: 'confirmed', attendees: 6, priceCents: 1800 });
    expect(moved.start).toBe(new Date(to.start).toISOString());

    const history = await historyOf(b.id);
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({
      fromStatus: 'confirmed',
      toStatus: 'confirmed',
      actor: { id: member.id },
      reason: null,
      changes: {
        start: [b.start, moved.start],
        end: [b.end, moved.end],
        attendees: [4, 6],
        priceCents: [1200, 1800],
      },
    });
    const [audit] = await t.db.query(
      `SELECT actor_id, changes FROM audit_log WHERE entity_id = $1 AND action = 'changed'`,
      [b.id],
    );
    expect(audit).toMatchObject({ actor_id: member.id, changes: { attendees: [4, 6] } });

    const events = await eventsOf(b.id);
    expect(events.map((e) => e.type)).toEqual(['booking.confirmed', 'booking.updated']);
    expect(events[1].payload).toMatchObject({ sequence: 1, previous: { start: b.start, attendees: 4 } });
    const [first] = await deliver(events[0].id);
    const [update] = await deliver(events[1].id);
    expect(update.subject).toMatch(/^Réservation modifiée/);
    expect(update.text).toContain('Votre réservation a été déplacée.');
    expect(update.text).toContain('Ancien nombre de participants : 4');
    const before = parseIcs(icsOf(first));
    const after = parseIcs(icsOf(update));
    expect(after).toMatchObject({ method: 'REQUEST', uid: before.uid, status: 'CONFIRMED' });
    expect(after.uid).toBe(`${b.id}@lieux-partages.fr`);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect([after.start, after.end]).toEqual([moved.start, moved.end]);

    // Cancelled afterwards, the calendar's cancellation comes after the update.
    await postJson(api(`/bookings/${b.id}/cancel`), memberToken, {});
    const cancel = (await eventsOf(b.id)).find((e) => e.type === 'booking.cancelled')!;
    expect(cancel.payload.sequence).toBeGreaterThan(after.sequence);
  });

  it('marks both the old and the new dates for the occupancy rollups', async () => {
    const b = await book(site.spaceId, slot(++day));
    day += 10;
    const to = slot(day);
    await t.db.query(`DELETE FROM occupancy_dirty WHERE space_id = $1`, [site.spaceId]);
    expect((await patch(b.id, memberToken, to)).status).toBe(200);
    const [dirty] = await t.db.query(
      `SELECT min(from_date)::text AS from_date, max(to_date)::text AS to_date FROM occupancy_dirty WHERE space_id = $1`,
      [site.spaceId],
    );
    expect(dirty.from_date <= b.start.slice(0, 10)).toBe(true);
    expect(dirty.to_date >= to.end.slice(0, 10)).toBe(true);
  });

  it('refuses a taken slot (409), outside hours and over capacity (422), and leaves the booking as it was', async () => {
    const b = await book(site.spaceId, slot(++day));
    const taken = slot(++day);
    await book(site.spaceId, taken, otherToken);
    const onTaken = await patch(b.id, memberToken, taken);
    expect(onTaken.status).toBe(409);
    expect(await jsonOf(onTaken)).toMatchObject({
      code: 'SLOT_TAKEN',
      detail: expect.stringContaining('n’a pas été déplacée'),
    });
    const late = await patch(b.id, memberToken, slot(day, 21, 60));
    expect(late.status).toBe(422);
    expect(await jsonOf(late)).toMatchObject({ code: 'OUTSIDE_OPENING_HOURS' });
    const crowd = await patch(b.id, memberToken, { attendees: 11 });
    expect(crowd.status).toBe(422);
    expect(await jsonOf(crowd)).toMatchObject({ code: 'TOO_MANY_ATTENDEES' });
    const now = Booking.parse(
      await jsonOf(
        await fetch(api(`/bookings/${b.id}`), { headers: { authorization: `Bearer ${memberToken}` } }),
      ),
    );
    expect(now).toMatchObject({ start: b.start, end: b.end, attendees: 4 });
    expect(await historyOf(b.id)).toHaveLength(1);
  });

  it('answers 404 to another organisation and refuses bookings that are over or started', async () => {
    const b = await book(site.spaceId, slot(++day));
    expect((await patch(b.id, otherToken, { attendees: 2 })).status).toBe(404);
    await postJson(api(`/bookings/${b.id}/cancel`), memberToken, {});
    const over = await patch(b.id, memberToken, { attendees: 2 });
    expect(over.status).toBe(409);
    expect(await jsonOf(over)).toMatchObject({
      code: 'BOOKING_STATE_CHANGED',
      detail: 'Seule une réservation à venir, en attente ou confirmée, peut être modifiée.',
    });
    const [{ id: started }] = await t.db.query(
      `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
       VALUES ($1, $2, 'confirmed', tstzrange(now() - interval '1 hour', now() + interval '1 hour'),
               tstzrange(now() - interval '1 hour', now() + interval '1 hour'), 'En cours', 2, 0) RETURNING id`,
      [site.spaceId, organisationId],
    );
    const res = await patch(started, memberToken, { attendees: 3 });
    expect(res.status).toBe(422);
    expect(await jsonOf(res)).toMatchObject({ code: 'ALREADY_STARTED' });
  });

  it('lets a manager move a booking only with a reason, which the organisation receives', async () => {
    const b = await book(site.spaceId, slot(++day));
    const to = slot(++day, 16);
    const bare = await patch(b.id, managerToken, to);
    expect(bare.status).toBe(400);
    expect(await jsonOf(bare)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ path: 'body.reason' })],
    });
    const res = await patch(b.id, managerToken, { ...to, reason: 'Salle en travaux' });
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ status: 'confirmed' });
    const history = await historyOf(b.id, managerToken);
    expect(history[1]).toMatchObject({ actor: { id: manager.id }, reason: 'Salle en travaux' });
    const event = (await eventsOf(b.id)).find((e) => e.type === 'booking.updated')!;
    const mails = await deliver(event.id);
    expect(mails.map((m) => m.to)).toEqual([[member.email]]);
    expect(mails[0].text).toContain('Le gestionnaire du site a déplacé votre réservation.');
    expect(mails[0].text).toContain('Motif : Salle en travaux');
    expect(mails[0].text).toMatch(/Ancien horaire : .+, de 10 h 00 à 11 h 00\n/);
  });

  it('makes a confirmed booking its organisation moves on a space that needs approval a request again', async () => {
    const b = await book(approvalSite.spaceId);
    await t.db.query(`UPDATE bookings SET status = 'confirmed' WHERE id = $1`, [b.id]);
    const res = await patch(b.id, memberToken, slot(++day, 15));
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({ status: 'pending' });
    const [row] = await t.db.query(`SELECT requested_at > created_at AS again FROM bookings WHERE id = $1`, [
      b.id,
    ]);
    expect(row.again).toBe(true);
    // Only the people: still confirmed once approved.
    const c = await book(approvalSite.spaceId);
    await t.db.query(`UPDATE bookings SET status = 'confirmed' WHERE id = $1`, [c.id]);
    expect(await jsonOf(await patch(c.id, memberToken, { attendees: 2 }))).toMatchObject({
      status: 'confirmed',
    });
    const event = (await eventsOf(b.id)).find((e) => e.type === 'booking.updated')!;
    const mails = await deliver(event.id);
    expect(mails.map((m) => m.subject.split(' :')[0]).sort()).toEqual([
      'Nouvelle demande à traiter',
      'Réservation modifiée',
    ]);
    const update = mails.find((m) => m.subject.startsWith('Réservation modifiée'))!;
    expect(parseIcs(icsOf(update)).status).toBe('TENTATIVE');
  });

  it('offers the freed period to the waiting list', async () => {
    const s = slot(++day);
    const b = await book(site.spaceId, s);
    const other = await createOrganisation(t.db);
    const entry = await insertWaitlistEntry(t.db, { spaceId: site.spaceId, organisationId: other, ...s });
    expect((await patch(b.id, memberToken, slot(++day))).status).toBe(200);
    await t.app.get(WaitlistSweeper).sweep();
    const [row] = await t.db.query(`SELECT status FROM waitlist_entries WHERE id = $1`, [entry]);
    expect(row.status).toBe('offered');
  });

  it('lets one of a move and a booking onto the same free slot win, never both', async () => {
    for (let i = 0; i < 4; i++) {
      const b = await book(site.spaceId, slot(++day));
      const target = slot(++day);
      const [moved, created] = await Promise.all([
        patch(b.id, memberToken, target),
        postJson(api('/bookings'), otherToken, {
          spaceId: site.spaceId,
          ...target,
          title: 'Rival',
          attendees: 2,
        }),
      ]);
      expect([moved.status, created.status].sort()).toEqual(moved.status === 200 ? [200, 409] : [201, 409]);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM bookings WHERE space_id = $1 AND status IN ('pending', 'confirmed')
            AND period && tstzrange($2, $3)`,
        [site.spaceId, target.start, target.end],
      );
      expect(n).toBe(1);
    }
  });

  it('keeps a moved date of a series its RECURRENCE-ID, with a higher SEQUENCE', async () => {
    const { spaceId } = await createSite(t.db);
    const today = dayFromToday(0);
    const first = today.add({ days: 7 + ((2 - today.dayOfWeek + 7) % 7) }).with({ hour: 9 });
    const res = await postJson(api('/booking-series'), memberToken, {
      spaceId,
      firstStart: iso(first),
      firstEnd: iso(first.add({ hours: 2 })),
      rrule: 'FREQ=WEEKLY;COUNT=3',
      title: 'Permanence',
      attendees: 2,
    });
    expect(res.status).toBe(201);
    const { series } = CreateSeriesResponse.parse(await jsonOf(res));
    const [, second, third] = await t.db.query(
      `SELECT id, lower(period) AS start FROM bookings WHERE series_id = $1 ORDER BY lower(period)`,
      [series.id],
    );
    const next = first.add({ weeks: 1, days: 1, hours: 5 });
    expect(
      (await patch(second.id, memberToken, { start: iso(next), end: iso(next.add({ hours: 1 })) })).status,
    ).toBe(200);
    const event = (await eventsOf(second.id)).find((e) => e.type === 'booking.updated')!;
    const ics = parseIcs(icsOf((await deliver(event.id))[0]));
    expect(ics).toMatchObject({
      method: 'REQUEST',
      uid: `series-${series.id}@lieux-partages.fr`,
      recurrenceId: new Date(second.start).toISOString(),
      start: new Date(iso(next)).toISOString(),
    });
    expect(ics.sequence).toBeGreaterThan(0);

    // The series cancelled (its first date kept, as one that took place): the moved date is cancelled as
    // the date it was invited at.
    await t.db.query(`UPDATE bookings SET status = 'completed' WHERE series_id = $1 AND lower(period) < $2`, [
      series.id,
      second.start,
    ]);
    expect((await postJson(api(`/booking-series/${series.id}/cancel`), memberToken, {})).status).toBe(200);
    const [cancelled] = await t.db.query(
      `SELECT id FROM outbox WHERE type = 'series.cancelled' AND payload->>'seriesId' = $1`,
      [series.id],
    );
    const events = parseEvents(icsOf((await deliver(cancelled.id))[0]));
    expect(events.map((e) => [e.method, e.status, e.recurrenceId])).toEqual([
      ['CANCEL', 'CANCELLED', new Date(second.start).toISOString()],
      ['CANCEL', 'CANCELLED', new Date(third.start).toISOString()],
    ]);
    expect(events[0].start).toBe(new Date(iso(next)).toISOString());
    expect(events[0].sequence).toBeGreaterThan(ics.sequence);
  });
});
