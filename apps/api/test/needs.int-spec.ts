import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { BookNeedResponse, Need, NeedMatchList, NeedPage } from '@lieux/contracts';
import { Temporal } from 'temporal-polyfill';
import { NeedMatcher } from '../src/needs/need-matcher';
import { NeedsRepository } from '../src/needs/needs.repository';
import { createOrganisation, createUser, insertBooking, jsonOf, login, postJson } from './fixtures';
import { MODE, startApp, waitFor, type TestApp } from './harness';

let t: TestApp;
let matcher: NeedMatcher;

const PARIS = 'Europe/Paris';
const api = (path: string) => `${t.url}/api/v1${path}`;
const get = (path: string, token: string) =>
  fetch(api(path), { headers: { authorization: `Bearer ${token}` } });
const patch = (path: string, token: string, body: unknown) =>
  fetch(api(path), {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The next `n`-th Tuesday from today (at least a week ahead), as YYYY-MM-DD. */
function tuesday(n = 0): string {
  let d = Temporal.Now.plainDateISO(PARIS).add({ days: 8 });
  while (d.dayOfWeek !== 2) d = d.add({ days: 1 });
  return d.add({ weeks: n }).toString();
}
const at = (date: string, time: string) =>
  new Date(
    Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: PARIS, plainTime: time }).epochMilliseconds,
  ).toISOString();

const HOURS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));

/** A site in Nîmes (commune 30189) or nearby, with no space yet. */
async function site(
  o: { latitude?: number; longitude?: number; communeCode?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO sites (id, name, address, postcode, commune, commune_code, departement_code, region_code, time_zone,
                        latitude, longitude, opening_hours)
     VALUES ($1, 'La Poste Nîmes', '1 boulevard de Bruxelles', '30000', 'Nîmes', $2, '30', '76', 'Europe/Paris', $3, $4, $5)`,
    [id, o.communeCode ?? '30189', o.latitude ?? 43.8344, o.longitude ?? 4.3601, JSON.stringify(HOURS)],
  );
  // Open on the public holidays, so that dated tests never meet one.
  return id;
}

interface SpaceSpec {
  kind?: string;
  area?: number;
  capacity?: number;
  status?: 'draft' | 'published' | 'archived';
  rate?: number;
  equipment?: string[];
}

async function space(siteId: string, s: SpaceSpec = {}): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, equipment, status,
                         hourly_rate_cents, horizon_days, max_duration_minutes)
     VALUES ($1, '76', '30', 'Atelier', $2, $3, $4, $5, $6, $7, 365, 600) RETURNING id`,
    [
      siteId,
      s.kind ?? 'workshop',
      s.area ?? 40,
      s.capacity ?? 12,
      s.equipment ?? [],
      s.status ?? 'draft',
      s.rate ?? 1000,
    ],
  );
  return id;
}

interface Org {
  id: string;
  token: string;
  userId: string;
}

async function org(): Promise<Org> {
  const id = await createOrganisation(t.db, 'verified', '76');
  await t.db.query(`UPDATE organisations SET departement_code = '30' WHERE id = $1`, [id]);
  const user = await createUser(t.db, 'member', { organisationId: id });
  return { id, userId: user.id, token: await login(t.url, user.email) };
}

const tuesdayAfternoons = (weeks = 5) => ({
  kind: 'workshop',
  minAreaM2: 30,
  attendees: 8,
  schedule: {
    from: tuesday(0),
    until: tuesday(weeks - 1),
    startTime: '14:00',
    endTime: '17:00',
    weekdays: [2],
  },
  place: { communeCode: '30189', radiusKm: 20 },
  purpose: 'Un atelier de réparation de vélos',
  theme: 'mobilite',
});

