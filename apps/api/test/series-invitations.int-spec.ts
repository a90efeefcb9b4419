import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { CreateSeriesResponse } from '@lieux/contracts';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import { OutboxRelay } from '../src/notifications/outbox.relay';
import { createMember, createOrganisation, createSite, jsonOf, login, postJson } from './fixtures';
import { MODE, readMail, startApp, type TestApp } from './harness';
import { dateOf, dayFromToday, iso } from './local-time';

let t: TestApp;
let token: string;
let memberEmail: string;

/**
 * The relay is stopped: each test delivers the outbox itself, in order, after the changes it wants the
 * e-mails to describe (a series cancelled before its confirmation left, as a slow queue would have it).
 */
async function deliverAll(): Promise<string[]> {
  const events: { id: string }[] = await t.db.query(
    `SELECT id FROM outbox WHERE done_at IS NULL ORDER BY created_at, id`,
  );
  const processor = t.app.get(NotificationProcessor);
  for (const { id } of events) await processor.deliver(id);
  return events.map((e) => e.id);
}

async function mailsOf(eventId: string) {
  const files = readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(eventId));
  return Promise.all(files.map(async (f) => readMail(path.join(t.config.mailOutboxDir, f))));
}

async function eventOf(type: string, seriesId: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM outbox WHERE type = $1 AND payload->>'seriesId' = $2`, [
    type,
    seriesId,
  ]);
  return row.id;
}

async function icsOf(eventId: string): Promise<string> {
  const [mail] = await mailsOf(eventId);
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part!.content;
}

/** ical.js: the instants of every occurrence of the calendar's recurring event, its EXDATEs left out. */
function expandWithIcalJs(ics: string): {
  uid: string;
  method: string;
  starts: string[];
  vevent: ICAL.Component;
} {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevents = cal.getAllSubcomponents('vevent');
  expect(vevents).toHaveLength(1);
  const event = new ICAL.Event(vevents[0]);
  const starts: string[] = [];
  const it = event.iterator();
  for (let next = it.next(); next; next = it.next()) starts.push(next.toJSDate().toISOString());
  return { uid: event.uid, method: String(cal.getFirstPropertyValue('method')), starts, vevent: vevents[0] };
}

/** Python's icalendar (Debian's python3-icalendar) reading the same text, the rule expanded by dateutil. */
function expandWithPython(ics: string): {
  uid: string;
  method: string;
  starts: string[];
  organizer: string;
  attendees: string[];
} {
  const script = `
import json, sys
from datetime import timezone
from zoneinfo import ZoneInfo
from dateutil.rrule import rrulestr
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
[event] = [c for c in cal.walk('VEVENT')]
start = event.decoded('DTSTART')
zone = ZoneInfo(str(event['DTSTART'].params['TZID']))
start = start.replace(tzinfo=None).replace(tzinfo=zone)
rule = rrulestr(event['RRULE'].to_ical().decode(), dtstart=start)
exdates = event.get('EXDATE', [])
exdates = exdates if isinstance(exdates, list) else [exdates]
excluded = {d.dt.astimezone(timezone.utc) for e in exdates for d in e.dts}
starts = [d.astimezone(timezone.utc) for d in rule if d.astimezone(timezone.utc) not in excluded]
attendees = event.get('ATTENDEE', [])
attendees = attendees if isinstance(attendees, list) else [attendees]
print(json.dumps({
  'uid': str(event['UID']), 'method': str(cal['METHOD']), 'organizer': str(event['ORGANIZER']),
  'attendees': [str(a) for a in attendees],
  'starts': [d.strftime('%Y-%m-%dT%H:%M:%S.000Z') for d in starts],
}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: ics, encoding: 'utf8' }));
}

beforeAll(async () => {
  t = await startApp();
  await t.app.get(OutboxRelay).onApplicationShutdown();
  const member = await createMember(t.db, await createOrganisation(t.db));
  memberEmail = member.email;
  token = await login(t.url, member.email);
});
afterAll(() => t?.close());

