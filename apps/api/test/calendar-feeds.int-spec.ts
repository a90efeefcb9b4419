import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { CalendarFeed, CalendarFeedList, CreateSeriesResponse } from '@lieux/contracts';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import { OutboxRelay } from '../src/notifications/outbox.relay';
import {
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { MODE, readMail, startApp, type TestApp } from './harness';
import { dayFromToday, iso } from './local-time';

let t: TestApp;

/** The relay is stopped: the tests deliver the outbox themselves, to read each invitation beside the feed. */
async function deliverAll(): Promise<void> {
  const events: { id: string }[] = await t.db.query(
    `SELECT id FROM outbox WHERE done_at IS NULL ORDER BY created_at, id`,
  );
  const processor = t.app.get(NotificationProcessor);
  for (const { id } of events) await processor.deliver(id);
}

/** The iCalendar attachment of the e-mail an outbox event sent. */
async function inviteOf(type: string, key: 'bookingId' | 'seriesId', id: string): Promise<string> {
  const [event] = await t.db.query(
    `SELECT id FROM outbox WHERE type = $1 AND payload->>'${key}' = $2 ORDER BY created_at DESC LIMIT 1`,
    [type, id],
  );
  const file = readdirSync(t.config.mailOutboxDir).find((f) => f.startsWith(event.id));
  const mail = await readMail(path.join(t.config.mailOutboxDir, file!));
  return mail.attachments.find((a) => a.contentType.startsWith('text/calendar'))!.content;
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });
const authed = (token: string) => ({ authorization: `Bearer ${token}` });

async function feedsOf(token: string): Promise<CalendarFeed[]> {
  const res = await get(`${t.url}/api/v1/me/calendar-feeds`, authed(token));
  expect(res.status).toBe(200);
  return CalendarFeedList.parse(await jsonOf(res)).feeds;
}

/** The feed behind a link, fetched from this test server (the link names the configured public URL). */
const fetchFeed = (feed: CalendarFeed, headers: Record<string, string> = {}) =>
  get(`${t.url}${new URL(feed.url).pathname}`, headers);

interface ParsedEvent {
  uid: string;
  status: string;
  sequence: number;
  start: string;
  end: string;
  recurrenceId: string | null;
  summary: string;
  location: string;
  description: string;
  /** DTSTART as written: in UTC (`…Z`), no TZID. */
  rawStart: string;
  rdates: string[];
}

