import { randomUUID } from 'node:crypto';
import { DigestService } from '../src/reports/digest.service';
import { OccupancyService } from '../src/reports/occupancy.service';
import { ProjectsService } from '../src/projects/projects.service';
import { createSite, createUser, jsonOf, login, postJson, slot, validSiret } from './fixtures';
import { MODE, mailsTo, startApp, type TestApp } from './harness';
import { Temporal } from './local-time';

/**
 * Projects: rights, links, light reports, the replication workflow, the catalogue, fitting spaces, and the
 * occupancy figures by theme against hand-computed numbers (worked out in the comments).
 */

let t: TestApp;
let occupancy: OccupancyService;
const w: Record<string, string> = {};
const tok: Record<string, string> = {};

const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '09:00', closes: '12:00' },
  { weekday, opens: '14:00', closes: '18:00' },
]);
/** 35 hours a week. */
const HOURS_A = weekdays;
/** 20 hours a week. */
const HOURS_B = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '12:00' }));

async function site(o: { region: string; departement: string; hours: object[]; commune: string }) {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO sites (id, name, address, postcode, commune, departement_code, region_code, time_zone, latitude, longitude,
                        opening_hours)
     VALUES ($1, $2, '1 rue de la Poste', '00000', $3, $4, $5, 'Europe/Paris', 43.61, 3.87, $6)`,
    [id, `Poste ${o.commune}`, o.commune, o.departement, o.region, JSON.stringify(o.hours)],
  );
  return id;
}

async function space(
  siteId: string,
  o: { region: string; departement: string; area: number; kind?: string; capacity?: number },
) {
  const [{ id }] = await t.db.query(
    `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status, equipment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', '{wifi}') RETURNING id`,
    [
      siteId,
      o.region,
      o.departement,
      `Salle ${o.area} m²`,
      o.kind ?? 'meeting_room',
      o.area,
      o.capacity ?? 10,
    ],
  );
  await t.db.query(
    `UPDATE space_publications SET period = tstzrange('2026-01-01T00:00:00+01:00', NULL) WHERE space_id = $1`,
    [id],
  );
  return id as string;
}

async function organisation(region = '76') {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO organisations (id, name, siret, legal_form, region_code, verification)
     VALUES ($1, $2, $3, 'scic', $4, 'verified')`,
    [id, `Coopérative ${id.slice(0, 6)}`, validSiret(), region],
  );
  return id;
}

async function booking(
  spaceId: string,
  organisationId: string,
  start: string,
  end: string,
  status = 'confirmed',
): Promise<string> {
  const [{ id }] = await t.db.query(
    `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
     VALUES ($1, $2, $3, tstzrange($4, $5), tstzrange($4, $5), 'Atelier', 3, 0) RETURNING id`,
    [spaceId, organisationId, status, start, end],
  );
  return id;
}

const api = (path: string) => `${t.url}/api/v1${path}`;

function call(method: string, path: string, token: string | null, body?: unknown, accept?: string) {
  return fetch(api(path), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(accept ? { accept } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok(res: Response, status = 200): Promise<any> {
  const body = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${body}`);
  return body ? JSON.parse(body) : null;
}

async function createProject(token: string, over: Record<string, unknown> = {}): Promise<any> {
  return ok(
    await call('POST', '/projects', token, {
      title: 'Repair café',
      theme: 'transition_energetique',
      audience: 'Habitants du quartier',
      territory: { communeCode: '34172' },
      startDate: '2026-01-01',
      ...over,
    }),
    201,
  );
}

const link = (token: string, projectId: string, body: object) =>
  call('POST', `/projects/${projectId}/links`, token, body);

const SHEET = {
  what: 'Un atelier de réparation mensuel animé par des bénévoles',
  forWhom: 'Les habitants, tous âges',
  kind: 'meeting_room',
  minAreaM2: 15,
  attendees: 5,
  hoursPerWeek: 25,
  equipment: ['wifi'],
  partners: 'Une ressourcerie locale',
};