/** A weekly series of `count` Tuesdays 09:00–11:00 Paris time from next week on, on a space of its own. */
async function weeklySeries(count: number, closedOccurrence?: number) {
  const { siteId, spaceId } = await createSite(t.db);
  await t.db.query(`UPDATE spaces SET horizon_days = 800 WHERE id = $1`, [spaceId]);
  const today = dayFromToday(0);
  const first = today.add({ days: 7 + ((2 - today.dayOfWeek + 7) % 7) }).with({ hour: 9 });
  if (closedOccurrence !== undefined) {
    const day = dateOf(first.add({ weeks: closedOccurrence }));
    await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Travaux')`,
      [siteId, day],
    );
  }
  const res = await postJson(`${t.url}/api/v1/booking-series`, token, {
    spaceId,
    firstStart: iso(first),
    firstEnd: iso(first.add({ hours: 2 })),
    rrule: `FREQ=WEEKLY;COUNT=${count}`,
    title: 'Permanence',
    attendees: 2,
  });
  expect(res.status).toBe(201);
  const created = CreateSeriesResponse.parse(await jsonOf(res));
  const booked = created.occurrences.filter((o) => o.status === 'booked');
  return { created, booked, starts: booked.map((o) => new Date(o.start).toISOString()) };
}

describe(`series invitations (${MODE})`, () => {
  it('invites to one recurring event, in the site’s zone, that both parsers expand to the booked dates', async () => {
    // Twenty Tuesdays cross the spring change of time; the third one is closed and so refused.
    const { created, starts } = await weeklySeries(20, 2);
    expect(created.occurrences[2]).toMatchObject({ status: 'refused', code: 'CLOSED' });
    await deliverAll();
    const eventId = await eventOf('series.created', created.series.id);
    const [mail] = await mailsOf(eventId);
    expect(mail.text).toContain('19 créneau(x) réservé(s)');
    const ics = await icsOf(eventId);
    expect(ics).toMatch(/^DTSTART;TZID=Europe\/Paris:\d{8}T090000\r$/m);
    expect(ics).toMatch(/^BEGIN:VTIMEZONE\r$/m);

    const js = expandWithIcalJs(ics);
    expect(js.method).toBe('REQUEST');
    expect(js.uid).toBe(`series-${created.series.id}@lieux-partages.fr`);
    expect(js.vevent.getFirstPropertyValue('organizer')).toMatch(/^mailto:/i);
    expect(String(js.vevent.getFirstPropertyValue('attendee')).toLowerCase()).toBe(`mailto:${memberEmail}`);
    expect(js.starts).toEqual(starts);

    const py = expandWithPython(ics);
    expect(py).toMatchObject({ uid: js.uid, method: 'REQUEST' });
    expect(py.organizer).toMatch(/^mailto:/i);
    expect(py.attendees.map((a) => a.toLowerCase())).toEqual([`mailto:${memberEmail}`]);
    expect(py.starts).toEqual(starts);
  });

  it('describes a series cancelled before its confirmation left as it was booked, then cancels that event', async () => {
    const { created, starts } = await weeklySeries(3);
    const cancelled = await postJson(`${t.url}/api/v1/booking-series/${created.series.id}/cancel`, token, {});
    expect(cancelled.status).toBe(200);
    const delivered = await deliverAll();

    const confirmation = await eventOf('series.created', created.series.id);
    const [mail] = await mailsOf(confirmation);
    expect(mail.text).toContain('3 créneau(x) réservé(s)');
    const invited = expandWithIcalJs(await icsOf(confirmation));
    expect(invited.starts).toEqual(starts);

    const cancellation = await eventOf('series.cancelled', created.series.id);
    const ics = await icsOf(cancellation);
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const [vevent, ...more] = cal.getAllSubcomponents('vevent');
    expect(more).toEqual([]);
    expect(vevent.getFirstPropertyValue('uid')).toBe(invited.uid);
    expect(vevent.getFirstPropertyValue('recurrence-id')).toBeNull();
    expect(Number(vevent.getFirstPropertyValue('sequence'))).toBeGreaterThan(
      Number(invited.vevent.getFirstPropertyValue('sequence')),
    );
    // The dates' own cancellation events free the slots; they send no e-mail of their own.
    const others = delivered.filter((id) => id !== confirmation && id !== cancellation);
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const id of others) expect(await mailsOf(id)).toEqual([]);
  });

  it('cancels one date cancelled later as that date of the series’ event', async () => {
    const { created, booked } = await weeklySeries(3);
    await deliverAll();
    const uid = `series-${created.series.id}@lieux-partages.fr`;
    const res = await postJson(`${t.url}/api/v1/bookings/${booked[1].bookingId}/cancel`, token, {});
    expect(res.status).toBe(200);
    await deliverAll();
    const [{ id }] = await t.db.query(
      `SELECT id FROM outbox WHERE type = 'booking.cancelled' AND payload->>'bookingId' = $1`,
      [booked[1].bookingId],
    );
    const cal = new ICAL.Component(ICAL.parse(await icsOf(id)));
    for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(uid);
    expect(event.recurrenceId.toJSDate().toISOString()).toBe(new Date(booked[1].start).toISOString());
    expect(event.sequence).toBeGreaterThan(0);
  });
});
