import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { spaceDays } from '@lieux/scheduling';
import { DigestService } from '../src/reports/digest.service';
import { OccupancyService } from '../src/reports/occupancy.service';
import { ReportsRepository } from '../src/reports/reports.repository';
import { DataSource } from 'typeorm';
import { createUser, login, validSiret } from './fixtures';
import { MODE, readMail, startApp, waitFor, type TestApp } from './harness';

/**
 * Hand-computed fixtures (the expected numbers are worked out in the comments), then the properties:
 * roll-ups equal the sums of their parts, and incremental figures equal a full rebuild.
 */

let t: TestApp;
let occupancy: OccupancyService;
let admin: string;

const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '09:00', closes: '12:00' },
  { weekday, opens: '14:00', closes: '18:00' },
]);
/** Site A: 9–12 and 14–18 on weekdays, and a night window 01:00–04:00 on Sundays that meets the clock change. */
const HOURS_A = [...weekdays, { weekday: 7, opens: '01:00', closes: '04:00' }];
const HOURS_B = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));
/** When the fixture spaces were published, before any of their bookings. */
const PUBLISHED = '2026-01-01T00:00:00+01:00';

async function site(o: { region: string; departement: string; hours: object[]; commune: string }) {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO sites (id, name, address, postcode, commune, departement_code, region_code, time_zone, latitude, longitude,
                        opening_hours)
     VALUES ($1, $2, '1 rue de la Poste', '00000', $3, $4, $5, 'Europe/Paris', 45, 3, $6)`,
    [id, `Poste ${o.commune}`, o.commune, o.departement, o.region, JSON.stringify(o.hours)],
  );
  return id;
}

/** A space published since `published` (the trigger records now; the fixtures' bookings are older). */
async function space(
  siteId: string,
  o: { region: string; departement: string; area: number; kind?: string; published?: string },
) {
  const [{ id }] = await t.db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status)
     VALUES ($1, $2, $3, $4, $5, $6, 10, 'published') RETURNING id`,
    [siteId, o.region, o.departement, `Salle ${o.area} m²`, o.kind ?? 'meeting_room', o.area],
  );
  await t.db.query(`UPDATE space_publications SET period = tstzrange($2, NULL) WHERE space_id = $1`, [
    id,
    o.published ?? PUBLISHED,
  ]);
  return id as string;
}