beforeAll(async () => {
  t = await startApp();
  occupancy = t.app.get(OccupancyService);
  // The fixtures are in 2026: rolled up still when the coverage (from last January on) has moved past it.
  await t.db.query(`UPDATE occupancy_coverage SET from_date = least(from_date, '2026-01-01')`);
  w.siteA = await site({ region: '76', departement: '34', hours: HOURS_A, commune: 'Montpellier' });
  w.spaceA = await space(w.siteA, { region: '76', departement: '34', area: 20 });
  w.spaceA2 = await space(w.siteA, { region: '76', departement: '34', area: 30, kind: 'workshop' });
  w.siteB = await site({ region: '44', departement: '67', hours: HOURS_B, commune: 'Strasbourg' });
  w.spaceB = await space(w.siteB, { region: '44', departement: '67', area: 50, kind: 'meeting_room' });
  w.orgC = await organisation('76');
  w.orgD = await organisation('76');
  w.orgE = await organisation('44');
  const people = {
    memberC: await createUser(t.db, 'member', { organisationId: w.orgC }),
    adminC: await createUser(t.db, 'org_admin', { organisationId: w.orgC }),
    memberD: await createUser(t.db, 'member', { organisationId: w.orgD }),
    memberE: await createUser(t.db, 'member', { organisationId: w.orgE }),
    delegate76: await createUser(t.db, 'delegate', { regionCode: '76' }),
    delegate44: await createUser(t.db, 'delegate', { regionCode: '44' }),
    manager: await createUser(t.db, 'site_manager', { siteId: w.siteA }),
    admin: await createUser(t.db, 'admin'),
  };
  w.adminCEmail = people.adminC.email;
  w.delegate76Email = people.delegate76.email;
  for (const [name, u] of Object.entries(people)) tok[name] = await login(t.url, u.email);
});

afterAll(() => t?.close());