async function declare(o: Org, body: Record<string, unknown> = tuesdayAfternoons()): Promise<Need> {
  const res = await postJson(api('/needs'), o.token, body);
  const json = await jsonOf(res);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(json)}`);
  return Need.parse(json);
}

async function matches(o: Org, needId: string): Promise<NeedMatchList> {
  const res = await get(`/needs/${needId}/matches`, o.token);
  expect(res.status).toBe(200);
  return NeedMatchList.parse(await jsonOf(res));
}

/** The need's stored matches once the dirty queue is empty: space → free occurrences. */
async function stored(needId: string): Promise<Record<string, number>> {
  await settle();
  const rows = await t.db.query(`SELECT space_id, occurrences_free FROM need_matches WHERE need_id = $1`, [
    needId,
  ]);
  return Object.fromEntries(
    rows.map((r: { space_id: string; occurrences_free: number }) => [r.space_id, r.occurrences_free]),
  );
}

/** Drains the queue here (the sweep may run too) until nothing is left in it, nor a need never matched. */
async function settle(): Promise<void> {
  await waitFor('the needs’ dirty queue to empty', async () => {
    await matcher.drain();
    await matcher.matchUnmatched();
    const [{ n }] = await t.db.query(
      `SELECT (SELECT count(*) FROM need_dirty) + (SELECT count(*) FROM needs
          WHERE matched_at IS NULL AND status IN ('open', 'matched'))::int AS n`,
    );
    return Number(n) === 0;
  });
}

const needRow = async (id: string) =>
  (await t.db.query(`SELECT status, match_count, matched_at FROM needs WHERE id = $1`, [id]))[0];

beforeAll(async () => {
  t = await startApp({ env: { LOG_LEVEL: process.env.NEEDS_LOG ?? 'error' } });
  matcher = t.app.get(NeedMatcher);
});

afterAll(() => t?.close());

describe(`needs (${MODE})`, () => {
  it('declares a need, finds no match, then meets the workshop published in Nîmes within a second', async () => {
    const nimes = await site();
    const workshop = await space(nimes, { kind: 'workshop', area: 35 });
    await space(nimes, { kind: 'meeting_room', area: 50, status: 'published' }); // not the kind wanted
    const o = await org();
    const need = await declare(o);
    expect(need).toMatchObject({
      status: 'open',
      matchCount: 0,
      occurrencesWanted: 5,
      place: { communeCode: '30189', communeName: 'Nîmes', departementCode: '30', regionCode: '76' },
    });
    expect(need.place.latitude).toBeCloseTo(43.83, 1);
    expect((await matches(o, need.id)).items).toEqual([]);

    const published = Date.now();
    await t.db.query(`UPDATE spaces SET status = 'published' WHERE id = $1`, [workshop]);
    // The sweep alone (every 300 ms) picks the change up.
    await waitFor('the need to be matched', async () => (await needRow(need.id)).status === 'matched', 5000);
    expect(Date.now() - published).toBeLessThan(1500);
    const row = await t.db.query(
      `SELECT space_id, occurrences_free, notified_at FROM need_matches WHERE need_id = $1`,
      [need.id],
    );
    expect(row).toEqual([{ space_id: workshop, occurrences_free: 5, notified_at: null }]);

    const list = await matches(o, need.id);
    expect(list.items).toHaveLength(1);
    const [m] = list.items;
    expect(m).toMatchObject({
      spaceId: workshop,
      occurrencesWanted: 5,
      occurrencesFree: 5,
      hourlyRateCents: 1000,
      discountPercent: 0,
      totalCents: 5 * 3000,
      approvalRequired: false,
    });
    expect(m.distanceKm).toBeLessThan(1);
    expect(m.series?.rrule).toMatch(/^FREQ=WEEKLY;BYDAY=TU;UNTIL=/);
    expect(m.occurrences[0]).toEqual({
      start: at(tuesday(0), '14:00'),
      end: at(tuesday(0), '17:00'),
      free: true,
      reason: null,
    });
  });

  it('ranks matches by free occurrences, then distance, then price after discount, and keeps them current', async () => {
    const o = await org();
    const near = await site();
    const far = await site({ latitude: 43.95, longitude: 4.36, communeCode: '30000' }); // ~13 km north
    const a = await space(near, { status: 'published', rate: 2000 });
    const b = await space(near, { status: 'published', rate: 1000 });
    const c = await space(far, { status: 'published', rate: 0 });
    await t.db.query(`INSERT INTO site_discounts (site_id, basis, percent) VALUES ($1, 'association', 75)`, [
      near,
    ]);
    const need = await declare(o);
    await settle();
    const first = await matches(o, need.id);
    // a: 2000 − 75 % = 500; b: 250; c (farther): 0.
    expect(first.items.map((m) => [m.spaceId, m.hourlyRateCents])).toEqual(
      expect.arrayContaining([
        [a, 500],
        [b, 250],
        [c, 0],
      ]),
    );
    expect(first.items.filter((m) => [a, b, c].includes(m.spaceId)).map((m) => m.spaceId)).toEqual([b, a, c]);

    // Another organisation books b on the second Tuesday: b falls behind a.
    const other = await org();
    const booking = await insertBooking(t.db, {
      spaceId: b,
      organisationId: other.id,
      start: at(tuesday(1), '15:00'),
      end: at(tuesday(1), '16:00'),
    });
    expect((await stored(need.id))[b]).toBe(4);
    const second = await matches(o, need.id);
    expect(second.items.filter((m) => [a, b, c].includes(m.spaceId)).map((m) => m.spaceId)).toEqual([
      a,
      c,
      b,
    ]);
    expect(second.items.find((m) => m.spaceId === b)!.occurrences[1]).toMatchObject({
      free: false,
      reason: 'SLOT_TAKEN',
    });

    // The slot freed again, a closure added and lifted, a price ceiling.
    await t.db.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      booking,
    ]);
    expect((await stored(need.id))[b]).toBe(5);
    const [{ id: closure }] = await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Inventaire') RETURNING id`,
      [near, tuesday(2)],
    );
    expect(await stored(need.id)).toMatchObject({ [a]: 4, [b]: 4, [c]: 5 });
    const closed = (await matches(o, need.id)).items.find((m) => m.spaceId === a)!;
    expect(closed.occurrences[2]).toMatchObject({ free: false, reason: 'CLOSED' });
    await t.db.query(`DELETE FROM site_closures WHERE id = $1`, [closure]);
    expect(await stored(need.id)).toMatchObject({ [a]: 5, [b]: 5, [c]: 5 });

    const capped = await patch(`/needs/${need.id}`, o.token, { maxHourlyRateCents: 300 });
    expect(capped.status).toBe(200);
    expect(Object.keys(await stored(need.id))).not.toContain(a);
    // The site lowers a's price: it meets the ceiling again, through the queue.
    await t.db.query(`UPDATE spaces SET hourly_rate_cents = 1200 WHERE id = $1`, [a]);
    expect((await stored(need.id))[a]).toBe(5);
    // Archived: gone.
    await t.db.query(`UPDATE spaces SET status = 'archived' WHERE id = $1`, [c]);
    expect(Object.keys(await stored(need.id))).not.toContain(c);
    expect((await needRow(need.id)).match_count).toBe(Object.keys(await stored(need.id)).length);
  });

  it('keeps a row’s notified_at when the space still meets the need', async () => {
    const o = await org();
    const s = await space(await site(), { status: 'published' });
    const need = await declare(o);
    await waitFor('the need to be matched', async () => (await needRow(need.id)).status === 'matched');
    await t.db.query(`UPDATE need_matches SET notified_at = now() WHERE need_id = $1 AND space_id = $2`, [
      need.id,
      s,
    ]);
    await t.db.query(`UPDATE spaces SET capacity = 20 WHERE id = $1`, [s]);
    await settle();
    const [row] = await t.db.query(
      `SELECT notified_at FROM need_matches WHERE need_id = $1 AND space_id = $2`,
      [need.id, s],
    );
    expect(row.notified_at).not.toBeNull();
  });

  it('books a match as a series through the booking path, then the need is booked', async () => {
    const o = await org();
    const s = await space(await site(), { status: 'published' });
    const other = await org();
    await insertBooking(t.db, {
      spaceId: s,
      organisationId: other.id,
      start: at(tuesday(3), '14:00'),
      end: at(tuesday(3), '15:00'),
    });
    const need = await declare(o);
    const res = await postJson(api(`/needs/${need.id}/book`), o.token, { spaceId: s, title: 'Atelier vélo' });
    const body = await jsonOf(res);
    expect(res.status).toBe(201);
    const answer = BookNeedResponse.parse(body);
    expect(answer.series).not.toBeNull();
    expect(answer.need.status).toBe('booked');
    const booked = answer.occurrences.filter((x) => x.status === 'booked');
    expect(booked).toHaveLength(4);
    expect(answer.occurrences.find((x) => x.status === 'refused')).toMatchObject({ code: 'SLOT_TAKEN' });
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE series_id = $1 AND organisation_id = $2 AND attendees = 8`,
      [answer.series!.id, o.id],
    );
    expect(n).toBe(4);
    // Booked: no second booking, and no longer re-matched.
    const again = await postJson(api(`/needs/${need.id}/book`), o.token, {
      spaceId: s,
      title: 'Atelier vélo',
    });
    expect(again.status).toBe(409);
  });

  it('books "n half-days a week" as single bookings, the first free ones of each week', async () => {
    const o = await org();
    const s = await space(await site(), { status: 'published' });
    const need = await declare(o, {
      ...tuesdayAfternoons(),
      schedule: {
        from: tuesday(0),
        until: tuesday(1),
        startTime: '09:00',
        endTime: '12:00',
        weekdays: [2, 3, 4],
        perWeek: 2,
      },
    });
    // Tue, Wed, Thu of week 1; Tue of week 2 (ends on a Tuesday): 2 + 1 wanted.
    expect(need.occurrencesWanted).toBe(3);
    const res = await postJson(api(`/needs/${need.id}/book`), o.token, { spaceId: s, title: 'Permanence' });
    expect(res.status).toBe(201);
    const answer = BookNeedResponse.parse(await jsonOf(res));
    expect(answer.series).toBeNull();
    expect(answer.occurrences.map((x) => [x.start, x.status])).toEqual([
      [at(tuesday(0), '09:00'), 'booked'],
      [at(Temporal.PlainDate.from(tuesday(0)).add({ days: 1 }).toString(), '09:00'), 'booked'],
      [at(tuesday(1), '09:00'), 'booked'],
    ]);
  });

  it('shows a need to its organisation only, and lists it with its status', async () => {
    const o = await org();
    const stranger = await org();
    const need = await declare(o);
    expect((await get(`/needs/${need.id}`, stranger.token)).status).toBe(404);
    expect((await get(`/needs/${need.id}/matches`, stranger.token)).status).toBe(404);
    expect((await patch(`/needs/${need.id}`, stranger.token, { attendees: 2 })).status).toBe(404);
    expect(
      (await postJson(api(`/needs/${need.id}/close`), stranger.token, { reason: 'found_elsewhere' })).status,
    ).toBe(404);
    expect(
      (await postJson(api(`/needs/${need.id}/book`), stranger.token, { spaceId: randomUUID(), title: 'x y' }))
        .status,
    ).toBe(404);
    const mine = NeedPage.parse(await jsonOf(await get('/needs', o.token)));
    expect(mine.items.map((n) => n.id)).toEqual([need.id]);
    expect(NeedPage.parse(await jsonOf(await get('/needs', stranger.token))).items).toEqual([]);
  });

  it('refuses what cannot be a need, with problem+json in French', async () => {
    const o = await org();
    const bad = async (body: Record<string, unknown>, status: number, code: string) => {
      const res = await postJson(api('/needs'), o.token, { ...tuesdayAfternoons(), ...body });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await jsonOf(res)).code).toBe(code);
    };
    await bad({ place: { communeCode: '99999', radiusKm: 10 } }, 422, 'UNKNOWN_COMMUNE');
    await bad(
      {
        schedule: {
          from: tuesday(0),
          until: tuesday(30),
          startTime: '09:00',
          endTime: '10:00',
          weekdays: [],
        },
      },
      422,
      'TOO_MANY_OCCURRENCES',
    );
    await bad(
      {
        schedule: {
          from: tuesday(0),
          until: tuesday(0),
          startTime: '09:00',
          endTime: '10:00',
          weekdays: [3],
        },
      },
      422,
      'VALIDATION_FAILED',
    );
    await bad(
      {
        schedule: {
          from: '2020-01-07',
          until: '2020-01-28',
          startTime: '09:00',
          endTime: '10:00',
          weekdays: [2],
        },
      },
      422,
      'VALIDATION_FAILED',
    );
    await bad({ attendees: 0 }, 400, 'VALIDATION_FAILED');
    await bad({ theme: 'astrologie' }, 400, 'VALIDATION_FAILED');
  });

  it('edits, closes with a reason, and expires needs whose dates have passed', async () => {
    const o = await org();
    await space(await site(), { status: 'published', area: 40 });
    const need = await declare(o);
    // Answered at once, matched just after.
    await waitFor('the need to be matched', async () => (await needRow(need.id)).status === 'matched');
    const edited = Need.parse(await jsonOf(await patch(`/needs/${need.id}`, o.token, { minAreaM2: 500 })));
    expect(edited).toMatchObject({ minAreaM2: 500, status: 'open', matchCount: 0 });
    const closed = await postJson(api(`/needs/${need.id}/close`), o.token, { reason: 'project_stopped' });
    expect(closed.status).toBe(200);
    expect(Need.parse(await jsonOf(closed))).toMatchObject({
      status: 'closed',
      closedReason: 'project_stopped',
    });
    expect(
      (await postJson(api(`/needs/${need.id}/close`), o.token, { reason: 'project_stopped' })).status,
    ).toBe(409);
    expect((await patch(`/needs/${need.id}`, o.token, { attendees: 3 })).status).toBe(409);

    const old = await declare(o);
    await t.db.query(
      `UPDATE needs SET date_from = current_date - 30, date_until = current_date - 2 WHERE id = $1`,
      [old.id],
    );
    // A need of metropolitan France ends at midnight in Paris, whatever the hour in the Antilles.
    const yesterday = await declare(o);
    const today = await declare(o);
    for (const [id, days] of [
      [yesterday.id, 1],
      [today.id, 0],
    ] as const) {
      await t.db.query(
        `UPDATE needs SET date_from = current_date - 30,
                date_until = (now() AT TIME ZONE 'Europe/Paris')::date - $2::int WHERE id = $1`,
        [id, days],
      );
    }
    await t.app.get(NeedsRepository).expire();
    expect((await needRow(old.id)).status).toBe('expired');
    expect((await needRow(yesterday.id)).status).toBe('expired');
    expect((await needRow(today.id)).status).not.toBe('expired');
  });

  it('matches a need written without matching (demo data) on the next sweep', async () => {
    const o = await org();
    const s = await space(await site(), { status: 'published' });
    const need = await declare(o);
    await t.db.query(`DELETE FROM need_matches WHERE need_id = $1`, [need.id]);
    await t.db.query(`UPDATE needs SET matched_at = NULL, match_count = 0, status = 'open' WHERE id = $1`, [
      need.id,
    ]);
    await waitFor('the need to be matched', async () => (await needRow(need.id)).status === 'matched');
    expect(Object.keys(await stored(need.id))).toContain(s);
  });

  it('property: re-matching incrementally gives the same matches as matching from scratch', async () => {
    const o = await org();
    const other = await org();
    const sites = [await site(), await site({ latitude: 43.7, longitude: 4.5, communeCode: '30000' })];
    const spaces: string[] = [];
    for (const [i, k] of ['workshop', 'workshop', 'meeting_room', 'workshop'].entries()) {
      spaces.push(await space(sites[i % 2], { kind: k, status: i === 3 ? 'draft' : 'published' }));
    }
    const needs = [
      await declare(o),
      await declare(o, { ...tuesdayAfternoons(), kind: null, minAreaM2: null, attendees: 3 }),
      await declare(o, {
        ...tuesdayAfternoons(3),
        place: { departementCode: '30' },
        maxHourlyRateCents: 800,
      }),
      await declare(o, {
        ...tuesdayAfternoons(),
        schedule: {
          from: tuesday(0),
          until: tuesday(2),
          startTime: '10:00',
          endTime: '12:00',
          weekdays: [2, 4],
          perWeek: 1,
        },
      }),
    ];
    const bookings: string[] = [];
    const closures: string[] = [];
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('status'),
        space: fc.nat(3),
        to: fc.constantFrom('published', 'archived', 'draft'),
      }),
      fc.record({ kind: fc.constant('area'), space: fc.nat(3), to: fc.constantFrom(20, 30, 45) }),
      fc.record({ kind: fc.constant('capacity'), space: fc.nat(3), to: fc.constantFrom(2, 5, 12) }),
      fc.record({ kind: fc.constant('rate'), space: fc.nat(3), to: fc.constantFrom(0, 700, 1500) }),
      fc.record({
        kind: fc.constant('kind'),
        space: fc.nat(3),
        to: fc.constantFrom('workshop', 'meeting_room'),
      }),
      fc.record({
        kind: fc.constant('book'),
        space: fc.nat(3),
        week: fc.nat(4),
        hour: fc.constantFrom('10:00', '14:00', '16:00'),
      }),
      fc.record({ kind: fc.constant('cancel'), which: fc.nat(20) }),
      fc.record({ kind: fc.constant('close'), site: fc.nat(1), week: fc.nat(4) }),
      fc.record({ kind: fc.constant('reopen'), which: fc.nat(20) }),
      fc.record({
        kind: fc.constant('hours'),
        site: fc.nat(1),
        closes: fc.constantFrom('12:00', '16:00', '18:00'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 6 }), async (changes) => {
        for (const c of changes) {
          if (c.kind === 'status')
            await t.db.query(`UPDATE spaces SET status = $2 WHERE id = $1`, [spaces[c.space], c.to]);
          else if (c.kind === 'area')
            await t.db.query(`UPDATE spaces SET area_sqm = $2 WHERE id = $1`, [spaces[c.space], c.to]);
          else if (c.kind === 'capacity')
            await t.db.query(`UPDATE spaces SET capacity = $2 WHERE id = $1`, [spaces[c.space], c.to]);
          else if (c.kind === 'rate')
            await t.db.query(`UPDATE spaces SET hourly_rate_cents = $2 WHERE id = $1`, [
              spaces[c.space],
              c.to,
            ]);
          else if (c.kind === 'kind')
            await t.db.query(`UPDATE spaces SET kind = $2 WHERE id = $1`, [spaces[c.space], c.to]);
          else if (c.kind === 'book') {
            const start = at(tuesday(c.week), c.hour);
            const end = new Date(Date.parse(start) + 3_600_000).toISOString();
            try {
              bookings.push(
                await insertBooking(t.db, { spaceId: spaces[c.space], organisationId: other.id, start, end }),
              );
            } catch {
              // Overlaps one already there: the exclusion constraint refuses it, as it should.
            }
          } else if (c.kind === 'cancel' && bookings.length) {
            const [id] = bookings.splice(c.which % bookings.length, 1);
            await t.db.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
              id,
            ]);
          } else if (c.kind === 'close') {
            const [{ id }] = await t.db.query(
              `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Fermé') RETURNING id`,
              [sites[c.site], tuesday(c.week)],
            );
            closures.push(id);
          } else if (c.kind === 'reopen' && closures.length) {
            const [id] = closures.splice(c.which % closures.length, 1);
            await t.db.query(`DELETE FROM site_closures WHERE id = $1`, [id]);
          } else if (c.kind === 'hours') {
            const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: c.closes }));
            await t.db.query(`UPDATE sites SET opening_hours = $2 WHERE id = $1`, [
              sites[c.site],
              JSON.stringify(hours),
            ]);
          }
        }
        const incremental = await Promise.all(needs.map((n) => stored(n.id)));
        // The best few, found among the nearest sites first, are the first of all the matches.
        for (const n of needs) {
          const row = (await t.app.get(NeedsRepository).find(n.id))!;
          const now = Date.now();
          const all = (await matcher.evaluate(row, now)).map((m) => [m.space.id, m.result.occurrencesFree]);
          for (const shown of [1, 3]) {
            const best = (await matcher.best(row, now, shown, 1)).map((m) => [
              m.space.id,
              m.result.occurrencesFree,
            ]);
            expect(best).toEqual(all.slice(0, shown));
          }
        }
        for (const n of needs) await matcher.rematch(n.id);
        const scratch = await Promise.all(needs.map((n) => stored(n.id)));
        expect(incremental).toEqual(scratch);
        for (const n of needs) {
          const row = await needRow(n.id);
          expect(row.match_count).toBe(Object.keys(scratch[needs.indexOf(n)]).length);
          expect(row.status).toBe(row.match_count > 0 ? 'matched' : 'open');
        }
      }),
      { numRuns: 25 },
    );
  });
});
