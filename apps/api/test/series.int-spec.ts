import fc from 'fast-check';
import { Booking, BookingPage, CreateSeriesResponse, SeriesDetail } from '@lieux/contracts';
import {
  createMember,
  createOrganisation,
  createSite,
  createUser,
  jsonOf,
  login,
  postJson,
} from './fixtures';
import { mailsTo, MODE, startApp, waitFor, type TestApp } from './harness';
import { dateOf, dayFromToday, iso, nowIn, PARIS, Temporal } from './local-time';

let t: TestApp;
let token: string;
let memberEmail: string;
let organisationId: string;

const seriesUrl = () => `${t.url}/api/v1/booking-series`;
const createSeries = (body: unknown, headers: Record<string, string> = {}, as = token) =>
  postJson(seriesUrl(), as, body, headers);
const count = async (table: string) =>
  (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

/** The last Sunday of `month` (3 or 10) at least a week from now: a daylight-saving change in Paris. */
function nextChange(month: 3 | 10): Temporal.ZonedDateTime {
  const soon = nowIn().add({ days: 8 });
  for (let year = soon.year; ; year++) {
    const last = Temporal.ZonedDateTime.from({ year, month, day: 31, timeZone: PARIS });
    const sunday = last.subtract({ days: last.dayOfWeek % 7 });
    if (Temporal.ZonedDateTime.compare(sunday, soon) > 0) return sunday;
  }
}

/** A fresh space whose horizon covers any date the suite picks. */
async function space(o: Parameters<typeof createSite>[1] = {}): Promise<{ siteId: string; spaceId: string }> {
  const s = await createSite(t.db, o);
  await t.db.query(`UPDATE spaces SET horizon_days = 800 WHERE id = $1`, [s.spaceId]);
  return s;
}

const at = (d: Temporal.ZonedDateTime, hour: number) =>
  iso(d.with({ hour, minute: 0, second: 0, millisecond: 0 }));
const wall = (instant: string) =>
  Temporal.Instant.from(instant).toZonedDateTimeISO(PARIS).toPlainTime().toString({ smallestUnit: 'minute' });
const localTimes = (occ: { start: string; end: string }[]) =>
  occ.map((o) => `${wall(o.start)}–${wall(o.end)}`);

/** A series of one-person bookings from `first` between two local hours, booked whole. */
async function bookSeries(
  spaceId: string,
  first: Temporal.ZonedDateTime,
  [from, to]: [number, number],
  rrule: string,
  title: string,
) {
  const res = await createSeries({
    spaceId,
    firstStart: at(first, from),
    firstEnd: at(first, to),
    rrule,
    title,
    attendees: 1,
  });
  return CreateSeriesResponse.parse(await jsonOf(res));
}

beforeAll(async () => {
  t = await startApp();
  organisationId = await createOrganisation(t.db);
  const member = await createMember(t.db, organisationId);
  memberEmail = member.email;
  token = await login(t.url, member.email);
});

afterAll(() => t?.close());

describe(`booking series (${MODE})`, () => {
  it.each([
    ['March', 'UTC moves from 08:00 to 07:00', 3],
    ['October', 'UTC moves from 07:00 to 08:00', 10],
  ] as const)(
    'keeps 09:00–11:00 local every Tuesday across the %s change (%s)',
    async (_name, _utc, month) => {
      const { spaceId } = await space();
      const change = nextChange(month);
      const tuesdayBefore = change.subtract({ days: 5 }).subtract({ weeks: 1 }); // two Tuesdays before, two after
      const res = await createSeries({
        spaceId,
        firstStart: at(tuesdayBefore, 9),
        firstEnd: at(tuesdayBefore, 11),
        rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4',
        title: 'Permanence emploi',
        attendees: 3,
      });
      expect(res.status).toBe(201);
      const body = CreateSeriesResponse.parse(await jsonOf(res));
      expect(body.occurrences.map((o) => o.status)).toEqual(['booked', 'booked', 'booked', 'booked']);
      expect(localTimes(body.occurrences)).toEqual(Array(4).fill('09:00–11:00'));
      const utcHours = body.occurrences.map((o) => new Date(o.start).getUTCHours());
      expect(utcHours).toEqual(month === 3 ? [8, 8, 7, 7] : [7, 7, 8, 8]);
      expect(body.series.summary).toBe('tous les mardis de 9 h à 11 h, 4 fois');

      // Stored as bookings of the series, at those instants.
      const rows = await t.db.query(
        `SELECT to_char(lower(period) AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS local, series_id
         FROM bookings WHERE series_id = $1 ORDER BY lower(period)`,
        [body.series.id],
      );
      expect(rows.map((r: { local: string }) => r.local)).toEqual(['09:00', '09:00', '09:00', '09:00']);
    },
  );

  it('refuses the holiday and the closed day with their reason in French, and books the rest', async () => {
    const { siteId, spaceId } = await space({ holidays: 'closed' });
    // The next 14 July at least a week away, and the Wednesdays around it.
    const now = nowIn();
    let july14 = Temporal.ZonedDateTime.from({ year: now.year, month: 7, day: 14, timeZone: PARIS });
    if (Temporal.ZonedDateTime.compare(july14, now.add({ days: 15 })) < 0) july14 = july14.add({ years: 1 });
    const first = july14.subtract({ weeks: 1 });
    const closedDay = july14.add({ weeks: 1 });
    await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Travaux de peinture')`,
      [siteId, dateOf(closedDay)],
    );
    const res = await createSeries({
      spaceId,
      firstStart: at(first, 14),
      firstEnd: at(first, 16),
      rrule: `FREQ=WEEKLY;COUNT=4`,
      title: 'Atelier',
      attendees: 2,
    });
    expect(res.status).toBe(201);
    const { occurrences } = CreateSeriesResponse.parse(await jsonOf(res));
    expect(occurrences.map((o) => [o.status, o.code])).toEqual([
      ['booked', null],
      ['refused', 'HOLIDAY'],
      ['refused', 'CLOSED'],
      ['booked', null],
    ]);
    expect(occurrences[1].reason).toBe('Jour férié au site : Fête nationale.');
    expect(occurrences[2].reason).toBe('Le site est fermé ce jour-là (Travaux de peinture).');
    expect(await t.db.query(`SELECT 1 FROM bookings WHERE space_id = $1`, [spaceId])).toHaveLength(2);
  });

  it('refuses a taken date (SLOT_TAKEN) and dates past the horizon, and books the others', async () => {
    const { spaceId } = await space();
    await t.db.query(`UPDATE spaces SET horizon_days = 30 WHERE id = $1`, [spaceId]);
    const first = dayFromToday(3);
    const taken = first.add({ weeks: 1 });
    const pre = await postJson(`${t.url}/api/v1/bookings`, token, {
      spaceId,
      start: at(taken, 10),
      end: at(taken, 11),
      title: 'Déjà là',
      attendees: 1,
    });
    expect(pre.status).toBe(201);
    const res = await createSeries({
      spaceId,
      firstStart: at(first, 10),
      firstEnd: at(first, 12),
      rrule: 'FREQ=WEEKLY;COUNT=6',
      title: 'Réunion',
      attendees: 2,
    });
    const { occurrences } = CreateSeriesResponse.parse(await jsonOf(res));
    expect(occurrences.map((o) => o.code)).toEqual([
      null,
      'SLOT_TAKEN',
      null,
      null,
      ...occurrences.slice(4).map(() => 'BEYOND_HORIZON'),
    ]);
    expect(occurrences.slice(4).length).toBeGreaterThan(0);
    expect(occurrences[1].reason).toBe('Ce créneau est déjà réservé.');
  });

  it('cuts a rule without an end at the space’s horizon', async () => {
    const { spaceId } = await space();
    await t.db.query(`UPDATE spaces SET horizon_days = 30 WHERE id = $1`, [spaceId]);
    const first = dayFromToday(3);
    const res = await createSeries({
      spaceId,
      firstStart: at(first, 10),
      firstEnd: at(first, 11),
      rrule: 'FREQ=WEEKLY',
      title: 'Sans fin',
      attendees: 1,
    });
    const { occurrences } = CreateSeriesResponse.parse(await jsonOf(res));
    expect(occurrences.length).toBeGreaterThanOrEqual(4);
    expect(occurrences.length).toBeLessThanOrEqual(5);
    expect(occurrences.every((o) => o.status === 'booked')).toBe(true);
  });

  it('answers a rule reaching centuries ahead at once, refusing what lies past the horizon', async () => {
    const { spaceId } = await space();
    const first = dayFromToday(9);
    const started = Date.now();
    const res = await createSeries({
      spaceId,
      firstStart: at(first, 9),
      firstEnd: at(first, 10),
      rrule: 'FREQ=YEARLY;INTERVAL=40;COUNT=200',
      title: 'Millénaire',
      attendees: 1,
    });
    expect(res.status).toBe(201);
    const { occurrences } = CreateSeriesResponse.parse(await jsonOf(res));
    expect(occurrences[0].status).toBe('booked');
    expect(new Set(occurrences.slice(1).map((o) => o.code))).toEqual(new Set(['BEYOND_HORIZON']));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stores nothing when no date can be booked, and says why for each', async () => {
    const { spaceId } = await space();
    const before = [await count('bookings'), await count('booking_series')];
    const res = await createSeries({
      spaceId,
      firstStart: '2020-03-03T10:00:00+01:00',
      firstEnd: '2020-03-03T11:00:00+01:00',
      rrule: 'FREQ=WEEKLY;COUNT=3',
      title: 'Passé',
      attendees: 1,
    });
    expect(res.status).toBe(422);
    const problem = await jsonOf(res);
    expect(problem.code).toBe('IN_THE_PAST');
    expect(problem.errors).toHaveLength(3);
    expect([await count('bookings'), await count('booking_series')]).toEqual(before);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key for another body', async () => {
    const { spaceId } = await space();
    const first = dayFromToday(4);
    const body = {
      spaceId,
      firstStart: at(first, 15),
      firstEnd: at(first, 16),
      rrule: 'FREQ=DAILY;COUNT=3',
      title: 'Idempotent',
      attendees: 1,
    };
    const key = { 'Idempotency-Key': `series-${spaceId}` };
    const a = await createSeries(body, key);
    expect(a.status).toBe(201);
    const bookingsAfterFirst = await count('bookings');
    const b = await createSeries(body, key);
    expect(b.status).toBe(201);
    expect(await jsonOf(b)).toEqual(await jsonOf(a));
    expect(await count('bookings')).toBe(bookingsAfterFirst);
    const other = await createSeries({ ...body, title: 'Autre chose' }, key);
    expect(other.status).toBe(422);
    expect((await jsonOf(other)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('bookings')).toBe(bookingsAfterFirst);
  });

  it('shows the series with its bookings to its organisation, not to another one', async () => {
    const { spaceId } = await space();
    const first = dayFromToday(5);
    const created = await bookSeries(spaceId, first, [8, 9], 'FREQ=DAILY;COUNT=2', 'Visible');
    const get = (as: string) =>
      fetch(`${seriesUrl()}/${created.series.id}`, { headers: { authorization: `Bearer ${as}` } });
    const mine = await get(token);
    expect(mine.status).toBe(200);
    const detail = SeriesDetail.parse(await jsonOf(mine));
    expect(detail.bookings.map((b) => b.start)).toEqual(created.occurrences.map((o) => o.start));
    const stranger = await login(t.url, (await createMember(t.db, await createOrganisation(t.db))).email);
    expect((await get(stranger)).status).toBe(404);
  });

  it('names the series on each of its bookings, wherever a booking is read, and null on a single one', async () => {
    const { spaceId } = await space();
    const first = dayFromToday(9);
    const created = await bookSeries(spaceId, first, [14, 15], 'FREQ=WEEKLY;COUNT=2', 'Marquée');
    const seriesId = created.series.id;
    const single = await postJson(`${t.url}/api/v1/bookings`, token, {
      spaceId,
      start: at(first, 16),
      end: at(first, 17),
      title: 'Seule',
      attendees: 1,
    });
    expect(single.status).toBe(201);
    const made = Booking.parse(await jsonOf(single));
    expect(made.seriesId).toBeNull();

    const read = async (path: string) =>
      jsonOf(await fetch(`${t.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }));
    const listed = BookingPage.parse(await read(`/bookings?spaceId=${spaceId}`)).items;
    expect(Object.fromEntries(listed.map((b) => [b.title + b.start, b.seriesId]))).toEqual({
      [`Marquée${created.occurrences[0].start}`]: seriesId,
      [`Marquée${created.occurrences[1].start}`]: seriesId,
      [`Seule${made.start}`]: null,
    });
    const occurrence = created.occurrences[0].bookingId!;
    expect(Booking.parse(await read(`/bookings/${occurrence}`)).seriesId).toBe(seriesId);
    expect(Booking.parse(await read(`/bookings/${made.id}`)).seriesId).toBeNull();
    const detail = SeriesDetail.parse(await read(`/booking-series/${seriesId}`));
    expect(detail.bookings.map((b) => b.seriesId)).toEqual([seriesId, seriesId]);
    const cancelled = await postJson(`${t.url}/api/v1/bookings/${occurrence}/cancel`, token, {});
    expect(Booking.parse(await jsonOf(cancelled)).seriesId).toBe(seriesId);
  });

  it('cancels the future occurrences through the booking lifecycle, and leaves the past ones', async () => {
    const { spaceId } = await space();
    const first = dayFromToday(7);
    const created = await bookSeries(spaceId, first, [12, 13], 'FREQ=WEEKLY;COUNT=3', 'À annuler');
    const [past, ...future] = created.occurrences.map((o) => o.bookingId!);
    // The first date has gone by (moved into the past here, as time would).
    await t.db.query(
      `UPDATE bookings SET period = tstzrange(now() - interval '2 hours', now() - interval '1 hour'),
                           blocked_period = tstzrange(now() - interval '2 hours', now() - interval '1 hour')
        WHERE id = $1`,
      [past],
    );
    const stranger = await login(t.url, (await createMember(t.db, await createOrganisation(t.db))).email);
    const refused = await postJson(`${seriesUrl()}/${created.series.id}/cancel`, stranger, {});
    expect(refused.status).toBe(404);

    const res = await postJson(`${seriesUrl()}/${created.series.id}/cancel`, token, {
      reason: 'Fin du projet',
    });
    expect(res.status).toBe(200);
    const body = await jsonOf(res);
    expect(body.series.status).toBe('cancelled');
    expect([...body.cancelled].sort()).toEqual([...future].sort());
    const rows = await t.db.query(`SELECT id, status FROM bookings WHERE series_id = $1`, [
      created.series.id,
    ]);
    const byId = Object.fromEntries(rows.map((r: { id: string; status: string }) => [r.id, r.status]));
    expect(byId).toEqual({ [past]: 'confirmed', [future[0]]: 'cancelled', [future[1]]: 'cancelled' });
    // Each cancellation is the lifecycle's: its history line and its event (e-mail, waiting list).
    const events = await t.db.query(
      `SELECT payload->>'bookingId' AS id FROM outbox WHERE type = 'booking.cancelled' AND payload->>'bookingId' = ANY($1)`,
      [future],
    );
    expect(events).toHaveLength(2);
    const history = await t.db.query(
      `SELECT count(*)::int AS n FROM booking_history WHERE booking_id = ANY($1) AND to_status = 'cancelled'`,
      [future],
    );
    expect(history[0].n).toBe(2);
  });

  it('makes a site manager say why they cancel a series, and gives each occurrence that reason', async () => {
    const { siteId, spaceId } = await space();
    const first = dayFromToday(10);
    const created = await bookSeries(spaceId, first, [10, 11], 'FREQ=WEEKLY;COUNT=2', 'Par le site');
    const manager = await login(t.url, (await createUser(t.db, 'site_manager', { siteId })).email);
    const cancel = (body: unknown) => postJson(`${seriesUrl()}/${created.series.id}/cancel`, manager, body);

    const silent = await cancel({});
    expect(silent.status).toBe(422);
    expect((await jsonOf(silent)).code).toBe('REASON_REQUIRED');
    const said = await cancel({ reason: 'Travaux au site' });
    expect(said.status).toBe(200);
    expect((await jsonOf(said)).cancelled).toHaveLength(2);
    const rows = await t.db.query(`SELECT status, cancellation_reason FROM bookings WHERE series_id = $1`, [
      created.series.id,
    ]);
    expect(rows).toEqual(Array(2).fill({ status: 'cancelled', cancellation_reason: 'Travaux au site' }));
  });

  it('sends one French e-mail listing the booked dates', async () => {
    const { spaceId } = await space();
    const first = dayFromToday(6);
    await createSeries({
      spaceId,
      firstStart: at(first, 17),
      firstEnd: at(first, 18),
      rrule: 'FREQ=DAILY;COUNT=2',
      title: 'Courriel',
      attendees: 1,
    });
    const mail = await waitFor('the series e-mail', async () =>
      (await mailsTo(t, memberEmail)).find((m) => m.text.includes('« Courriel »')),
    );
    expect(mail.subject).toMatch(
      /^Série de réservations : Salle test, tous les jours de 17 h à 18 h, 2 fois/,
    );
    expect(mail.text).toContain('de 17 h 00 à 18 h 00');
  });
});

describe(`bad input to POST /booking-series (${MODE})`, () => {
  let spaceId: string;
  beforeAll(async () => {
    spaceId = (await space()).spaceId;
  });

  const validFirst = () => dayFromToday(10);
  const valid = () => ({
    spaceId,
    firstStart: at(validFirst(), 10),
    firstEnd: at(validFirst(), 11),
    rrule: 'FREQ=WEEKLY;COUNT=3',
    title: 'Valide',
    attendees: 2,
  });
  const notString = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.object({ maxDepth: 1 }),
  );
  const junk = fc.oneof(notString, fc.string());
  // For each field, values that are wrong for it: a type mismatch, or a value of the right type that no
  // rule accepts.
  const badFor: Record<string, fc.Arbitrary<unknown>> = {
    spaceId: fc.oneof(junk, fc.constant('00000000-0000-4000-8000-000000000000')),
    firstStart: fc.oneof(
      junk,
      fc.constantFrom('2026-02-30T10:00:00+01:00', '2020-01-01T10:00:00Z', 'demain'),
    ),
    firstEnd: fc.oneof(junk, fc.constantFrom('2019-01-01T10:00:00Z', '9999-12-31T23:59:59Z')),
    rrule: fc.oneof(
      notString,
      fc.string(),
      fc.constantFrom(
        'FREQ=SECONDLY',
        'FREQ=HOURLY;COUNT=3',
        'FREQ=DAILY;COUNT=100000',
        'FREQ=DAILY;UNTIL=29991231T000000Z',
        'FREQ=DAILY;BYHOUR=3',
        'FREQ=WEEKLY;BYDAY=XX',
        'FREQ=MONTHLY;BYMONTHDAY=99;COUNT=2',
        'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
        'RRULE:',
        'DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY',
        'FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z',
        'FREQ=DAILY;INTERVAL=0',
        'FREQ=YEARLY;INTERVAL=999;COUNT=200',
        'x'.repeat(600),
      ),
    ),
    title: fc.oneof(notString, fc.constantFrom('', '   ', 'x'.repeat(121))),
    attendees: fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.integer({ min: 11 }),
      fc.integer({ max: 0 }),
      fc.constantFrom(2.5, '2'),
    ),
    extra: junk,
  };
  const badBody = fc
    .tuple(fc.subarray(Object.keys(badFor), { minLength: 1 }), fc.boolean())
    .chain(([fields, drop]) =>
      fc.tuple(...fields.map((f) => badFor[f])).map((values) => {
        const body: Record<string, unknown> = valid();
        fields.forEach((f, i) => {
          if (drop && f !== 'extra') delete body[f];
          else body[f] = values[i];
        });
        return body;
      }),
    );

  it('never answers 5xx and stores nothing, whatever the bad body', async () => {
    const before = [await count('bookings'), await count('booking_series'), await count('idempotency_keys')];
    await fc.assert(
      fc.asyncProperty(badBody, fc.boolean(), async (body, withKey) => {
        const res = await createSeries(body, withKey ? { 'Idempotency-Key': crypto.randomUUID() } : {});
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        const problem = await jsonOf(res);
        expect(typeof problem.detail).toBe('string');
      }),
      { numRuns: 150 },
    );
    expect([await count('bookings'), await count('booking_series'), await count('idempotency_keys')]).toEqual(
      before,
    );
  });
});