async function organisation(legalForm: string, region = '76') {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO organisations (id, name, siret, legal_form, region_code, verification, esus_approved_on)
     VALUES ($1, $2, $3, $4, $5, 'verified', CASE WHEN $4 = 'esus_company' THEN current_date END)`,
    [id, `Structure ${id.slice(0, 6)}`, validSiret(), legalForm, region],
  );
  return id;
}

async function booking(spaceId: string, organisationId: string, start: string, end: string, status: string) {
  const [{ id }] = await t.db.query(
    `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
     VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'Réunion', 3, 0) RETURNING id`,
    [spaceId, organisationId, status, start, end],
  );
  return id as string;
}

async function report(query: string, token = admin, accept = 'application/json') {
  const res = await fetch(`${t.url}/api/v1/reports/occupancy?${query}`, {
    headers: { authorization: `Bearer ${token}`, accept },
  });
  return res;
}

async function json(query: string, token = admin): Promise<any> {
  const res = await report(query, token);
  expect(res.status).toBe(200);
  return res.json();
}

const w: Record<string, string> = {};

beforeAll(async () => {
  t = await startApp();
  occupancy = t.app.get(OccupancyService);
  // The fixtures are in 2026: rolled up still when the coverage (from last January on) has moved past it.
  await t.db.query(`UPDATE occupancy_coverage SET from_date = least(from_date, '2026-01-01')`);
  admin = await login(t.url, (await createUser(t.db, 'admin')).email);
  // Site A in Hérault (Occitanie, 76); site B in Bas-Rhin (Grand Est, 44), where Good Friday is a holiday.
  w.siteA = await site({ region: '76', departement: '34', hours: HOURS_A, commune: 'Montpellier' });
  w.spaceA = await space(w.siteA, { region: '76', departement: '34', area: 20 });
  w.siteB = await site({ region: '44', departement: '67', hours: HOURS_B, commune: 'Strasbourg' });
  w.spaceB = await space(w.siteB, { region: '44', departement: '67', area: 50, kind: 'office' });
  await t.db.query(
    `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, '2026-04-01', '2026-04-01', 'Travaux')`,
    [w.siteA],
  );
  w.o1 = await organisation('association');
  w.o2 = await organisation('scop');
  w.o3 = await organisation('association');
  w.o4 = await organisation('scic', '44');
  await booking(w.spaceA, w.o1, '2026-03-23T09:00:00+01:00', '2026-03-23T12:00:00+01:00', 'confirmed'); // 180 min
  await booking(w.spaceA, w.o2, '2026-03-24T10:00:00+01:00', '2026-03-24T16:00:00+01:00', 'completed'); // 10–12 + 14–16: 240
  // Three days across the closure of Wednesday 1 April: Tuesday 420 + Wednesday 0 + Thursday 9–12 180 = 600.
  await booking(w.spaceA, w.o1, '2026-03-31T09:00:00+02:00', '2026-04-02T12:00:00+02:00', 'confirmed');
  // Cancelled the evening before: 0 hours, one late cancellation.
  const late = await booking(
    w.spaceA,
    w.o3,
    '2026-03-26T09:00:00+01:00',
    '2026-03-26T12:00:00+01:00',
    'cancelled',
  );
  await t.db.query(
    `UPDATE bookings SET late_cancellation = true, cancelled_at = '2026-03-25T19:00:00+01:00' WHERE id = $1`,
    [late],
  );
  // Cancelled a week ahead: counts nowhere.
  await booking(w.spaceA, w.o3, '2026-03-25T09:00:00+01:00', '2026-03-25T12:00:00+01:00', 'cancelled');
  await booking(w.spaceA, w.o3, '2026-03-27T14:00:00+01:00', '2026-03-27T18:00:00+01:00', 'no_show'); // 0, one no-show
  // Sunday 29 March, 01:00 CET to 04:00 CEST: two real hours.
  await booking(w.spaceA, w.o2, '2026-03-29T01:00:00+01:00', '2026-03-29T04:00:00+02:00', 'confirmed'); // 120
  await booking(w.spaceA, w.o1, '2026-03-30T09:00:00+02:00', '2026-03-30T10:00:00+02:00', 'pending'); // 0
  await booking(w.spaceB, w.o4, '2026-04-02T08:00:00+02:00', '2026-04-02T12:00:00+02:00', 'confirmed'); // 240
  await occupancy.drain();
});

afterAll(() => t?.close());

describe(`occupancy figures (${MODE})`, () => {
  const PERIOD = 'from=2026-03-23&to=2026-04-06';

  it('gives the hand-computed figures per site and in total', async () => {
    const r = await json(`scope=national&${PERIOD}&groupBy=site`);
    const a = r.rows.find((x: any) => x.key === w.siteA);
    const b = r.rows.find((x: any) => x.key === w.siteB);
    // A offers 5 × 7 h (23–27 March) + 2 h (Sunday 29, spring forward) + 4 × 7 h (30 March–3 April, the 1st
    // closed) + 3 h (Sunday 5 April) + 0 (Easter Monday) = 68 h; books 3 + 4 + 7 + 3 + 2 = 19 h.
    expect(a).toMatchObject({
      label: 'Poste Montpellier (Montpellier)',
      offeredHours: 68,
      bookedHours: 19,
      offeredSqmHours: 1360,
      usedSqmHours: 380,
      rate: 0.2794, // 19 / 68
      bookings: 4, // the cancelled, the no-show and the pending one do not count
      organisations: 2,
      noShows: 1,
      noShowRate: 0.2, // 1 / (4 + 1)
      lateCancellations: 1,
      cancellationRate: 0.1667, // 1 / (4 + 1 + 1)
    });
    // B offers 4 h on 9 weekdays (Good Friday and Easter Monday are holidays in Bas-Rhin) = 36 h; books 4 h.
    expect(b).toMatchObject({
      offeredHours: 36,
      bookedHours: 4,
      offeredSqmHours: 1800,
      usedSqmHours: 200,
      rate: 0.1111,
      bookings: 1,
      organisations: 1,
    });
    // Summed, then divided: 23 / 104, not the mean of 0.2794 and 0.1111.
    expect(r.totals).toEqual({
      offeredHours: 104,
      bookedHours: 23,
      offeredSqmHours: 3160,
      usedSqmHours: 580,
      rate: 0.2212,
      bookings: 5,
      organisations: 3,
      noShows: 1,
      noShowRate: 0.1667,
      lateCancellations: 1,
      cancellationRate: 0.1429, // 1 / (5 + 1 + 1)
    });
  });

  it('reads whole months from the month rollup: March 2026 at site A', async () => {
    const r = await json(`scope=site:${w.siteA}&from=2026-03-01&to=2026-03-31&groupBy=month`);
    // 22 weekdays × 7 h + four Sundays × 3 h + 2 h on the 29th = 168 h; booked 3 + 4 + 2 + 7 (the 31st) = 16 h.
    expect(r.rows).toEqual([
      expect.objectContaining({ key: '2026-03', label: 'mars 2026', offeredHours: 168, bookedHours: 16 }),
    ]);
    expect(r.totals).toMatchObject({ offeredHours: 168, bookedHours: 16, bookings: 4, organisations: 2 });
  });

  it('splits by week, by kind and by legal form', async () => {
    const weeks = await json(`scope=national&${PERIOD}&groupBy=week`);
    expect(weeks.rows.map((x: any) => [x.key, x.offeredHours, x.bookedHours])).toEqual([
      ['2026-03-23', 57, 9], // offered A 35 + 2, B 20; booked 3 + 4 + 2 (A)
      ['2026-03-30', 47, 14], // offered A 28 + 3, B 16 (Good Friday off in Bas-Rhin); booked 7 + 3 (A) + 4 (B)
    ]);
    const kinds = await json(`scope=national&${PERIOD}&groupBy=kind`);
    expect(kinds.rows.map((x: any) => [x.key, x.label, x.offeredHours])).toEqual([
      ['meeting_room', 'Salle de réunion', 68],
      ['office', 'Bureau', 36],
    ]);
    const forms = await json(`scope=national&${PERIOD}&groupBy=legalForm`);
    expect(
      forms.rows.map((x: any) => [x.key, x.bookedHours, x.bookings, x.organisations, x.offeredHours, x.rate]),
    ).toEqual([
      ['association', 13, 2, 1, null, 0.125], // o1: 3 + 10 h of the 104 h offered
      ['scop', 6, 2, 1, null, 0.0577], // o2: 4 + 2 h
      ['scic', 4, 1, 1, null, 0.0385], // o4
    ]);
  });

  it('agrees day by day with the TypeScript definition in libs/scheduling', async () => {
    const rows: { day: string; offered_minutes: number; booked_minutes: number }[] = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, offered_minutes, booked_minutes FROM occupancy_days
        WHERE space_id = $1 AND day BETWEEN '2026-03-16' AND '2026-04-12' ORDER BY day`,
      [w.spaceA],
    );
    const list: { start_at: Date; end_at: Date; status: string; organisation_id: string }[] =
      await t.db.query(
        `SELECT lower(period) AS start_at, upper(period) AS end_at, status, organisation_id FROM bookings WHERE space_id = $1`,
        [w.spaceA],
      );
    const expected = spaceDays(
      {
        timeZone: 'Europe/Paris',
        openingHours: HOURS_A,
        closures: [{ startsOn: '2026-04-01', endsOn: '2026-04-01' }],
        departementCode: '34',
        holidayOpenings: new Set(),
        published: [{ start: Date.parse(PUBLISHED), end: Infinity }],
      },
      list.map((b) => ({
        start: b.start_at.getTime(),
        end: b.end_at.getTime(),
        status: b.status,
        organisationId: b.organisation_id,
      })),
      '2026-03-16',
      '2026-04-12',
    ).filter((d) => d.offeredMinutes > 0 || d.bookings > 0 || d.noShows > 0);
    expect(rows).toEqual(
      expected.map((d) => ({
        day: d.date,
        offered_minutes: d.offeredMinutes,
        booked_minutes: d.bookedMinutes,
      })),
    );
  });
});

