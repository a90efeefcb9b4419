import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { NearbyNeedPage, UnmetDemandReport } from '@lieux/contracts';
import { holidaysBetween } from '@lieux/scheduling';
import { localTodaySql } from '../src/geography/time-zones';
import { NeedMatchMailer } from '../src/needs/need-match-mail.service';
import { createOrganisation, createSite, createUser, jsonOf, login, postJson } from './fixtures';
import { mailsTo, MODE, startApp, type TestApp } from './harness';

/**
 * The needs read from the places' side, on needs and matches written straight to their tables (the
 * matching engine is tested with its own suite): the demand within reach of a site and what its spaces
 * could host, a manager's word to a need's organisation, the unmet-demand report and its CSV, and the
 * e-mail of new matches (one a day per need at most, never lost nor doubled).
 */

let t: TestApp;
let mailer: NeedMatchMailer;
const api = (path: string) => `${t.url}/api/v1${path}`;
const get = (path: string, token: string, headers: Record<string, string> = {}) =>
  fetch(api(path), { headers: { authorization: `Bearer ${token}`, ...headers } });

const NIMES = { lat: 43.8344, lon: 4.3601 };
const today = Temporal.Now.plainDateISO('Europe/Paris');
/** The Tuesday of the week after next, and later ones. */
const tuesday = (n: number) => today.add({ days: 14 - today.dayOfWeek + 2 }).add({ weeks: n });

interface NeedOptions {
  organisationId: string;
  createdBy?: string | null;
  kind?: string | null;
  minAreaM2?: number | null;
  attendees?: number;
  equipment?: string[];
  from?: string;
  until?: string;
  startTime?: string;
  endTime?: string;
  weekdays?: number[];
  perWeek?: number | null;
  place?: { communeCode: string; radiusKm: number; lat: number; lon: number } | { departementCode: string };
  departementCode?: string;
  regionCode?: string;
  status?: string;
  contactable?: boolean;
  notifyMatches?: boolean;
  occurrencesWanted?: number;
  hoursWanted?: number;
  theme?: string;
  purpose?: string;
}

/** A need written straight to the table, as declaring one would leave it. */
async function insertNeed(o: NeedOptions): Promise<string> {
  const id = randomUUID();
  const place = o.place ?? { communeCode: '34172', radiusKm: 20, lat: 43.61, lon: 3.87 };
  const commune = 'communeCode' in place ? place : null;
  await t.db.query(
    `INSERT INTO needs (id, organisation_id, created_by, kind, min_area_m2, attendees, equipment, date_from, date_until,
                        start_time, end_time, weekdays, per_week, commune_code, radius_km, departement_code, region_code,
                        latitude, longitude, purpose, theme, contactable, notify_matches, status, closed_reason,
                        occurrences_wanted, hours_wanted, matched_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
             $24, $25, $26, $27, now())`,
    [
      id,
      o.organisationId,
      o.createdBy ?? null,
      o.kind === undefined ? 'meeting_room' : o.kind,
      o.minAreaM2 === undefined ? 15 : o.minAreaM2,
      o.attendees ?? 5,
      o.equipment ?? [],
      o.from ?? tuesday(0).toString(),
      o.until ?? tuesday(3).toString(),
      o.startTime ?? '14:00',
      o.endTime ?? '17:00',
      o.weekdays ?? [2],
      o.perWeek ?? null,
      commune?.communeCode ?? null,
      commune?.radiusKm ?? null,
      'departementCode' in place ? place.departementCode : (o.departementCode ?? '34'),
      o.regionCode ?? '76',
      commune?.lat ?? 43.9,
      commune?.lon ?? 3.5,
      o.purpose ?? 'Un atelier d’insertion pour des jeunes du quartier',
      o.theme ?? 'insertion',
      o.contactable ?? false,
      o.notifyMatches ?? true,
      o.status ?? 'open',
      o.status === 'closed' ? 'project_stopped' : null,
      o.occurrencesWanted ?? 4,
      o.hoursWanted ?? 12,
    ],
  );
  return id;
}

async function insertMatch(needId: string, spaceId: string, free = 4) {
  await t.db.query(
    `INSERT INTO need_matches (need_id, space_id, occurrences_free, distance_km) VALUES ($1, $2, $3, 1.5)`,
    [needId, spaceId, free],
  );
  await t.db.query(`UPDATE needs SET status = 'matched', match_count = match_count + 1 WHERE id = $1`, [
    needId,
  ]);
}