describe(`figures per theme (${MODE})`, () => {
  const f: Record<string, any> = {};

  beforeAll(async () => {
    f.p1 = await createProject(tok.memberC); // transition énergétique, organisation C
    f.p2 = await createProject(tok.memberC, { title: 'Atelier numérique', theme: 'numerique' });
    f.p3 = await createProject(tok.memberD, { title: 'Café des écrans', theme: 'numerique' });
    f.p4 = await createProject(tok.memberE, {
      title: 'Chorale',
      theme: 'culture',
      territory: { departementCode: '67' },
    });
    // Site A opens 9–12 and 14–18 on weekdays; what a booking counts is its part within those windows.
    f.b1 = await booking(w.spaceA, w.orgC, '2026-03-09T09:00:00+01:00', '2026-03-09T12:00:00+01:00'); // P1: 3 h × 20 m² = 60
    f.b2 = await booking(w.spaceA, w.orgC, '2026-03-10T10:00:00+01:00', '2026-03-10T16:00:00+01:00'); // P1: 10–12 + 14–16 = 4 h, 80
    f.b3 = await booking(w.spaceA2, w.orgC, '2026-03-11T14:00:00+01:00', '2026-03-11T18:00:00+01:00'); // P2: 4 h × 30 m² = 120
    f.b4 = await booking(w.spaceA, w.orgD, '2026-03-12T09:00:00+01:00', '2026-03-12T11:00:00+01:00'); // P3: 2 h, 40
    await booking(w.spaceA, w.orgD, '2026-03-13T09:00:00+01:00', '2026-03-13T12:00:00+01:00'); // no project: no theme
    f.b6 = await booking(
      w.spaceA,
      w.orgC,
      '2026-03-16T09:00:00+01:00',
      '2026-03-16T12:00:00+01:00',
      'cancelled',
    ); // P1, counts nowhere
    f.b7 = await booking(w.spaceB, w.orgE, '2026-03-10T08:00:00+01:00', '2026-03-10T10:00:00+01:00'); // P4 (Grand Est): 2 h × 50 = 100
    for (const [project, b, token] of [
      [f.p1, f.b1, tok.memberC],
      [f.p1, f.b2, tok.memberC],
      [f.p2, f.b3, tok.memberC],
      [f.p3, f.b4, tok.memberD],
      [f.p1, f.b6, tok.memberC],
      [f.p4, f.b7, tok.memberE],
    ])
      await ok(await link(token, project.id, { bookingId: b }), 204);
    await ok(
      await call('POST', `/projects/${f.p1.id}/reports`, tok.memberC, {
        bookingId: f.b1,
        peopleReached: 18,
        volunteers: 4,
        sentence: 'Trente objets réparés',
      }),
      201,
    );
    await ok(
      await call('POST', `/projects/${f.p1.id}/reports`, tok.memberC, { bookingId: f.b2, peopleReached: 12 }),
      201,
    );
    // A general update, written today (December): not in March's figures, in the project's.
    await ok(
      await call('POST', `/projects/${f.p2.id}/reports`, tok.memberC, { peopleReached: 40, actions: 3 }),
      201,
    );
    await occupancy.drain();
  });

  it('equals the sum of the linked bookings’ hours and m²·h, theme by theme, in JSON', async () => {
    const report = await ok(
      await call(
        'GET',
        '/reports/occupancy?scope=region:76&from=2026-03-01&to=2026-03-31&groupBy=theme',
        tok.admin,
      ),
    );
    const rows = Object.fromEntries(report.rows.map((r: any) => [r.key, r]));
    expect(Object.keys(rows).sort()).toEqual(['numerique', 'transition_energetique']);
    // Transition énergétique: 3 + 4 = 7 h, 60 + 80 = 140 m²·h, 2 bookings, organisation C; 18 + 12 people.
    expect(rows.transition_energetique).toMatchObject({
      label: 'Transition énergétique',
      bookedHours: 7,
      usedSqmHours: 140,
      bookings: 2,
      organisations: 1,
      peopleReached: 30,
      offeredHours: null,
    });
    // Numérique: 4 + 2 = 6 h, 120 + 40 = 160 m²·h, 2 bookings, organisations C and D; no report in March.
    expect(rows.numerique).toMatchObject({
      bookedHours: 6,
      usedSqmHours: 160,
      bookings: 2,
      organisations: 2,
      peopleReached: 0,
    });
    // Totals: the linked bookings only (the unlinked 3 h are not themed): 13 h, 300 m²·h, 4 bookings.
    expect(report.totals).toMatchObject({
      bookedHours: 13,
      usedSqmHours: 300,
      bookings: 4,
      organisations: 2,
    });
    expect(report.rows.reduce((s: number, r: any) => s + r.bookedHours, 0)).toBe(report.totals.bookedHours);
    // The whole scope's March at site A's two spaces: 22 weekdays × 7 h × 2 spaces = 308 h offered.
    expect(report.totals.offeredHours).toBe(308);

    const national = await ok(
      await call(
        'GET',
        '/reports/occupancy?scope=national&from=2026-03-01&to=2026-03-31&groupBy=theme',
        tok.admin,
      ),
    );
    expect(national.rows.find((r: any) => r.key === 'culture')).toMatchObject({
      bookedHours: 2,
      usedSqmHours: 100,
      bookings: 1,
    });
    expect(national.totals).toMatchObject({ bookedHours: 15, usedSqmHours: 400, bookings: 5 });
  });

  it('writes the same numbers in the French CSV', async () => {
    const path = '/reports/occupancy?scope=region:76&from=2026-03-01&to=2026-03-31&groupBy=theme';
    const json = await ok(await call('GET', path, tok.admin));
    const res = await call('GET', path, tok.admin, undefined, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    const header = lines[0].split(';');
    expect(header[0]).toBe('Thème');
    expect(header.at(-1)).toBe('Personnes touchées');
    const cells = (label: string) => lines.find((l) => l.startsWith(`${label};`))!.split(';');
    const num = (s: string) => Number(s.replace(',', '.'));
    for (const row of [...json.rows, { ...json.totals, label: 'Total', peopleReached: 30 }]) {
      const c = cells(row.label);
      expect(num(c[header.indexOf('Heures réservées')])).toBe(row.bookedHours);
      expect(num(c[header.indexOf('m²·h utilisés')])).toBe(row.usedSqmHours);
      expect(num(c[header.indexOf('Réservations')])).toBe(row.bookings);
      expect(num(c[header.indexOf('Personnes touchées')])).toBe(row.peopleReached);
    }
    expect(cells('Transition énergétique')[header.indexOf('Heures réservées')]).toBe('7,00');
  });

  it('gives each project its hosted hours from the same rollup, and its reports’ figures', async () => {
    const p1 = await ok(await call('GET', `/projects/${f.p1.id}`, tok.memberC));
    expect(p1.figures).toEqual({
      bookings: 2,
      bookedHours: 7,
      usedSqmHours: 140,
      peopleReached: 30,
      volunteers: 4,
      actions: 0,
      reports: 2,
    });
    expect(p1.reports).toHaveLength(2);
    // Its linked bookings, through the bookings list: all three, the cancelled one included.
    const linked = await ok(await call('GET', `/bookings?projectId=${f.p1.id}`, tok.memberC));
    expect(linked.items.map((b: any) => b.id).sort()).toEqual([f.b1, f.b2, f.b6].sort());
    expect(linked.items.every((b: any) => b.projectId === f.p1.id)).toBe(true);
    const theirs = await ok(await call('GET', `/bookings?projectId=${f.p1.id}`, tok.memberD));
    expect(theirs.items).toEqual([]);
    expect(p1.reports.map((r: any) => r.bookingId).sort()).toEqual([f.b1, f.b2].sort());
    const p2 = await ok(await call('GET', `/projects/${f.p2.id}`, tok.memberC));
    expect(p2.figures).toMatchObject({
      bookings: 1,
      bookedHours: 4,
      usedSqmHours: 120,
      peopleReached: 40,
      actions: 3,
    });
    // The territory resolved: Montpellier, Hérault, Occitanie, at its La Poste site.
    expect(p1.territory).toMatchObject({
      communeCode: '34172',
      communeName: 'Montpellier',
      departementCode: '34',
      departementName: 'Hérault',
      regionCode: '76',
      latitude: 43.61,
      longitude: 3.87,
    });
  });

  it('follows a link made after the fact: the rollup is recomputed', async () => {
    const b = await booking(w.spaceA, w.orgD, '2026-03-17T14:00:00+01:00', '2026-03-17T15:30:00+01:00'); // 1,5 h, 30
    await occupancy.drain();
    await ok(await link(tok.memberD, f.p3.id, { bookingId: b }), 204);
    await occupancy.drain();
    const report = await ok(
      await call(
        'GET',
        '/reports/occupancy?scope=departement:34&from=2026-03-01&to=2026-03-31&groupBy=theme',
        tok.delegate76,
      ),
    );
    expect(report.rows.find((r: any) => r.key === 'numerique')).toMatchObject({
      bookedHours: 7.5,
      usedSqmHours: 190,
      bookings: 3,
    });
  });

  it('filters the delegate’s table by theme and département', async () => {
    const page = await ok(await call('GET', '/projects?theme=numerique&departement=34', tok.delegate76));
    expect(page.items.map((p: any) => p.title).sort()).toEqual(['Atelier numérique', 'Café des écrans']);
    const all = await ok(await call('GET', '/projects', tok.delegate76));
    expect(all.items.every((p: any) => p.territory.regionCode === '76')).toBe(true);
    expect(all.items.some((p: any) => p.title === 'Chorale')).toBe(false);
    const own = await ok(await call('GET', '/projects', tok.memberD));
    expect(own.items.map((p: any) => p.title)).toEqual(['Café des écrans']);
    const manager = await ok(await call('GET', '/projects', tok.manager));
    expect(manager.items).toEqual([]);
  });
});

describe('links and light reports', () => {
  it('links a booking at booking time, and refuses another organisation’s project', async () => {
    const { spaceId } = await createSite(t.db, { regionCode: '76' });
    const project = await createProject(tok.memberC, { title: 'Permanence numérique', theme: 'numerique' });
    const made = await ok(
      await postJson(api('/bookings'), tok.memberC, {
        spaceId,
        ...slot(5),
        title: 'Permanence',
        attendees: 2,
        projectId: project.id,
      }),
      201,
    );
    expect(made.projectId).toBe(project.id);
    const read = await ok(await call('GET', `/bookings/${made.id}`, tok.memberC));
    expect(read.projectId).toBe(project.id);
    const theirs = await createProject(tok.memberD, { title: 'Le leur' });
    const refused = await postJson(api('/bookings'), tok.memberC, {
      spaceId,
      ...slot(6),
      title: 'Permanence',
      attendees: 2,
      projectId: theirs.id,
    });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await jsonOf(refused)).detail).toBe('Ce projet introuvable.');
    // Nothing was booked on that slot.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM bookings WHERE space_id = $1`, [
      spaceId,
    ]);
    expect(n).toBe(1);

    // A series, and its dates, linked at creation.
    const s = slot(8);
    const series = await ok(
      await postJson(api('/booking-series'), tok.memberC, {
        spaceId,
        firstStart: s.start,
        firstEnd: s.end,
        rrule: 'FREQ=WEEKLY;COUNT=2',
        title: 'Permanence',
        attendees: 2,
        projectId: project.id,
      }),
      201,
    );
    const linked = await t.db.query(`SELECT project_id FROM bookings WHERE series_id = $1`, [
      series.series.id,
    ]);
    expect(linked).toEqual([{ project_id: project.id }, { project_id: project.id }]);
    const seriesRefused = await postJson(api('/booking-series'), tok.memberC, {
      spaceId,
      firstStart: slot(30).start,
      firstEnd: slot(30).end,
      rrule: 'FREQ=WEEKLY;COUNT=1',
      title: 'Permanence',
      attendees: 2,
      projectId: theirs.id,
    });
    expect(seriesRefused.status).toBe(404);
  });

  it('reports after a booking only once it has ended, once per booking; never empty', async () => {
    const { spaceId } = await createSite(t.db, { regionCode: '76' });
    const project = await createProject(tok.memberC, { title: 'Jardin partagé', theme: 'alimentation' });
    const future = await booking(spaceId, w.orgC, slot(3).start, slot(3).end);
    await ok(await link(tok.memberC, project.id, { bookingId: future }), 204);
    const early = await call('POST', `/projects/${project.id}/reports`, tok.memberC, {
      bookingId: future,
      peopleReached: 5,
    });
    expect(early.status).toBe(422);
    expect((await jsonOf(early)).type).toContain('booking-not-over');

    const past = await booking(spaceId, w.orgC, '2026-02-02T09:00:00+01:00', '2026-02-02T10:00:00+01:00');
    const notLinked = await call('POST', `/projects/${project.id}/reports`, tok.memberC, {
      bookingId: past,
      peopleReached: 5,
    });
    expect(notLinked.status).toBe(404);
    await ok(await link(tok.memberC, project.id, { bookingId: past }), 204);
    await ok(
      await call('POST', `/projects/${project.id}/reports`, tok.memberC, { bookingId: past, volunteers: 2 }),
      201,
    );
    const twice = await call('POST', `/projects/${project.id}/reports`, tok.memberC, {
      bookingId: past,
      actions: 1,
    });
    expect(twice.status).toBe(409);
    const empty = await call('POST', `/projects/${project.id}/reports`, tok.memberC, { sentence: '  ' });
    expect(empty.status).toBe(400);
    // Another organisation's booking, series or need cannot be linked; nor a booking that does not exist.
    const theirs = await booking(spaceId, w.orgD, slot(4).start, slot(4).end);
    expect((await link(tok.memberC, project.id, { bookingId: theirs })).status).toBe(404);
    expect((await link(tok.memberC, project.id, { seriesId: randomUUID() })).status).toBe(404);
    expect((await link(tok.memberC, project.id, { needId: randomUUID() })).status).toBe(404);
    expect((await link(tok.memberC, project.id, { bookingId: 'nope' })).status).toBe(400);
    // The audit log has the project's story.
    const actions = await t.db.query(
      `SELECT action FROM audit_log WHERE entity = 'project' AND entity_id = $1 ORDER BY id`,
      [project.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'created',
      'linked',
      'linked',
      'reported',
    ]);
  });

  it('validates the project itself, in the caller’s language', async () => {
    const bad = await call('POST', '/projects', tok.memberC, {
      title: 'X',
      theme: 'astrologie',
      audience: 'Tous',
      territory: { communeCode: '34172' },
      startDate: '2026-05-01',
      endDate: '2026-04-01',
    });
    expect(bad.status).toBe(400);
    const paths = (await jsonOf(bad)).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.theme']));
    const reversed = await call('POST', '/projects', tok.memberC, {
      title: 'À rebours',
      theme: 'sante',
      audience: 'Tous',
      territory: { communeCode: '34172' },
      startDate: '2026-05-01',
      endDate: '2026-04-01',
    });
    expect(reversed.status).toBe(400);
    expect((await jsonOf(reversed)).errors.map((e: { path: string }) => e.path)).toEqual(['body.endDate']);
    const english = await fetch(api('/projects'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tok.memberC}`,
        'content-type': 'application/json',
        'accept-language': 'en',
      },
      body: JSON.stringify({ sentence: 'x' }),
    });
    expect(english.status).toBe(400);
    expect((await jsonOf(english)).detail).toBe('The request contains invalid data.');
    const unknown = await call('POST', '/projects', tok.memberC, {
      title: 'Ailleurs',
      theme: 'sante',
      audience: 'Tous',
      territory: { communeCode: '99999' },
      startDate: '2026-05-01',
    });
    expect(unknown.status).toBe(422);
    const byDelegate = await call('POST', '/projects', tok.delegate76, {
      title: 'Ailleurs',
      theme: 'sante',
      audience: 'Tous',
      territory: { departementCode: '34' },
      startDate: '2026-05-01',
    });
    expect(byDelegate.status).toBe(403);
    const p = await createProject(tok.memberC, { title: 'À changer' });
    const changed = await ok(
      await call('PATCH', `/projects/${p.id}`, tok.memberC, { endDate: '2026-12-31', partners: ['Mairie'] }),
    );
    expect(changed).toMatchObject({ endDate: '2026-12-31', partners: ['Mairie'], title: 'À changer' });
    const moved = await ok(
      await call('PATCH', `/projects/${p.id}`, tok.memberC, { territory: { departementCode: '67' } }),
    );
    expect(moved.territory).toMatchObject({ departementCode: '67', regionCode: '44', communeCode: null });
    expect((await call('PATCH', `/projects/${p.id}`, tok.memberC, { endDate: '2025-01-01' })).status).toBe(
      400,
    );
  });
});

describe('rights, replication and the catalogue', () => {
  let p: any;

  beforeAll(async () => {
    p = await createProject(tok.memberC, { title: 'Repair café du Lez' });
  });

  const status = async (method: string, path: string, token: string | null, body?: unknown) =>
    (await call(method, path, token, body)).status;

  it('shows a project to its organisation, its région’s delegates and admins only, until shared', async () => {
    expect(await status('GET', `/projects/${p.id}`, tok.memberC)).toBe(200);
    expect(await status('GET', `/projects/${p.id}`, tok.adminC)).toBe(200);
    expect(await status('GET', `/projects/${p.id}`, tok.delegate76)).toBe(200);
    expect(await status('GET', `/projects/${p.id}`, tok.admin)).toBe(200);
    expect(await status('GET', `/projects/${p.id}`, tok.memberD)).toBe(404);
    expect(await status('GET', `/projects/${p.id}`, tok.delegate44)).toBe(404);
    expect(await status('GET', `/projects/${p.id}`, tok.manager)).toBe(404);
    expect(await status('GET', `/projects/${p.id}`, null)).toBe(404);
    expect(await status('PATCH', `/projects/${p.id}`, tok.memberD, { title: 'Le mien' })).toBe(404);
    expect(await status('PATCH', `/projects/${p.id}`, tok.delegate76, { title: 'Le mien' })).toBe(403);
    expect(await status('GET', `/projects/${randomUUID()}`, tok.admin)).toBe(404);
  });

  it('lets only a delegate of its région or an admin propose a case sheet; the organisation decides', async () => {
    expect(await status('POST', `/projects/${p.id}/replicate`, tok.delegate44, SHEET)).toBe(404);
    expect(await status('POST', `/projects/${p.id}/replicate`, tok.memberC, SHEET)).toBe(403);
    expect(await status('POST', `/projects/${p.id}/replication/accept`, tok.memberC, {})).toBe(409);
    const proposed = await ok(await call('POST', `/projects/${p.id}/replicate`, tok.delegate76, SHEET));
    expect(proposed.replication).toMatchObject({ status: 'proposed', public: false, caseSheet: SHEET });
    expect(proposed.replication.proposedByName).toMatch(/^Personne /);
    // Not shared yet: not in the catalogue, not readable by another région.
    expect(await status('GET', `/projects/${p.id}`, tok.delegate44)).toBe(404);
    const before = await ok(await call('GET', '/projects/replicable', tok.admin));
    expect(before.items.some((x: any) => x.id === p.id)).toBe(false);
    // Another organisation's member may not answer for it.
    expect(await status('POST', `/projects/${p.id}/replication/accept`, tok.memberD, {})).toBe(404);
    const accepted = await ok(
      await call('POST', `/projects/${p.id}/replication/accept`, tok.adminC, {
        caseSheet: { ...SHEET, what: 'Un atelier de réparation, deux fois par mois' },
      }),
    );
    expect(accepted.replication).toMatchObject({ status: 'shared', public: false });
    expect(accepted.replication.caseSheet.what).toBe('Un atelier de réparation, deux fois par mois');
    expect(await status('POST', `/projects/${p.id}/replication/decline`, tok.memberC)).toBe(409);
    expect(await status('POST', `/projects/${p.id}/replicate`, tok.delegate76, SHEET)).toBe(409);
    const actions = await t.db.query(
      `SELECT action FROM audit_log WHERE entity = 'project' AND entity_id = $1 AND action LIKE 'replication%' ORDER BY id`,
      [p.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'replication_proposed',
      'replication_accepted',
    ]);
  });

  it('shows a shared project to every delegate and admin, and to the public only if the organisation chose so', async () => {
    expect(await status('GET', `/projects/${p.id}`, tok.delegate44)).toBe(200);
    expect(await status('GET', `/projects/${p.id}`, null)).toBe(404);
    expect(await status('GET', `/projects/${p.id}`, tok.memberD)).toBe(404);
    const national = await ok(
      await call('GET', '/projects/replicable?theme=transition_energetique', tok.delegate44),
    );
    expect(national.items.map((x: any) => x.id)).toContain(p.id);
    const byKind = await ok(await call('GET', '/projects/replicable?kind=workshop', tok.admin));
    expect(byKind.items.map((x: any) => x.id)).not.toContain(p.id);
    const searched = await ok(
      await call('GET', `/projects/replicable?q=${encodeURIComponent('réparation')}`, tok.admin),
    );
    expect(searched.items.map((x: any) => x.id)).toContain(p.id);
    const anonymous = await ok(await call('GET', '/projects/replicable', null));
    expect(anonymous.items.map((x: any) => x.id)).not.toContain(p.id);

    // A second project, shared publicly.
    const q = await createProject(tok.memberD, { title: 'Fablab solidaire', theme: 'numerique' });
    await ok(await call('POST', `/projects/${q.id}/replicate`, tok.admin, { ...SHEET, kind: 'workshop' }));
    const declined = await ok(await call('POST', `/projects/${q.id}/replication/decline`, tok.memberD));
    expect(declined.replication.status).toBe('declined');
    await ok(
      await call('POST', `/projects/${q.id}/replicate`, tok.delegate76, { ...SHEET, kind: 'workshop' }),
    );
    await ok(await call('POST', `/projects/${q.id}/replication/accept`, tok.memberD, { public: true }));
    const open = await ok(await call('GET', '/projects/replicable?kind=workshop', null));
    expect(open.items.map((x: any) => x.id)).toEqual([q.id]);
    expect(open.items[0].replication).toMatchObject({ status: 'shared', public: true, proposedByName: null });
    expect(await status('GET', `/projects/${q.id}`, null)).toBe(200);
    // The public and other régions see the project, not the people behind it.
    await ok(
      await call('POST', `/projects/${q.id}/reports`, tok.memberD, { sentence: 'Vingt vélos réparés' }),
      201,
    );
    const outside = await ok(await call('GET', `/projects/${q.id}`, null));
    expect(outside.replication.proposedByName).toBeNull();
    expect(outside.reports.map((r: any) => [r.sentence, r.authorName])).toEqual([
      ['Vingt vélos réparés', ''],
    ]);
    const inside = await ok(await call('GET', `/projects/${q.id}`, tok.memberD));
    expect(inside.replication.proposedByName).toMatch(/^Personne /);
    expect(inside.reports[0].authorName).toMatch(/^Personne /);
    expect(await status('GET', `/projects/${q.id}`, tok.memberE)).toBe(200);
  });

  it('lists the spaces that fit a shared case sheet, in the delegate’s own région or any for an admin', async () => {
    // Occitanie: space A (meeting room, 20 m², 10 people, wifi, 35 h a week) fits; A2 is a workshop.
    const own = await ok(await call('GET', `/projects/${p.id}/fitting-spaces?region=76`, tok.delegate76));
    const ids = own.items.map((s: any) => s.spaceId);
    expect(ids).toContain(w.spaceA);
    expect(ids).not.toContain(w.spaceA2);
    expect(own.items.find((s: any) => s.spaceId === w.spaceA)).toMatchObject({
      kind: 'meeting_room',
      areaM2: 20,
      weeklyOpenHours: 35,
      departementCode: '34',
    });
    // Grand Est: space B fits on kind, area and people, but opens 20 h a week, fewer than the sheet's 25.
    const other = await ok(await call('GET', `/projects/${p.id}/fitting-spaces?region=44`, tok.delegate44));
    expect(other.items.map((s: any) => s.spaceId)).not.toContain(w.spaceB);
    const admin = await ok(await call('GET', `/projects/${p.id}/fitting-spaces?region=44`, tok.admin));
    expect(admin.items).toEqual(other.items);
    expect(await status('GET', `/projects/${p.id}/fitting-spaces?region=44`, tok.delegate76)).toBe(403);
    expect(await status('GET', `/projects/${p.id}/fitting-spaces?region=99`, tok.admin)).toBe(404);
    expect(await status('GET', `/projects/${p.id}/fitting-spaces?region=7`, tok.admin)).toBe(400);
    expect(await status('GET', `/projects/${p.id}/fitting-spaces?region=76`, tok.memberC)).toBe(403);
    // A lower bar on hours lets space B in.
    const r = await createProject(tok.memberE, {
      title: 'Chorale des facteurs',
      theme: 'culture',
      territory: { departementCode: '67' },
    });
    await ok(
      await call('POST', `/projects/${r.id}/replicate`, tok.delegate44, { ...SHEET, hoursPerWeek: 20 }),
    );
    await ok(await call('POST', `/projects/${r.id}/replication/accept`, tok.memberE, {}));
    const fits = await ok(await call('GET', `/projects/${r.id}/fitting-spaces?region=44`, tok.delegate44));
    expect(fits.items.map((s: any) => s.spaceId)).toContain(w.spaceB);
  });
});

describe('quarterly invitation and the monthly digest', () => {
  it('invites each organisation with an active project once a quarter, listing its projects, by e-mail', async () => {
    const projects = t.app.get(ProjectsService);
    const queued = await projects.inviteQuarter();
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(await projects.inviteQuarter()).toBe(0);
    const [mail] = await mailsTo(t, w.adminCEmail);
    expect(mail.subject).toMatch(/^Vos projets — point du \dᵉ trimestre \d{4}$/);
    expect(mail.text).toContain('Repair café');
    expect(mail.text).toContain('/projets/');
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailsTo(t, w.adminCEmail)).toHaveLength(1);
    const rows = await t.db.query(
      `SELECT count(*)::int AS n FROM project_invitations WHERE organisation_id = $1`,
      [w.orgC],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('tells the région’s delegates of the month’s new projects and reports', async () => {
    const month = Temporal.Now.plainDateISO('Europe/Paris').toPlainYearMonth().toString();
    await t.app.get(DigestService).send(month);
    const [mail] = await mailsTo(t, w.delegate76Email);
    expect(mail.text).toContain('Nouveaux projets');
    expect(mail.text).toContain('Repair café (Transition énergétique)');
    expect(mail.text).toContain('Bilans reçus');
    expect(mail.text).toContain('18 personnes touchées');
    expect(mail.text).not.toContain('Chorale');
  });
});