describe('CSV and access', () => {
  it('answers CSV for a French spreadsheet: BOM, semicolons, decimal commas, a total line', async () => {
    const res = await report(`scope=region:76&from=2026-03-23&to=2026-04-06&groupBy=site`, admin, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toContain(
      'occupation-region-76-2026-03-23-2026-04-06-site.csv',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe(
      'Site;Heures offertes;Heures réservées;m²·h offerts;m²·h utilisés;Taux d’occupation (%);Réservations;Organisations;Absences;Taux d’absence (%);Annulations tardives;Taux d’annulation tardive (%)',
    );
    expect(lines[1]).toBe(
      'Poste Montpellier (Montpellier);68,00;19,00;1360,00;380,00;27,9;4;2;1;20,0;1;16,7',
    );
    expect(lines[2]).toBe('Total;68,00;19,00;1360,00;380,00;27,9;4;2;1;20,0;1;16,7');
    expect(lines[3]).toBe('');
  });

  it('lets a delegate see their region only, and refuses bad input with the fields', async () => {
    const delegate = await login(t.url, (await createUser(t.db, 'delegate', { regionCode: '76' })).email);
    expect((await report(`scope=region:76&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(200);
    expect((await report(`scope=departement:34&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(200);
    expect((await report(`scope=site:${w.siteA}&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(200);
    expect((await report(`scope=region:44&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(403);
    expect((await report(`scope=departement:67&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(403);
    expect((await report(`scope=national&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(403);
    expect((await report(`scope=site:${w.siteB}&from=2026-03-01&to=2026-03-31`, delegate)).status).toBe(404);
    expect((await report(`scope=region:99&from=2026-03-01&to=2026-03-31`)).status).toBe(404);
    const bad = await report(`scope=planet:earth&from=2026-03-31&to=2026-03-01&groupBy=day`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body: any = await bad.json();
    expect(body.errors.map((e: any) => e.path).sort()).toEqual(['query.groupBy', 'query.scope']);
    const reversed: any = await (await report(`scope=national&from=2026-03-31&to=2026-03-01`)).json();
    expect(reversed.errors).toEqual([expect.objectContaining({ path: 'query.to' })]);
  });
});

describe('publication windows', () => {
  /** Site C, Sète (Hérault, région 76): 09:00–12:00 on weekdays, no holiday in March 2026. */
  const HOURS_C = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '12:00' }));
  const P_PUBLISHED = '2026-03-18T15:30:00+01:00';
  const move = async (id: string, to: 'publish' | 'archive') => {
    const res = await fetch(`${t.url}/api/v1/spaces/${id}/${to}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    await occupancy.drain();
  };
  const bySpace = async (query: string) => {
    const r = await json(`scope=site:${w.siteC}&${query}&groupBy=space`);
    const figures = (id: string) => {
      const row = r.rows.find((x: any) => x.key === id);
      return row ? [row.offeredHours, row.bookedHours] : [0, 0];
    };
    return { P: figures(w.spaceP), R: figures(w.spaceR), totals: r.totals };
  };
  /** The first and last dates of the month after this one: after any archiving the tests do. */
  const nextMonth = (() => {
    // In Paris: on the 1st before 01:00 the UTC month is still the one before.
    const month = Temporal.Now.plainDateISO('Europe/Paris').toPlainYearMonth().add({ months: 1 });
    return `from=${month.toPlainDate({ day: 1 })}&to=${month.toPlainDate({ day: month.daysInMonth })}`;
  })();

  beforeAll(async () => {
    w.siteC = await site({ region: '76', departement: '34', hours: HOURS_C, commune: 'Sète' });
    // P published on Wednesday 18 March in the afternoon; R since January, later archived.
    w.spaceP = await space(w.siteC, { region: '76', departement: '34', area: 10, published: P_PUBLISHED });
    w.spaceR = await space(w.siteC, { region: '76', departement: '34', area: 30 });
    await booking(w.spaceP, w.o1, '2026-03-19T09:00:00+01:00', '2026-03-19T11:00:00+01:00', 'confirmed'); // 120
    await booking(w.spaceR, w.o2, '2026-03-17T09:00:00+01:00', '2026-03-17T12:00:00+01:00', 'confirmed'); // 180
    await booking(w.spaceR, w.o3, '2026-03-24T10:00:00+01:00', '2026-03-24T11:00:00+01:00', 'completed'); // 60
    await occupancy.drain();
  });

  it('lets a space published mid-month offer from that day only, the whole day included', async () => {
    // P: 18–20, 23–27, 30–31 March = 10 weekdays × 3 h = 30 h, not the month's 22 × 3 = 66 h; booked 2 h.
    // R: all of March, 66 h, booked 3 + 1 = 4 h.
    expect(await bySpace('from=2026-03-01&to=2026-03-31')).toMatchObject({ P: [30, 2], R: [66, 4] });
    // Edge days, read from the day rollup: R offers 16–31 March = 12 weekdays = 36 h.
    expect(await bySpace('from=2026-03-16&to=2026-03-31')).toMatchObject({ P: [30, 2], R: [36, 4] });
    // A région's report cut before P's publication, from the running totals of March: no row for P at all.
    for (const scope of ['region:76', 'national']) {
      const early = await json(`scope=${scope}&from=2026-03-01&to=2026-03-17&groupBy=space`);
      expect(early.rows.find((x: any) => x.key === w.spaceP)).toBeUndefined();
      // R: 2–6, 9–13, 16–17 March = 12 weekdays = 36 h; booked 3 h on the 17th, by one organisation.
      expect(early.rows.find((x: any) => x.key === w.spaceR)).toMatchObject({
        offeredHours: 36,
        bookedHours: 3,
        organisations: 1,
      });
    }
    const days: { day: string; offered_minutes: number }[] = await t.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, offered_minutes FROM occupancy_days
        WHERE space_id = $1 AND day BETWEEN '2026-03-16' AND '2026-03-20' ORDER BY day`,
      [w.spaceP],
    );
    expect(days).toEqual([
      { day: '2026-03-18', offered_minutes: 180 },
      { day: '2026-03-19', offered_minutes: 180 },
      { day: '2026-03-20', offered_minutes: 180 },
    ]);
    const expected = spaceDays(
      {
        timeZone: 'Europe/Paris',
        openingHours: HOURS_C,
        closures: [],
        departementCode: '34',
        holidayOpenings: new Set(),
        published: [{ start: Date.parse(P_PUBLISHED), end: Infinity }],
      },
      [],
      '2026-03-16',
      '2026-03-20',
    );
    expect(expected.filter((d) => d.offeredMinutes > 0).map((d) => d.date)).toEqual(days.map((d) => d.day));
  });

  it('keeps an archived space’s past offered and booked hours, and offers nothing after it', async () => {
    expect((await bySpace(nextMonth)).R[0]).toBeGreaterThan(0);
    await move(w.spaceR, 'archive');
    expect(await bySpace('from=2026-03-01&to=2026-03-31')).toMatchObject({ P: [30, 2], R: [66, 4] });
    expect(await bySpace('from=2026-03-16&to=2026-03-31')).toMatchObject({ R: [36, 4] });
    expect((await bySpace(nextMonth)).R).toEqual([0, 0]);

    // Published again: a second period from now on, the archived gap in between.
    await move(w.spaceR, 'publish');
    expect(await bySpace('from=2026-03-01&to=2026-03-31')).toMatchObject({ R: [66, 4] });
    expect((await bySpace(nextMonth)).R[0]).toBeGreaterThan(0);
    const periods = await t.db.query(
      `SELECT lower(period) AS "from", upper(period) AS "to" FROM space_publications WHERE space_id = $1 ORDER BY 1`,
      [w.spaceR],
    );
    const audit = await t.db.query(
      `SELECT action, at FROM audit_log WHERE entity_id = $1 AND action IN ('archived', 'published') ORDER BY id`,
      [w.spaceR],
    );
    expect(audit.map((a: any) => a.action)).toEqual(['archived', 'published']);
    expect(periods).toEqual([
      { from: new Date(PUBLISHED), to: audit[0].at },
      { from: audit[1].at, to: null },
    ]);
  });

  it('rolls the windows up: a site and a région are the sums of their parts', async () => {
    const month = 'from=2026-03-01&to=2026-03-31';
    const c = await json(`scope=site:${w.siteC}&${month}&groupBy=month`);
    // P 30 + R 66 = 96 h offered, 2 + 4 = 6 h booked; m²·h 10 × 30 + 30 × 66 = 2280 and 10 × 2 + 30 × 4 = 140.
    expect(c.totals).toMatchObject({
      offeredHours: 96,
      bookedHours: 6,
      offeredSqmHours: 2280,
      usedSqmHours: 140,
      rate: 0.0625, // 6 / 96
      bookings: 3,
      organisations: 3,
    });
    expect((await bySpace(month)).totals).toEqual(c.totals);
    // Région 76: site A's March (168 h, 16 h booked, 4 bookings) and site C's.
    const region = await json(`scope=region:76&${month}&groupBy=site`);
    expect(region.totals).toMatchObject({
      offeredHours: 264,
      bookedHours: 22,
      bookings: 7,
      organisations: 3,
    });
    expect(region.rows.map((x: any) => [x.key, x.offeredHours, x.bookedHours])).toEqual(
      expect.arrayContaining([
        [w.siteA, 168, 16],
        [w.siteC, 96, 6],
      ]),
    );
  });

  it('follows a publication date corrected by hand, both ways', async () => {
    const correct = async (from: string) => {
      await t.db.query(`UPDATE space_publications SET period = tstzrange($2, NULL) WHERE space_id = $1`, [
        w.spaceP,
        from,
      ]);
      await occupancy.drain();
      return (await bySpace('from=2026-03-01&to=2026-03-31')).P;
    };
    // From Monday 23 March: 23–27 and 30–31 = 7 weekdays × 3 h; the booking of the 19th no longer counts.
    expect(await correct('2026-03-23T08:00:00+01:00')).toEqual([21, 0]);
    expect(await correct(P_PUBLISHED)).toEqual([30, 2]);
    // Withdrawn at 10:00 on the 19th, during its booking, and published again at 10:30: the day counts once.
    await t.db.query(
      `UPDATE space_publications SET period = tstzrange(lower(period), '2026-03-19T10:00:00+01:00') WHERE space_id = $1`,
      [w.spaceP],
    );
    await t.db.query(
      `INSERT INTO space_publications (space_id, period) VALUES ($1, tstzrange('2026-03-19T10:30:00+01:00', NULL))`,
      [w.spaceP],
    );
    await occupancy.drain();
    expect(
      await t.db.query(
        `SELECT offered_minutes, booked_minutes, bookings FROM occupancy_days WHERE space_id = $1 AND day = '2026-03-19'`,
        [w.spaceP],
      ),
    ).toEqual([{ offered_minutes: 180, booked_minutes: 120, bookings: 1 }]);
    expect((await bySpace('from=2026-03-01&to=2026-03-31')).P).toEqual([30, 2]);
  });
});

describe('roll-ups and the incremental path', () => {
  const sum = (rows: any[], f: string) => rows.reduce((s, r) => s + r[f], 0);

  it('sums parts to the totals for every grouping; distinct organisations never exceed the parts', async () => {
    for (const groupBy of ['site', 'space', 'kind', 'month', 'week']) {
      const r = await json(`scope=national&from=2026-03-10&to=2026-05-20&groupBy=${groupBy}`);
      for (const f of ['offeredHours', 'bookedHours', 'offeredSqmHours', 'usedSqmHours']) {
        expect(Math.abs(sum(r.rows, f) - r.totals[f])).toBeLessThanOrEqual(0.01 * r.rows.length);
      }
      expect(sum(r.rows, 'bookings')).toBe(r.totals.bookings);
      expect(sum(r.rows, 'noShows')).toBe(r.totals.noShows);
      expect(sum(r.rows, 'organisations')).toBeGreaterThanOrEqual(r.totals.organisations);
    }
    // Both sites of region 76 and 44 add up to the nation.
    const nation = await json(`scope=national&from=2026-03-10&to=2026-05-20`);
    const a = await json(`scope=region:76&from=2026-03-10&to=2026-05-20`);
    const b = await json(`scope=region:44&from=2026-03-10&to=2026-05-20`);
    expect(a.totals.offeredHours + b.totals.offeredHours).toBeCloseTo(nation.totals.offeredHours, 2);
    expect(a.totals.bookedHours + b.totals.bookedHours).toBeCloseTo(nation.totals.bookedHours, 2);
  });

  it('reads whole months by site and by space from their own rollups, with the figures of the other paths', async () => {
    const months = 'from=2026-03-01&to=2026-04-30';
    for (const scope of ['national', 'region:76', 'region:44']) {
      const kinds = await json(`scope=${scope}&${months}&groupBy=kind`);
      expect(kinds.totals.organisations).toBeGreaterThan(0);
      for (const groupBy of ['site', 'space']) {
        expect((await json(`scope=${scope}&${months}&groupBy=${groupBy}`)).totals).toEqual(kinds.totals);
      }
    }
    const bySite = await json(`scope=national&${months}&groupBy=site`);
    expect(bySite.rows.length).toBeGreaterThan(1);
    const labelled = (r: any) => ({
      key: r.key,
      label: r.label,
      latitude: r.latitude,
      longitude: r.longitude,
    });
    const cut = await json(`scope=national&from=2026-03-02&to=2026-04-30&groupBy=site`);
    expect(bySite.rows.map(labelled)).toEqual(cut.rows.map(labelled));
    for (const {
      key,
      label: _label,
      latitude: _latitude,
      longitude: _longitude,
      ...figures
    } of bySite.rows) {
      expect((await json(`scope=site:${key}&${months}&groupBy=month`)).totals).toEqual(figures);
    }
    const bySpace = await json(`scope=national&${months}&groupBy=space`);
    expect(sum(bySpace.rows, 'bookings')).toBe(bySite.totals.bookings);
    expect(sum(bySpace.rows, 'organisations')).toBeGreaterThanOrEqual(bySite.totals.organisations);
  });

  /** The organisations of a row's site bitmap, by their bits in the site's numbering. */
  const siteOrgs = (alias: string) =>
    `ARRAY(SELECT so.organisation_id FROM occupancy_site_orgs so
            WHERE so.site_id = ${alias}.site_id AND so.bit < length(${alias}.organisations)
              AND substring(${alias}.organisations FROM so.bit + 1 FOR 1) = B'1' ORDER BY 1)`;
  const snapshot = async () =>
    Promise.all(
      [
        `SELECT space_id, to_char(day, 'YYYY-MM-DD') d, offered_minutes, booked_minutes, bookings, no_shows, late_cancellations FROM occupancy_days ORDER BY 1, 2`,
        `SELECT space_id, to_char(day, 'YYYY-MM-DD') d, organisation_id, booked_minutes, bookings FROM occupancy_org_days ORDER BY 1, 2, 3`,
        `SELECT space_id, to_char(month, 'YYYY-MM') m, kind, area_sqm, offered_minutes, booked_minutes, bookings, no_shows, late_cancellations FROM occupancy_months ORDER BY 1, 2`,
        `SELECT space_id, to_char(month, 'YYYY-MM') m, organisation_id, area_sqm, booked_minutes, bookings FROM occupancy_org_months ORDER BY 1, 2, 3`,
        `SELECT space_id, to_char(month, 'YYYY-MM') m, ${siteOrgs('x')} AS organisations FROM occupancy_months x ORDER BY 1, 2`,
        `SELECT site_id, to_char(month, 'YYYY-MM') m, region_code, departement_code, offered_minutes, booked_minutes, offered_sqm_minutes,
                used_sqm_minutes, bookings, no_shows, late_cancellations, ${siteOrgs('x')} AS organisations
           FROM occupancy_site_months x ORDER BY 1, 2`,
        // The organisations by id: the bits a site gives them follow the order they were recomputed in.
        `SELECT x.space_id, to_char(x.month, 'YYYY-MM') m, x.site_id, x.region_code, x.departement_code, x.area_sqm,
                x.day_rows, x.offered_minutes, x.booked_minutes, x.bookings, x.no_shows, x.late_cancellations,
                ARRAY(SELECT so.organisation_id || ' ' || u.first_day || '-' || u.last_day
                        FROM unnest(x.org_bits, x.org_first_days, x.org_last_days) AS u(bit, first_day, last_day)
                        JOIN occupancy_site_orgs so ON so.site_id = x.site_id AND so.bit = u.bit ORDER BY 1) AS organisations
           FROM occupancy_month_prefixes x ORDER BY 1, 2`,
        // The bitmaps' widths may differ (a recomputation widens them as organisations arrive): their members may not.
        `SELECT grain, to_char(starts_on, 'YYYY-MM-DD') d, departement_code, region_code, kind, offered_minutes, booked_minutes,
                offered_sqm_minutes, used_sqm_minutes, bookings, no_shows, late_cancellations,
                ARRAY(SELECT n.organisation_id FROM occupancy_org_numbers n
                       WHERE n.number < length(a.organisations) AND substring(a.organisations FROM n.number + 1 FOR 1) = B'1'
                       ORDER BY 1) AS organisations
           FROM occupancy_areas a ORDER BY 1, 2, 3, 5`,
        `SELECT departement_code, to_char(month, 'YYYY-MM') m, organisation_id, region_code, booked_minutes, used_sqm_minutes,
                bookings
           FROM occupancy_area_orgs ORDER BY 1, 2, 3`,
      ].map((sql) => t.db.query(sql)),
    );

  const day = fc
    .integer({ min: 0, max: 60 })
    .map((n) => new Date(Date.UTC(2026, 2, 1 + n)).toISOString().slice(0, 10));
  const change = fc.oneof(
    fc.record({
      op: fc.constant('book' as const),
      space: fc.constantFrom('spaceA', 'spaceB'),
      day,
      hour: fc.integer({ min: 0, max: 22 }),
      hours: fc.integer({ min: 1, max: 30 }),
      status: fc.constantFrom('confirmed', 'completed', 'cancelled', 'no_show', 'pending'),
      org: fc.constantFrom('o1', 'o2', 'o4'),
    }),
    fc.record({
      op: fc.constant('status' as const),
      status: fc.constantFrom('confirmed', 'cancelled', 'completed', 'no_show'),
    }),
    fc.record({ op: fc.constant('late' as const) }),
    fc.record({ op: fc.constant('move' as const), hours: fc.integer({ min: -50, max: 50 }) }),
    fc.record({
      op: fc.constant('closure' as const),
      site: fc.constantFrom('siteA', 'siteB'),
      day,
      days: fc.integer({ min: 0, max: 5 }),
    }),
    fc.record({ op: fc.constant('reopen' as const) }),
    fc.record({
      op: fc.constant('hours' as const),
      site: fc.constantFrom('siteA', 'siteB'),
      opens: fc.integer({ min: 6, max: 11 }),
    }),
    fc.record({
      op: fc.constant('holiday' as const),
      site: fc.constantFrom('siteA', 'siteB'),
      date: fc.constantFrom('2026-04-06', '2026-04-03', '2026-05-01'),
    }),
    fc.record({
      op: fc.constant('area' as const),
      space: fc.constantFrom('spaceA', 'spaceB'),
      area: fc.integer({ min: 5, max: 200 }),
    }),
    fc.record({
      op: fc.constant('publish' as const),
      space: fc.constantFrom('spaceA', 'spaceB'),
      status: fc.constantFrom('published', 'archived'),
    }),
    // A publication period corrected by hand: its start or end moved to an instant among the bookings.
    fc.record({
      op: fc.constant('window' as const),
      space: fc.constantFrom('spaceA', 'spaceB'),
      end: fc.constantFrom('start', 'end'),
      day,
      hour: fc.integer({ min: 0, max: 23 }),
    }),
  );

  async function apply(c: any): Promise<void> {
    switch (c.op) {
      case 'book': {
        const start = new Date(`${c.day}T00:00:00Z`).getTime() + c.hour * 3_600_000;
        const end = start + c.hours * 3_600_000;
        // Active bookings of a space never overlap (the constraint refuses it): skip a clash.
        await booking(
          w[c.space],
          w[c.org],
          new Date(start).toISOString(),
          new Date(end).toISOString(),
          c.status,
        ).catch(() => undefined);
        return;
      }
      case 'status':
        await t.db
          .query(
            `UPDATE bookings SET status = $1 WHERE id = (SELECT id FROM bookings ORDER BY created_at DESC, id LIMIT 1)`,
            [c.status],
          )
          .catch(() => undefined);
        return;
      case 'late':
        await t.db.query(
          `UPDATE bookings SET status = 'cancelled', late_cancellation = true
            WHERE id = (SELECT id FROM bookings ORDER BY created_at DESC, id LIMIT 1)`,
        );
        return;
      case 'move':
        await t.db
          .query(
            `UPDATE bookings SET period = tstzrange(lower(period) + make_interval(hours => $1), upper(period) + make_interval(hours => $1)),
                                blocked_period = tstzrange(lower(period) + make_interval(hours => $1), upper(period) + make_interval(hours => $1))
              WHERE id = (SELECT id FROM bookings ORDER BY id LIMIT 1)`,
            [c.hours],
          )
          .catch(() => undefined);
        return;
      case 'closure': {
        const end = new Date(Date.parse(c.day) + c.days * 86_400_000).toISOString().slice(0, 10);
        await t.db.query(
          `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $3, 'Aléa')`,
          [w[c.site], c.day, end],
        );
        return;
      }
      case 'reopen':
        await t.db.query(
          `DELETE FROM site_closures WHERE id = (SELECT id FROM site_closures ORDER BY created_at DESC, id LIMIT 1)`,
        );
        return;
      case 'hours':
        await t.db.query(`UPDATE sites SET opening_hours = $2 WHERE id = $1`, [
          w[c.site],
          JSON.stringify(
            [1, 2, 3, 4, 6].map((weekday) => ({
              weekday,
              opens: `${String(c.opens).padStart(2, '0')}:00`,
              closes: '17:30',
            })),
          ),
        ]);
        return;
      case 'holiday':
        await t.db.query(
          `WITH d AS (DELETE FROM site_holiday_openings WHERE site_id = $1 AND date = $2 RETURNING 1)
           INSERT INTO site_holiday_openings (site_id, date) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM d)`,
          [w[c.site], c.date],
        );
        return;
      case 'area':
        await t.db.query(`UPDATE spaces SET area_sqm = $2 WHERE id = $1`, [w[c.space], c.area]);
        return;
      case 'publish':
        await t.db.query(`UPDATE spaces SET status = $2 WHERE id = $1`, [w[c.space], c.status]);
        return;
      case 'window': {
        const at = new Date(new Date(`${c.day}T00:00:00Z`).getTime() + c.hour * 3_600_000).toISOString();
        // The first period's start, or the last one's end; one that would overlap or be reversed is refused.
        await t.db
          .query(
            c.end === 'start'
              ? `UPDATE space_publications SET period = tstzrange($2, upper(period))
                  WHERE space_id = $1 AND lower(period) = (SELECT min(lower(period)) FROM space_publications WHERE space_id = $1)`
              : `UPDATE space_publications SET period = tstzrange(lower(period), $2)
                  WHERE space_id = $1 AND lower(period) = (SELECT max(lower(period)) FROM space_publications WHERE space_id = $1)`,
            [w[c.space], at],
          )
          .catch(() => undefined);
        return;
      }
    }
  }

  it('equals a full rebuild after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 6 }), async (changes) => {
        for (const c of changes) await apply(c);
        await occupancy.drain();
        const incremental = await snapshot();
        const [{ last }] = await t.db.query(`SELECT coalesce(max(id), 0)::text AS last FROM occupancy_dirty`);
        await occupancy.rebuild();
        expect(await snapshot()).toEqual(incremental);
        // What was queued when the rebuild began is covered by it; the app's own jobs (a sweep completing a
        // booking) may queue more meanwhile, which the rebuild leaves for the next drain by design.
        expect(
          await t.db.query(`SELECT count(*)::int AS n FROM occupancy_dirty WHERE id <= $1::bigint`, [last]),
        ).toEqual([{ n: 0 }]);
      }),
      { numRuns: MODE === 'embedded' ? 8 : 15 },
    );
  });
});

/** A report's figures recounted from the space-day rollups (checked against libs/scheduling above). */
async function recount(scope: string, from: string, to: string, groupBy: string) {
  const key: Record<string, string> = {
    site: 's.site_id::text',
    space: 'x.space_id::text',
    kind: 's.kind',
    month: `to_char(x.day, 'YYYY-MM')`,
    week: `to_char(date_trunc('week', x.day), 'YYYY-MM-DD')`,
    legalForm: 'o.legal_form',
  };
  const where = `x.day BETWEEN $1 AND $2 AND ${scope === 'national' ? 'true' : `s.region_code = '${scope.slice(7)}'`}`;
  const hours = (m: number) => Math.round((m / 60) * 100) / 100;
  const sums: any[] = await t.db.query(
    `SELECT ${groupBy === 'legalForm' ? `''` : key[groupBy]} AS key, coalesce(sum(x.offered_minutes), 0)::int AS offered,
            coalesce(sum(x.booked_minutes), 0)::int AS booked, coalesce(sum(x.bookings), 0)::int AS bookings,
            coalesce(sum(x.no_shows), 0)::int AS no_shows, coalesce(sum(x.late_cancellations), 0)::int AS late
       FROM occupancy_days x JOIN spaces s ON s.id = x.space_id WHERE ${where} GROUP BY ROLLUP (1)`,
    [from, to],
  );
  const orgs: any[] = await t.db.query(
    `SELECT ${key[groupBy]} AS key, count(DISTINCT x.organisation_id)::int AS n, sum(x.booked_minutes)::int AS booked,
            sum(x.bookings)::int AS bookings
       FROM occupancy_org_days x JOIN spaces s ON s.id = x.space_id JOIN organisations o ON o.id = x.organisation_id
      WHERE ${where} GROUP BY ROLLUP (1)`,
    [from, to],
  );
  const orgsOf = (k: string | null) => orgs.find((o) => o.key === k);
  const totals = sums.find((r) => r.key === null) ?? {
    offered: 0,
    booked: 0,
    bookings: 0,
    no_shows: 0,
    late: 0,
  };
  const figures = (r: any, n: number) => ({
    offeredHours: hours(r.offered),
    bookedHours: hours(r.booked),
    bookings: r.bookings,
    noShows: r.no_shows,
    lateCancellations: r.late,
    organisations: n,
  });
  const rows =
    groupBy === 'legalForm'
      ? orgs
          .filter((o) => o.key !== null)
          .map((o) => ({
            key: o.key,
            bookedHours: hours(o.booked),
            bookings: o.bookings,
            organisations: o.n,
          }))
      : sums.filter((r) => r.key !== null).map((r) => ({ key: r.key, ...figures(r, orgsOf(r.key)?.n ?? 0) }));
  return { rows, totals: figures(totals, orgsOf(null)?.n ?? 0) };
}

describe('every grouping from the rollups, against a recount', () => {
  const date = fc
    .integer({ min: 0, max: 75 })
    .map((n) => new Date(Date.UTC(2026, 1, 20 + n)).toISOString().slice(0, 10));
  const bookingChange = fc.record({
    space: fc.constantFrom('spaceA', 'spaceB'),
    day: date,
    hour: fc.integer({ min: 6, max: 16 }),
    hours: fc.integer({ min: 1, max: 30 }),
    status: fc.constantFrom('confirmed', 'completed', 'cancelled', 'no_show'),
    org: fc.constantFrom('o1', 'o2', 'o3', 'o4'),
  });

  it('gives the figures of the space-day rollups for any scope, period and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(bookingChange, { maxLength: 4 }),
        fc.constantFrom('national', 'region:76', 'region:44'),
        fc.tuple(date, date),
        fc.constantFrom('site', 'space', 'kind', 'month', 'week', 'legalForm'),
        async (changes, scope, [a, b], groupBy) => {
          for (const c of changes) {
            const start = Date.parse(`${c.day}T00:00:00Z`) + c.hour * 3_600_000;
            await booking(
              w[c.space],
              w[c.org],
              new Date(start).toISOString(),
              new Date(start + c.hours * 3_600_000).toISOString(),
              c.status,
            ).catch(() => undefined);
          }
          await occupancy.drain();
          const [from, to] = a <= b ? [a, b] : [b, a];
          const r = await json(`scope=${scope}&from=${from}&to=${to}&groupBy=${groupBy}`);
          const expected = await recount(scope, from, to, groupBy);
          expect(r.totals).toMatchObject(expected.totals);
          const rows = r.rows.map((row: any) =>
            Object.fromEntries(Object.keys(expected.rows[0] ?? { key: 0 }).map((k) => [k, row[k]])),
          );
          const byKey = (x: { key: string }, y: { key: string }) => x.key.localeCompare(y.key);
          expect(rows.sort(byKey)).toEqual(expected.rows.sort(byKey));
        },
      ),
      { numRuns: MODE === 'embedded' ? 15 : 40 },
    );
  });
});

describe('scope spelling', () => {
  it('reads a scope however it is cased, and never answers 500', async () => {
    const delegate = await login(t.url, (await createUser(t.db, 'delegate', { regionCode: '76' })).email);
    const period = 'from=2026-03-01&to=2026-03-31';
    for (const scope of [
      'REGION:76',
      'Region:76',
      'DEPARTEMENT:34',
      'Departement:34',
      `SITE:${w.siteA.toUpperCase()}`,
    ]) {
      const res = await report(`scope=${scope}&${period}`, delegate);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { scope: string }).scope).toBe(scope.toLowerCase());
    }
    expect((await report(`scope=NATIONAL&${period}`, delegate)).status).toBe(403);
    expect((await report(`scope=REGION:44&${period}`, delegate)).status).toBe(403);
    expect((await report(`scope=departement:2a&${period}`)).status).toBe(200);
    for (const scope of ['NATIONAL', 'National', 'nAtIoNaL']) {
      const res = await report(`scope=${scope}&${period}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { scope: string }).scope).toBe('national');
    }
    for (const scope of ['REGIONS:76', 'NATION', 'region:', 'Site:x', 'national:76']) {
      const res = await report(`scope=${encodeURIComponent(scope)}&${period}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: unknown }).errors).toEqual([
        expect.objectContaining({ path: 'query.scope' }),
      ]);
    }
  });
});