async function tokenOf(role: Parameters<typeof createUser>[1], scope: Parameters<typeof createUser>[2] = {}) {
  const u = await createUser(t.db, role, scope);
  return { ...u, token: await login(t.url, u.email) };
}

const eventsOf = async (type: string, needId: string) =>
  (
    await t.db.query(
      `SELECT payload FROM outbox WHERE type = $1 AND payload->>'needId' = $2 ORDER BY created_at`,
      [type, needId],
    )
  ).map((r: { payload: Record<string, unknown> }) => r.payload);

beforeAll(async () => {
  t = await startApp({ env: { NEED_MAIL_SWEEP_SECONDS: '3600' } });
  mailer = t.app.get(NeedMatchMailer);
});

afterAll(() => t?.close());

describe(`needs near a site (${MODE})`, () => {
  let site: { siteId: string; spaceId: string };
  let manager: { token: string };
  let orgId: string;

  beforeAll(async () => {
    site = await createSite(t.db, { regionCode: '76', departementCode: '34' });
    manager = await tokenOf('site_manager', { siteId: site.siteId });
    orgId = await createOrganisation(t.db);
  });

  const nearbyIds = async (extra = '') => {
    const res = await get(`/needs/nearby?siteId=${site.siteId}${extra}`, manager.token);
    expect(res.status).toBe(200);
    return NearbyNeedPage.parse(await jsonOf(res));
  };

  it('lists the live needs within reach: a commune need whose circle holds the site, a need of its département', async () => {
    const near = await insertNeed({ organisationId: orgId });
    const nimesSmall = await insertNeed({
      organisationId: orgId,
      place: { communeCode: '30189', radiusKm: 20, lat: NIMES.lat, lon: NIMES.lon },
      departementCode: '30',
    });
    const nimesWide = await insertNeed({
      organisationId: orgId,
      place: { communeCode: '30189', radiusKm: 60, lat: NIMES.lat, lon: NIMES.lon },
      departementCode: '30',
    });
    const herault = await insertNeed({ organisationId: orgId, place: { departementCode: '34' } });
    const gard = await insertNeed({ organisationId: orgId, place: { departementCode: '30' } });
    const closed = await insertNeed({ organisationId: orgId, status: 'closed' });
    const booked = await insertNeed({ organisationId: orgId, status: 'booked' });
    const past = await insertNeed({
      organisationId: orgId,
      from: today.subtract({ days: 30 }).toString(),
      until: today.subtract({ days: 2 }).toString(),
    });
    const page = await nearbyIds('&limit=200');
    const ids = page.items.map((i) => i.needId);
    expect(ids).toEqual(expect.arrayContaining([near, nimesWide, herault]));
    for (const out of [nimesSmall, gard, closed, booked, past]) expect(ids).not.toContain(out);
    const wide = page.items.find((i) => i.needId === nimesWide)!;
    // Montpellier–Nîmes as the crow flies: about 46 km.
    expect(wide.distanceKm).toBeGreaterThan(40);
    expect(wide.distanceKm).toBeLessThan(52);
    expect(wide.communeName).toBe('Nîmes');
    expect(page.items.find((i) => i.needId === herault)!.distanceKm).toBeNull();
  });

  it('names the organisation only when it chose to be contactable', async () => {
    const hidden = await insertNeed({ organisationId: orgId, contactable: false });
    const shown = await insertNeed({ organisationId: orgId, contactable: true });
    const [{ name }] = await t.db.query(`SELECT name FROM organisations WHERE id = $1`, [orgId]);
    const page = await nearbyIds('&limit=200');
    expect(page.items.find((i) => i.needId === hidden)).toMatchObject({
      organisationName: null,
      contactable: false,
    });
    expect(page.items.find((i) => i.needId === shown)).toMatchObject({
      organisationName: name,
      contactable: true,
    });
    // Nothing else that would tell who it is.
    expect(JSON.stringify(page.items.find((i) => i.needId === hidden))).not.toContain(orgId);
  });

  it('counts the occurrences the site could host if it opened then: bookings and closures still count', async () => {
    // Evenings, when the site (08:00–20:00) is closed: opening then is what the figure is about.
    const evening = { startTime: '20:30', endTime: '22:00' };
    const need = await insertNeed({ organisationId: orgId, ...evening, occurrencesWanted: 4 });
    const tooBig = await insertNeed({ organisationId: orgId, ...evening, minAreaM2: 30 });
    const tooMany = await insertNeed({ organisationId: orgId, ...evening, attendees: 11 });
    const hostable = async (id: string) =>
      (await nearbyIds('&limit=200')).items.find((i) => i.needId === id)!.occurrencesHostable;
    expect(await hostable(need)).toBe(4);
    expect(await hostable(tooBig)).toBe(0);
    expect(await hostable(tooMany)).toBe(0);
    // A booking over the second Tuesday evening, and a closure on the fourth.
    const at = (d: Temporal.PlainDate, time: string) =>
      d.toZonedDateTime({ timeZone: 'Europe/Paris', plainTime: time }).toInstant().toString();
    const range = `[${at(tuesday(1), '20:00')},${at(tuesday(1), '21:00')})`;
    await t.db.query(
      `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
       VALUES ($1, $2, 'confirmed', $3::tstzrange, $3::tstzrange, 'Soirée', 2, 0)`,
      [site.spaceId, orgId, range],
    );
    expect(await hostable(need)).toBe(3);
    await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Travaux')`,
      [site.siteId, tuesday(3).toString()],
    );
    expect(await hostable(need)).toBe(2);
    // "Two evenings a week" among Tuesdays and Wednesdays: at most two a week.
    const perWeek = await insertNeed({
      organisationId: orgId,
      ...evening,
      from: tuesday(0).subtract({ days: 1 }).toString(),
      until: tuesday(0).add({ days: 5 }).toString(),
      weekdays: [2, 3, 4],
      perWeek: 2,
      occurrencesWanted: 2,
    });
    expect(await hostable(perWeek)).toBe(2);
  });

  it('counts a public holiday the site does not open as not hostable', async () => {
    const closedOnHolidays = await createSite(t.db, {
      regionCode: '76',
      departementCode: '34',
      holidays: 'closed',
    });
    const m = await tokenOf('site_manager', { siteId: closedOnHolidays.siteId });
    const holiday = holidaysBetween(
      today.add({ days: 2 }).toString(),
      today.add({ days: 400 }).toString(),
      '34',
    )[0];
    const day = Temporal.PlainDate.from(holiday.date);
    const need = await insertNeed({
      organisationId: orgId,
      from: day.subtract({ days: 1 }).toString(),
      until: day.add({ days: 1 }).toString(),
      weekdays: [],
      occurrencesWanted: 3,
    });
    const res = await get(`/needs/nearby?siteId=${closedOnHolidays.siteId}&limit=200`, m.token);
    const item = NearbyNeedPage.parse(await jsonOf(res)).items.find((i) => i.needId === need)!;
    expect(item.occurrencesWanted).toBe(3);
    expect(item.occurrencesHostable).toBe(2);
  });

  it('pages by cursor, newest first, without repeating an item', async () => {
    const first = await nearbyIds('&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await nearbyIds(`&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.items.length).toBeGreaterThan(0);
    for (const i of second.items) expect(first.items.map((f) => f.needId)).not.toContain(i.needId);
    const forged = await get(`/needs/nearby?siteId=${site.siteId}&cursor=bm9wZQ`, manager.token);
    expect(forged.status).toBe(400);
  });

  it('is for the managers of that site and the admins: 404 for another site, 403 for other roles', async () => {
    const other = await createSite(t.db, { regionCode: '76' });
    expect((await get(`/needs/nearby?siteId=${other.siteId}`, manager.token)).status).toBe(404);
    const admin = await tokenOf('admin');
    expect((await get(`/needs/nearby?siteId=${site.siteId}`, admin.token)).status).toBe(200);
    const member = await tokenOf('member', { organisationId: orgId });
    const refused = await get(`/needs/nearby?siteId=${site.siteId}`, member.token);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await get(`/needs/nearby?siteId=pas-un-uuid`, manager.token)).status).toBe(400);
  });
});