/** Python's icalendar (Debian's python3-icalendar): every VEVENT of a feed, instants in UTC. */
function parseWithPython(ics: string): { name: string; events: ParsedEvent[] } {
  const script = `
import json, sys
from datetime import timezone
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
def utc(v):
  return v.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.000Z')
out = []
for e in cal.walk('VEVENT'):
  rdates = e.get('RDATE', [])
  rdates = rdates if isinstance(rdates, list) else [rdates]
  out.append({
    'uid': str(e['UID']), 'status': str(e.get('STATUS', '')), 'sequence': int(e.get('SEQUENCE', 0)),
    'start': utc(e.decoded('DTSTART')), 'end': utc(e.decoded('DTEND')),
    'recurrenceId': utc(e.decoded('RECURRENCE-ID')) if 'RECURRENCE-ID' in e else None,
    'summary': str(e.get('SUMMARY', '')), 'location': str(e.get('LOCATION', '')),
    'description': str(e.get('DESCRIPTION', '')), 'rawStart': e['DTSTART'].to_ical().decode(),
    'rdates': sorted(utc(d.dt) for r in rdates for d in r.dts),
  })
print(json.dumps({'name': str(cal.get('X-WR-CALNAME', '')), 'events': out}))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: ics, encoding: 'utf8' }));
}

/** ical.js reading the same text: each VEVENT's UID, status, SEQUENCE and instants. */
function parseWithIcalJs(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      status: String(v.getFirstPropertyValue('status') ?? ''),
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      recurrenceId: e.recurrenceId ? e.recurrenceId.toJSDate().toISOString() : null,
      summary: e.summary,
      location: e.location,
    };
  });
}

/** Both parsers, which must agree; Python's answer returned. */
function parseFeed(ics: string) {
  const py = parseWithPython(ics);
  const js = parseWithIcalJs(ics);
  expect(
    js.map(({ uid, status, sequence, start, end, recurrenceId }) => ({
      uid,
      status,
      sequence,
      start,
      end,
      recurrenceId,
    })),
  ).toEqual(
    py.events.map(({ uid, status, sequence, start, end, recurrenceId }) => ({
      uid,
      status,
      sequence,
      start,
      end,
      recurrenceId,
    })),
  );
  return py;
}

/** The one VEVENT of an e-mailed invitation, as ical.js reads it. */
function invited(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

const utcIso = (s: string) => new Date(s).toISOString();

let org: string;
let memberToken: string;
let site: { siteId: string; spaceId: string };

beforeAll(async () => {
  t = await startApp();
  await t.app.get(OutboxRelay).onApplicationShutdown();
  org = await createOrganisation(t.db);
  const member = await createUser(t.db, 'member', { organisationId: org });
  memberToken = await login(t.url, member.email);
  site = await createSite(t.db);
});
afterAll(() => t?.close());

describe(`calendar feeds (${MODE})`, () => {
  it('gives a member one stable link to their organisation’s bookings, as webcal:// too', async () => {
    const [feed, ...more] = await feedsOf(memberToken);
    expect(more).toEqual([]);
    expect(feed.kind).toBe('organisation');
    expect(feed.url).toMatch(/\/api\/v1\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https?:/, 'webcal:'));
    expect((await feedsOf(memberToken))[0].url).toBe(feed.url);
    // Only its hash is kept.
    const token = /calendars\/(.+)\.ics$/.exec(feed.url)![1];
    const [row] = await t.db.query(
      `SELECT * FROM calendar_feeds WHERE token_hash = encode(sha256($1::bytea), 'hex')`,
      [token],
    );
    expect(row).toBeDefined();
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('shows a booking under its invitation’s UID and SEQUENCE, in UTC at the site’s address, then as cancelled', async () => {
    const s = slot(3, 14, 90);
    const res = await postJson(`${t.url}/api/v1/bookings`, memberToken, {
      spaceId: site.spaceId,
      ...s,
      title: 'Atelier vélo',
      attendees: 4,
    });
    expect(res.status).toBe(201);
    const booking = await jsonOf(res);
    await deliverAll();
    const [invite] = invited(await inviteOf('booking.confirmed', 'bookingId', booking.id));
    const [feed] = await feedsOf(memberToken);

    const read = async () => {
      const r = await fetchFeed(feed);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(r.headers.get('cache-control')).toMatch(/^private/);
      return parseFeed(await r.text());
    };
    let parsed = await read();
    let event = parsed.events.find((e) => e.uid === invite.uid)!;
    expect(event).toMatchObject({
      uid: `${booking.id}@lieux-partages.fr`,
      status: 'CONFIRMED',
      sequence: invite.sequence,
      start: utcIso(s.start),
      end: utcIso(s.end),
      summary: 'Atelier vélo — Salle test',
      location: 'La Poste Test, 1 rue de la Poste, 34000 Montpellier',
    });
    expect(event.location).toBe(invite.location);
    expect(event.rawStart).toMatch(/^\d{8}T\d{6}Z$/);

    // Changed: the update's SEQUENCE, which the feed carries too.
    const changed = await fetch(`${t.url}/api/v1/bookings/${booking.id}`, {
      method: 'PATCH',
      headers: { ...authed(memberToken), 'content-type': 'application/json' },
      body: JSON.stringify({ attendees: 6 }),
    });
    expect(changed.status).toBe(200);
    await deliverAll();
    const [update] = invited(await inviteOf('booking.updated', 'bookingId', booking.id));
    expect(update.sequence).toBeGreaterThan(invite.sequence);
    parsed = await read();
    expect(parsed.events.find((e) => e.uid === invite.uid)!.sequence).toBe(update.sequence);

    // Cancelled: still there, as cancelled, with the cancellation's SEQUENCE.
    const cancelled = await postJson(`${t.url}/api/v1/bookings/${booking.id}/cancel`, memberToken, {});
    expect(cancelled.status).toBe(200);
    await deliverAll();
    const [cancel] = invited(await inviteOf('booking.cancelled', 'bookingId', booking.id));
    parsed = await read();
    event = parsed.events.find((e) => e.uid === invite.uid)!;
    expect(event.status).toBe('CANCELLED');
    expect(event.sequence).toBe(cancel.sequence);
    expect(event.sequence).toBeGreaterThan(update.sequence);
  });

  it('keeps the window: cancelled ones until they end, the past 30 days, a year ahead', async () => {
    const other = await createOrganisation(t.db);
    const member = await createUser(t.db, 'member', { organisationId: other });
    const token = await login(t.url, member.email);
    const { spaceId } = await createSite(t.db);
    const at = (days: number, hour = 10) => {
      const start = dayFromToday(days).with({ hour });
      return { start: iso(start), end: iso(start.add({ hours: 1 })) };
    };
    const ids = {
      recentPast: await insertBooking(t.db, {
        spaceId,
        organisationId: other,
        status: 'completed',
        ...at(-10),
        title: 'Passé récent',
      }),
      oldPast: await insertBooking(t.db, {
        spaceId,
        organisationId: other,
        status: 'completed',
        ...at(-40),
        title: 'Passé ancien',
      }),
      cancelledPast: await insertBooking(t.db, {
        spaceId,
        organisationId: other,
        status: 'cancelled',
        ...at(-2),
        title: 'Annulé passé',
      }),
      cancelledAhead: await insertBooking(t.db, {
        spaceId,
        organisationId: other,
        status: 'cancelled',
        ...at(5),
        title: 'Annulé à venir',
      }),
      pending: await insertBooking(t.db, {
        spaceId,
        organisationId: other,
        status: 'pending',
        ...at(6),
        title: 'Demande',
      }),
      farAhead: await insertBooking(t.db, { spaceId, organisationId: other, ...at(400), title: 'Trop loin' }),
      otherOrg: await insertBooking(t.db, { spaceId, organisationId: org, ...at(7), title: 'Pas à nous' }),
    };
    const [feed] = await feedsOf(token);
    const parsed = parseFeed(await (await fetchFeed(feed)).text());
    const byUid = new Map(parsed.events.map((e) => [e.uid, e]));
    const uid = (id: string) => `${id}@lieux-partages.fr`;
    expect(byUid.get(uid(ids.recentPast))?.status).toBe('CONFIRMED');
    expect(byUid.get(uid(ids.cancelledAhead))?.status).toBe('CANCELLED');
    expect(byUid.get(uid(ids.pending))?.status).toBe('TENTATIVE');
    for (const gone of [ids.oldPast, ids.cancelledPast, ids.farAhead, ids.otherOrg]) {
      expect(byUid.has(uid(gone))).toBe(false);
    }
    expect(parsed.events).toHaveLength(3);
  });

  it('answers If-None-Match with 304 until the feed changes', async () => {
    const [feed] = await feedsOf(memberToken);
    const first = await fetchFeed(feed);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetchFeed(feed, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetchFeed(feed, { 'if-none-match': `W/${etag}` })).status).toBe(304);
    await insertBooking(t.db, { spaceId: site.spaceId, organisationId: org, ...slot(20), title: 'Nouvelle' });
    const changed = await fetchFeed(feed, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(parseFeed(await changed.text()).events.map((e) => e.summary)).toContain('Nouvelle — Salle test');
  });

  it('rotates a link: the old one is unknown at once (404 problem), the new one reads the same feed', async () => {
    const [old] = await feedsOf(memberToken);
    const before = await (await fetchFeed(old)).text();
    const res = await postJson(
      `${t.url}/api/v1/me/calendar-feeds/organisation/rotate`,
      memberToken,
      undefined,
    );
    expect(res.status).toBe(200);
    const fresh = CalendarFeed.parse(await jsonOf(res));
    expect(fresh.url).not.toBe(old.url);
    expect((await feedsOf(memberToken))[0].url).toBe(fresh.url);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await jsonOf(gone)).detail).toMatch(/lien de calendrier/);
    const now = await fetchFeed(fresh);
    expect(now.status).toBe(200);
    expect(await now.text()).toBe(before);
    // A site manager has no organisation feed to rotate.
    const manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
    const managerToken = await login(t.url, manager.email);
    const refused = await postJson(
      `${t.url}/api/v1/me/calendar-feeds/organisation/rotate`,
      managerToken,
      undefined,
    );
    expect(refused.status).toBe(404);
    expect((await get(`${t.url}/api/v1/calendars/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await get(`${t.url}/api/v1/calendars/nimporte-quoi.ics`)).status).toBe(404);
  });

  it('gives a site manager the bookings of all their sites, with the organisation, and nothing once removed', async () => {
    const second = await createSite(t.db);
    const elsewhere = await createSite(t.db);
    const manager = await createUser(t.db, 'site_manager', { siteId: site.siteId });
    await t.db.query(`INSERT INTO role_grants (user_id, role, site_id) VALUES ($1, 'site_manager', $2)`, [
      manager.id,
      second.siteId,
    ]);
    const token = await login(t.url, manager.email);
    const [orgName] = (await t.db.query(`SELECT name FROM organisations WHERE id = $1`, [org])).map(
      (r: { name: string }) => r.name,
    );
    const a = await insertBooking(t.db, {
      spaceId: site.spaceId,
      organisationId: org,
      ...slot(30),
      title: 'Site un',
    });
    const b = await insertBooking(t.db, {
      spaceId: second.spaceId,
      organisationId: org,
      ...slot(31),
      title: 'Site deux',
    });
    const c = await insertBooking(t.db, {
      spaceId: elsewhere.spaceId,
      organisationId: org,
      ...slot(32),
      title: 'Ailleurs',
    });
    const feeds = await feedsOf(token);
    expect(feeds.map((f) => f.kind)).toEqual(['sites']);
    const parsed = parseFeed(await (await fetchFeed(feeds[0])).text());
    const uids = parsed.events.map((e) => e.uid);
    expect(uids).toEqual(expect.arrayContaining([`${a}@lieux-partages.fr`, `${b}@lieux-partages.fr`]));
    expect(uids).not.toContain(`${c}@lieux-partages.fr`);
    expect(parsed.events.find((e) => e.uid === `${a}@lieux-partages.fr`)!.description).toContain(orgName);
    await t.db.query(`DELETE FROM role_grants WHERE user_id = $1`, [manager.id]);
    expect((await fetchFeed(feeds[0])).status).toBe(404);
  });

  it('writes a series’ dates as instances of the series’ invited event, at the dates it invited', async () => {
    const { siteId, spaceId } = await createSite(t.db);
    void siteId;
    const today = dayFromToday(0);
    const first = today.add({ days: 7 + ((2 - today.dayOfWeek + 7) % 7) }).with({ hour: 9 });
    const res = await postJson(`${t.url}/api/v1/booking-series`, memberToken, {
      spaceId,
      firstStart: iso(first),
      firstEnd: iso(first.add({ hours: 2 })),
      rrule: 'FREQ=WEEKLY;COUNT=3',
      title: 'Permanence',
      attendees: 2,
    });
    expect(res.status).toBe(201);
    const created = CreateSeriesResponse.parse(await jsonOf(res));
    await deliverAll();
    const [master] = invited(await inviteOf('series.created', 'seriesId', created.series.id));
    const invitedStarts: string[] = [];
    const it = master.iterator();
    for (let next = it.next(); next; next = it.next()) invitedStarts.push(next.toJSDate().toISOString());
    // One date cancelled: shown as that date of the series, cancelled.
    const booked = created.occurrences.filter((o) => o.status === 'booked');
    expect(
      (await postJson(`${t.url}/api/v1/bookings/${booked[1].bookingId}/cancel`, memberToken, {})).status,
    ).toBe(200);
    await deliverAll();
    const [cancel] = invited(await inviteOf('booking.cancelled', 'bookingId', booked[1].bookingId!));

    const [feed] = await feedsOf(memberToken);
    const ics = await (await fetchFeed(feed)).text();
    const events = parseFeed(ics).events.filter((e) => e.uid === master.uid);
    const main = events.filter((e) => e.recurrenceId === null);
    const instances = events.filter((e) => e.recurrenceId !== null);
    expect(main).toHaveLength(1);
    expect([...new Set([main[0].start, ...main[0].rdates])].sort()).toEqual(invitedStarts);
    expect(instances.map((e) => e.recurrenceId)).toEqual(invitedStarts);
    expect(instances.map((e) => e.status)).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED']);
    expect(instances[1].sequence).toBeGreaterThanOrEqual(cancel.sequence);
    // ical.js expands the main event to the same dates.
    const cal = new ICAL.Component(ICAL.parse(ics));
    const vmain = cal
      .getAllSubcomponents('vevent')
      .find((v) => v.getFirstPropertyValue('uid') === master.uid && !v.hasProperty('recurrence-id'))!;
    const expanded: string[] = [];
    const iter = new ICAL.Event(vmain).iterator();
    for (let next = iter.next(); next; next = iter.next()) expanded.push(next.toJSDate().toISOString());
    expect(expanded).toEqual(invitedStarts);
  });

  it('publishes a space’s busy blocks to anyone, without names, titles or organisations', async () => {
    const { spaceId } = await createSite(t.db);
    const [orgName] = (await t.db.query(`SELECT name FROM organisations WHERE id = $1`, [org])).map(
      (r: { name: string }) => r.name,
    );
    const held = await insertBooking(t.db, {
      spaceId,
      organisationId: org,
      ...slot(4),
      title: 'Réunion secrète',
    });
    await insertBooking(t.db, {
      spaceId,
      organisationId: org,
      status: 'pending',
      ...slot(5),
      title: 'Demande secrète',
    });
    await insertBooking(t.db, {
      spaceId,
      organisationId: org,
      status: 'cancelled',
      ...slot(6),
      title: 'Annulée',
    });
    const res = await get(`${t.url}/api/v1/spaces/${spaceId}/busy.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await res.text();
    for (const secret of ['secrète', 'Annulée', orgName, held, 'ORGANIZER', 'ATTENDEE', 'DESCRIPTION']) {
      expect(ics).not.toContain(secret);
    }
    const parsed = parseFeed(ics);
    expect(parsed.events.map((e) => [e.summary, e.start])).toEqual([
      ['Occupé', utcIso(slot(4).start)],
      ['Occupé', utcIso(slot(5).start)],
    ]);
    expect(parsed.events[0].location).toBe('La Poste Test, 1 rue de la Poste, 34000 Montpellier');
    const etag = res.headers.get('etag')!;
    expect((await get(`${t.url}/api/v1/spaces/${spaceId}/busy.ics`, { 'if-none-match': etag })).status).toBe(
      304,
    );
    await t.db.query(`UPDATE spaces SET status = 'draft' WHERE id = $1`, [spaceId]);
    expect((await get(`${t.url}/api/v1/spaces/${spaceId}/busy.ics`)).status).toBe(404);
  });
});