/** A site of its own in Normandie (28), renamed by its manager to a spreadsheet formula. */
async function formulaSite(): Promise<string> {
  const id = await site({ region: '28', departement: '14', hours: HOURS_B, commune: 'Caen' });
  await space(id, { region: '28', departement: '14', area: 30 });
  await t.db.query(`UPDATE sites SET name = $2 WHERE id = $1`, [id, FORMULA]);
  await occupancy.drain();
  return id;
}
const FORMULA = '=HYPERLINK("http://evil.example","Clique")';
const NEUTRALISED = `"'=HYPERLINK(""http://evil.example"",""Clique"") (Caen)";`;

describe('CSV formula injection', () => {
  beforeAll(formulaSite);

  it('writes a site named as a formula behind a quote in the occupancy CSV', async () => {
    const res = await report(`scope=region:28&from=2026-03-01&to=2026-03-31&groupBy=site`, admin, 'text/csv');
    expect(res.status).toBe(200);
    const lines = (await res.text()).split('\r\n');
    expect(lines[1].startsWith(NEUTRALISED)).toBe(true);
    expect(lines[1]).toMatch(/;\d+,\d{2};/);
  });

  it('writes it the same way in the monthly digest’s attachment', async () => {
    const delegate = await createUser(t.db, 'delegate', { regionCode: '28' });
    await t.app.get(DigestService).send('2026-03');
    const mail = await waitFor('the digest of Normandie', async () => {
      for (const f of await readdir(t.config.mailOutboxDir).catch(() => [] as string[])) {
        const m = await readMail(path.join(t.config.mailOutboxDir, f));
        if (m.to.includes(delegate.email)) return m;
      }
      return null;
    });
    const lines = mail.attachments[0].content.split('\r\n');
    expect(lines[1].startsWith(NEUTRALISED)).toBe(true);
  });
});