describe(`a manager writes to a need's organisation (${MODE})`, () => {
  let site: { siteId: string; spaceId: string };
  let manager: { token: string; email: string; id: string };
  let orgId: string;
  let orgAdmin: { email: string };

  beforeAll(async () => {
    site = await createSite(t.db, { regionCode: '76', departementCode: '34' });
    manager = await tokenOf('site_manager', { siteId: site.siteId });
    orgId = await createOrganisation(t.db);
    orgAdmin = await createUser(t.db, 'org_admin', { organisationId: orgId });
  });

  const contact = (
    needId: string,
    token: string,
    body: unknown = {
      siteId: site.siteId,
      message: 'Bonjour ! Notre salle du fond est libre le mardi soir.',
    },
  ) => postJson(api(`/needs/${needId}/contact`), token, body);

  it('e-mails the organisation’s admins through the outbox, discloses no address, and audits it', async () => {
    const need = await insertNeed({
      organisationId: orgId,
      contactable: true,
      purpose: 'Repair café du quartier',
    });
    const res = await contact(need, manager.token);
    expect(res.status).toBe(202);
    const events = await eventsOf('need.contact', need);
    expect(events).toHaveLength(1);
    const [mail] = await mailsTo(t, orgAdmin.email);
    expect(mail.subject).toContain('La Poste Test');
    expect(mail.text).toContain('Repair café du quartier');
    expect(mail.text).toContain('> Bonjour ! Notre salle du fond est libre le mardi soir.');
    expect(mail.text).toContain(`/besoins/${need}`);
    expect(mail.text).not.toContain(manager.email);
  });

  it('writes to the person who declared the need when the organisation has no admin', async () => {
    const lonelyOrg = await createOrganisation(t.db);
    const author = await createUser(t.db, 'member', { organisationId: lonelyOrg });
    const need = await insertNeed({ organisationId: lonelyOrg, createdBy: author.id, contactable: true });
    expect((await contact(need, manager.token)).status).toBe(202);
    const [mail] = await mailsTo(t, author.email);
    expect(mail.text).toContain('> Bonjour ! Notre salle du fond est libre le mardi soir.');
    const [audit] = await t.db.query(
      `SELECT actor_id, action FROM audit_log WHERE entity = 'need' AND entity_id = $1`,
      [need],
    );
    expect(audit).toMatchObject({ actor_id: manager.id, action: 'contact' });
  });

  it('writes once a day about one need: a second message is refused with 429 and says why', async () => {
    const need = await insertNeed({ organisationId: orgId, contactable: true });
    expect((await contact(need, manager.token)).status).toBe(202);
    const again = await contact(need, manager.token);
    expect(again.status).toBe(429);
    expect(again.headers.get('retry-after')).toBe('86400');
    expect((await jsonOf(again)).detail).toContain('déjà écrit');
    expect(await eventsOf('need.contact', need)).toHaveLength(1);
  });

  it('refuses a need that is not contactable (403), out of reach or unknown (404), and other roles (403)', async () => {
    const privateNeed = await insertNeed({ organisationId: orgId, contactable: false });
    const refused = await contact(privateNeed, manager.token);
    expect(refused.status).toBe(403);
    expect((await jsonOf(refused)).detail).toContain('pas souhaité être contactée');
    const far = await insertNeed({
      organisationId: orgId,
      contactable: true,
      place: { communeCode: '75056', radiusKm: 10, lat: 48.8566, lon: 2.3522 },
      departementCode: '75',
      regionCode: '11',
    });
    expect((await contact(far, manager.token)).status).toBe(404);
    expect((await contact(randomUUID(), manager.token)).status).toBe(404);
    const closed = await insertNeed({ organisationId: orgId, contactable: true, status: 'closed' });
    expect((await contact(closed, manager.token)).status).toBe(404);
    const otherSite = await createSite(t.db, { regionCode: '76' });
    const near = await insertNeed({ organisationId: orgId, contactable: true });
    expect(
      (await contact(near, manager.token, { siteId: otherSite.siteId, message: 'Bonjour' })).status,
    ).toBe(404);
    const member = await tokenOf('member', { organisationId: orgId });
    expect((await contact(near, member.token)).status).toBe(403);
    expect((await contact(near, manager.token, { siteId: site.siteId, message: '' })).status).toBe(400);
    expect(
      (await contact(near, manager.token, { siteId: site.siteId, message: 'x'.repeat(2001) })).status,
    ).toBe(400);
    expect(await eventsOf('need.contact', near)).toHaveLength(0);
  });
});

describe(`the unmet demand (${MODE})`, () => {
  let delegate76: { token: string };
  let admin: { token: string };
  const orgs: string[] = [];

  beforeAll(async () => {
    await t.db.query(`DELETE FROM needs`);
    delegate76 = await tokenOf('delegate', { regionCode: '76' });
    admin = await tokenOf('admin');
    orgs.push(await createOrganisation(t.db), await createOrganisation(t.db), await createOrganisation(t.db));
    const montpellier = { communeCode: '34172', radiusKm: 20, lat: 43.61, lon: 3.87 };
    const beziers = { communeCode: '34032', radiusKm: 10, lat: 43.34, lon: 3.21 };
    // Hérault: two workshops of 30 m² (two organisations), a meeting room of any size, a département need.
    await insertNeed({
      organisationId: orgs[0],
      kind: 'workshop',
      minAreaM2: 30,
      place: montpellier,
      hoursWanted: 12.5,
    });
    await insertNeed({
      organisationId: orgs[1],
      kind: 'workshop',
      minAreaM2: 45,
      place: montpellier,
      hoursWanted: 6,
    });
    await insertNeed({
      organisationId: orgs[1],
      kind: 'meeting_room',
      minAreaM2: null,
      place: beziers,
      theme: 'culture',
    });
    await insertNeed({
      organisationId: orgs[2],
      kind: null,
      minAreaM2: 120,
      place: { departementCode: '34' },
    });
    // Not unmet: matched, booked, closed, past.
    await insertNeed({
      organisationId: orgs[0],
      kind: 'workshop',
      minAreaM2: 30,
      place: montpellier,
      status: 'matched',
    });
    await insertNeed({
      organisationId: orgs[0],
      kind: 'workshop',
      minAreaM2: 30,
      place: montpellier,
      status: 'booked',
    });
    await insertNeed({
      organisationId: orgs[0],
      kind: 'workshop',
      minAreaM2: 30,
      place: montpellier,
      status: 'closed',
    });
    await insertNeed({
      organisationId: orgs[0],
      kind: 'workshop',
      place: montpellier,
      from: today.subtract({ days: 10 }).toString(),
      until: today.subtract({ days: 1 }).toString(),
    });
    // Gard, and Île-de-France.
    await insertNeed({
      organisationId: orgs[2],
      kind: 'office',
      minAreaM2: 10,
      place: { communeCode: '30189', radiusKm: 20, lat: NIMES.lat, lon: NIMES.lon },
      departementCode: '30',
    });
    await insertNeed({
      organisationId: orgs[2],
      kind: 'office',
      place: { communeCode: '75056', radiusKm: 10, lat: 48.8566, lon: 2.3522 },
      departementCode: '75',
      regionCode: '11',
    });
  });

  const report = async (query: string, token = delegate76.token) => {
    const res = await get(`/reports/unmet-demand?${query}`, token);
    expect(res.status).toBe(200);
    return UnmetDemandReport.parse(await jsonOf(res));
  };

  it('groups the open needs with no match of a région by département, kind and band of area', async () => {
    const r = await report('scope=region:76');
    expect(r.totals).toEqual({ needs: 5, organisations: 3, hoursWanted: 12.5 + 6 + 12 * 3 });
    const workshops = r.rows.find((x) => x.code === '34' && x.kind === 'workshop')!;
    expect(workshops).toMatchObject({
      name: 'Hérault',
      departementCode: '34',
      regionCode: '76',
      areaBand: '20to50',
      needs: 2,
      organisations: 2,
      occurrencesWanted: 8,
      hoursWanted: 18.5,
    });
    expect(r.rows.find((x) => x.code === '34' && x.kind === null)).toMatchObject({
      areaBand: 'gte100',
      needs: 1,
    });
    expect(r.rows.find((x) => x.code === '34' && x.kind === 'meeting_room')).toMatchObject({
      areaBand: 'any',
    });
    expect(r.rows.find((x) => x.code === '30')).toMatchObject({
      name: 'Gard',
      kind: 'office',
      areaBand: 'lt20',
    });
    // Every row of one place on the same point of the map.
    const herault = r.rows.filter((x) => x.code === '34');
    expect(new Set(herault.map((x) => `${x.latitude},${x.longitude}`)).size).toBe(1);
    expect(r.rows.some((x) => x.regionCode !== '76')).toBe(false);
    // Biggest first.
    expect(r.rows[0]).toEqual(workshops);
  });

  it('ends a need at midnight where it is, not at midnight UTC', async () => {
    // 23:30 UTC on 5 December: already the 6th in Montpellier and Saint-Denis, still the 5th in Pointe-à-Pitre.
    const at = `'2026-12-05T23:30:00Z'::timestamptz`;
    const [d] = await t.db.query(
      `SELECT ${localTodaySql(`'34'`, at)}::text AS herault, ${localTodaySql(`'974'`, at)}::text AS reunion,
              ${localTodaySql(`'971'`, at)}::text AS guadeloupe`,
    );
    expect(d).toEqual({ herault: '2026-12-06', reunion: '2026-12-06', guadeloupe: '2026-12-05' });
  });

  it('by commune: the need’s commune, or its département when it names one', async () => {
    const r = await report('scope=departement:34&groupBy=commune');
    const codes = r.rows.map((x) => `${x.code}:${x.name}`).sort();
    expect(codes).toEqual(['34032:Béziers', '34172:Montpellier', '34:Hérault']);
    const mtp = r.rows.find((x) => x.code === '34172')!;
    expect(mtp.latitude).toBeCloseTo(43.61, 2);
    expect(mtp.longitude).toBeCloseTo(3.87, 2);
  });

  it('filters by kind and theme', async () => {
    expect((await report('scope=region:76&kind=workshop')).totals.needs).toBe(2);
    const culture = await report('scope=region:76&theme=culture');
    expect(culture.rows.map((x) => x.kind)).toEqual(['meeting_room']);
  });

  it('holds a delegate to their région (403 elsewhere); the admin sees the whole country', async () => {
    const outside = await get('/reports/unmet-demand?scope=region:11', delegate76.token);
    expect(outside.status).toBe(403);
    expect(outside.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/reports/unmet-demand?scope=national', delegate76.token)).status).toBe(403);
    expect((await get('/reports/unmet-demand?scope=departement:75', delegate76.token)).status).toBe(403);
    expect((await get('/reports/unmet-demand?scope=region:99', admin.token)).status).toBe(404);
    expect((await get('/reports/unmet-demand?scope=planete', admin.token)).status).toBe(400);
    const national = await report('scope=national', admin.token);
    expect(national.totals.needs).toBe(6);
    expect(national.rows.find((x) => x.code === '75')).toMatchObject({ name: 'Paris', regionCode: '11' });
    const member = await tokenOf('member', { organisationId: orgs[0] });
    expect((await get('/reports/unmet-demand?scope=region:76', member.token)).status).toBe(403);
  });

  it('answers Accept: text/csv with a French spreadsheet: BOM, semicolons, decimal comma, a total line', async () => {
    const res = await get('/reports/unmet-demand?scope=region:76', delegate76.token, { accept: 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(
      'demande-non-satisfaite-region-76-departement.csv',
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Code;Département;Code département;Type d’espace;Surface souhaitée;Besoins;Organisations;Créneaux souhaités;Heures souhaitées',
    );
    expect(lines).toContain('34;Hérault;34;Atelier;20 à 50 m²;2;2;8;18,50');
    expect(lines).toContain('Total;;;;;5;3;20;54,50');
  });
});

describe(`the e-mail of new matches (${MODE})`, () => {
  let orgId: string;
  let author: { id: string; email: string };
  let orgAdmin: { id: string; email: string };
  let spaces: string[];

  beforeAll(async () => {
    orgId = await createOrganisation(t.db);
    author = await createUser(t.db, 'member', { organisationId: orgId });
    orgAdmin = await createUser(t.db, 'org_admin', { organisationId: orgId });
    spaces = [];
    for (let i = 0; i < 4; i++) spaces.push((await createSite(t.db, { regionCode: '76' })).spaceId);
    await t.db.query(
      `UPDATE spaces SET name = 'Atelier ' || substr(id::text, 1, 4), kind = 'workshop', area_sqm = 35
                       WHERE id = ANY($1::uuid[])`,
      [spaces],
    );
    // Those changes queue the spaces for re-matching: let that pass before the needs below are written,
    // or it would match them for real and replace the rows these tests insert.
    await until(async () => {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM need_dirty`);
      return n === 0;
    });
  });

  it('sends one e-mail listing the new spaces to the author and the admins, with the need’s page', async () => {
    const need = await insertNeed({
      organisationId: orgId,
      createdBy: author.id,
      purpose: 'Atelier vélo solidaire',
    });
    await insertMatch(need, spaces[0], 4);
    await insertMatch(need, spaces[1], 2);
    expect(await mailer.sweep()).toBeGreaterThanOrEqual(1);
    const events = await eventsOf('need.matches', need);
    expect(events).toHaveLength(1);
    expect((events[0].spaceIds as string[]).sort()).toEqual([spaces[0], spaces[1]].sort());
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM need_matches WHERE need_id = $1 AND notified_at IS NULL`,
      [need],
    );
    expect(n).toBe(0);
    for (const to of [author.email, orgAdmin.email]) {
      const mails = (await mailsTo(t, to)).filter((m) => m.text.includes('Atelier vélo solidaire'));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('De nouveaux espaces répondent à votre besoin');
      expect(mails[0].text).toContain(`/besoins/${need}`);
      expect(mails[0].text).toContain('4 créneaux libres sur 4');
      expect(mails[0].text).toContain('2 créneaux libres sur 4');
      expect(mails[0].text).toContain('Ne plus recevoir ces messages');
    }
  });

  it('sends at most one a day per need: new matches wait for the next day, and are then sent, once', async () => {
    const need = await insertNeed({ organisationId: orgId, createdBy: author.id });
    await insertMatch(need, spaces[0]);
    await mailer.sweep();
    expect(await eventsOf('need.matches', need)).toHaveLength(1);
    await insertMatch(need, spaces[2]);
    await mailer.sweep();
    expect(await eventsOf('need.matches', need)).toHaveLength(1);
    // A day later, only the space not yet announced.
    await t.db.query(`UPDATE needs SET notified_at = now() - interval '25 hours' WHERE id = $1`, [need]);
    await mailer.sweep();
    const events = await eventsOf('need.matches', need);
    expect(events).toHaveLength(2);
    expect(events[1].spaceIds).toEqual([spaces[2]]);
    await t.db.query(`UPDATE needs SET notified_at = now() - interval '25 hours' WHERE id = $1`, [need]);
    await mailer.sweep();
    expect(await eventsOf('need.matches', need)).toHaveLength(2);
  });

  it('sends nothing when the organisation turned them off, or for a need no longer live', async () => {
    const off = await insertNeed({ organisationId: orgId, notifyMatches: false });
    await insertMatch(off, spaces[0]);
    const closed = await insertNeed({ organisationId: orgId });
    await insertMatch(closed, spaces[0]);
    await t.db.query(`UPDATE needs SET status = 'closed', closed_reason = 'found_elsewhere' WHERE id = $1`, [
      closed,
    ]);
    await mailer.sweep();
    expect(await eventsOf('need.matches', off)).toHaveLength(0);
    expect(await eventsOf('need.matches', closed)).toHaveLength(0);
    // Turned on again: the matches found meanwhile are announced.
    await t.db.query(`UPDATE needs SET notify_matches = true WHERE id = $1`, [off]);
    await mailer.sweep();
    expect(await eventsOf('need.matches', off)).toHaveLength(1);
  });

  it('is neither doubled nor lost when sweeps run side by side', async () => {
    const needs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const need = await insertNeed({ organisationId: orgId });
      await insertMatch(need, spaces[i % 4]);
      await insertMatch(need, spaces[(i + 1) % 4]);
      needs.push(need);
    }
    const counts = await Promise.all([mailer.sweep(), mailer.sweep(), mailer.sweep()]);
    // The embedded database has one connection: the sweeps then take turns, which is a weaker test.
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(12);
    for (const need of needs) {
      const events = await eventsOf('need.matches', need);
      expect(events).toHaveLength(1);
      expect(events[0].spaceIds).toHaveLength(2);
    }
  });

  it('rolls back the marks when the event cannot be written: the matches stay to announce', async () => {
    const need = await insertNeed({ organisationId: orgId });
    await insertMatch(need, spaces[3]);
    // The outbox refuses this one event (a trigger standing for a failure between the two writes).
    await t.db.query(`
      CREATE OR REPLACE FUNCTION refuse_need_mail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'need.matches' AND NEW.payload->>'needId' = '${need}' THEN RAISE EXCEPTION 'refused'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(
      `CREATE TRIGGER refuse_need_mail BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_need_mail()`,
    );
    try {
      expect(await mailer.sweep()).toBe(0);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_need_mail ON outbox; DROP FUNCTION refuse_need_mail()`);
    }
    const [row] = await t.db.query(`SELECT notified_at FROM needs WHERE id = $1`, [need]);
    expect(row.notified_at).toBeNull();
    await mailer.sweep();
    expect(await eventsOf('need.matches', need)).toHaveLength(1);
  });
});

async function until(done: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