describe('monthly digest', () => {
  it('e-mails each delegate their region’s month once, with the CSV attached', async () => {
    const delegate = await createUser(t.db, 'delegate', { regionCode: '44' });
    const digest = t.app.get(DigestService);
    const first = await digest.send('2026-04');
    expect(first).toBeGreaterThanOrEqual(1);
    expect(await digest.send('2026-04')).toBe(0);
    const mails = await waitFor('the digest', async () => {
      const files = await readdir(t.config.mailOutboxDir).catch(() => [] as string[]);
      const found = [];
      for (const f of files) {
        const m = await readMail(path.join(t.config.mailOutboxDir, f));
        if (m.to.includes(delegate.email)) found.push(m);
      }
      return found.length > 0 ? found : null;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe('Occupation Grand Est — avril 2026');
    expect(mail.text).toContain('organisations accueillies');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('occupation-region-44-2026-04.csv');
    expect(mail.attachments[0].content).toContain('Total;');
    const rows = await t.db.query(`SELECT count(*)::int AS n FROM occupancy_digests WHERE user_id = $1`, [
      delegate.id,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });
});

describe('order of sites and spaces', () => {
  it('lists them in French order, accents and case aside, in JSON and in CSV', async () => {
    // In byte order « Zèbre » comes first and « Écluse » last.
    for (const commune of ['Zèbre', 'Écluse', 'abbaye', 'eau']) {
      const id = await site({ region: '53', departement: '29', hours: HOURS_B, commune });
      await space(id, { region: '53', departement: '29', area: 10 });
    }
    await occupancy.drain();
    const french = ['abbaye', 'eau', 'Écluse', 'Zèbre'];
    const query = `scope=region:53&from=2026-02-01&to=2026-02-28`;
    const bySite = await json(`${query}&groupBy=site`);
    expect(bySite.rows.map((r: any) => r.label)).toEqual(french.map((c) => `Poste ${c} (${c})`));
    const bySpace = await json(`${query}&groupBy=space`);
    expect(bySpace.rows.map((r: any) => r.label)).toEqual(french.map((c) => `Salle 10 m² — Poste ${c}`));
    const csv = await (await report(`${query}&groupBy=site`, admin, 'text/csv')).text();
    expect(
      csv
        .split('\r\n')
        .slice(1, 5)
        .map((line) => line.split(';')[0]),
    ).toEqual(french.map((c) => `Poste ${c} (${c})`));
  });

  it('lists a site’s own spaces in French order too', async () => {
    const id = await site({ region: '52', departement: '44', hours: HOURS_B, commune: 'Nantes' });
    for (const name of ['Zénith', 'Écho', 'atelier', 'estrade']) {
      const spaceId = await space(id, { region: '52', departement: '44', area: 10 });
      await t.db.query(`UPDATE spaces SET name = $2 WHERE id = $1`, [spaceId, name]);
    }
    await occupancy.drain();
    const bySpace = await json(`scope=site:${id}&from=2026-02-01&to=2026-02-28&groupBy=space`);
    expect(bySpace.rows.map((r: any) => r.label)).toEqual(
      ['atelier', 'Écho', 'estrade', 'Zénith'].map((n) => `${n} — Poste Nantes`),
    );
  });

  it('gives the connection back when the rows are not read to the end', async () => {
    const repo = t.app.get(ReportsRepository);
    const db = t.app.get(DataSource);
    const rows = repo.grouped(
      { kind: 'region', code: '53' },
      { whole: { from: '2026-02-01', to: '2026-02-01' }, cut: [] },
      'site',
    );
    expect((await rows.next()).value).toHaveLength(4);
    await rows.return(undefined);
    // Embedded, the pool has one connection: kept by the cursor, this query would wait for ever.
    expect(await db.query(`SELECT current_setting('transaction_isolation') IS NOT NULL AS ok`)).toEqual([
      { ok: true },
    ]);
    const [{ open }] = await db.query(
      `SELECT count(*)::int AS open FROM pg_cursors WHERE name = 'grouped_rows'`,
    );
    expect(open).toBe(0);
  });
});
