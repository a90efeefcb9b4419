import { randomUUID } from 'node:crypto';
import { createOrganisation, createSite, createUser, jsonOf, login, postJson } from './fixtures';
import { startApp, type TestApp } from './harness';
import { dayFromToday, iso, PARIS, Temporal } from './local-time';

/**
 * Fair-use quotas end to end: rules set by a site's managers and by admins, what an organisation has
 * left at a space, and the refusals of the booking, series and move paths beyond a limit.
 */

let t: TestApp;
let adminToken: string;
let week = 0;

/** Each test books in weeks of its own, far enough ahead for any notice: the Monday `n` weeks on. */
function mondayAhead(): Temporal.ZonedDateTime {
  const today = dayFromToday(0);
  week += 1;
  return today.add({ days: 8 - today.dayOfWeek + 7 * week });
}

const at = (day: Temporal.ZonedDateTime, hour: number, hours: number) => ({
  start: iso(day.with({ hour })),
  end: iso(day.with({ hour }).add({ minutes: hours * 60 })),
});

function call(method: string, path: string, token: string | null, body?: unknown) {
  return fetch(`${t.url}/api/v1${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A site with its manager, and an organisation with a member, both signed in. */
async function world() {
  const { siteId, spaceId } = await createSite(t.db);
  const manager = await login(t.url, (await createUser(t.db, 'site_manager', { siteId })).email);
  const organisationId = await createOrganisation(t.db);
  const member = await login(t.url, (await createUser(t.db, 'member', { organisationId })).email);
  return { siteId, spaceId, manager, organisationId, member };
}

/** A second published space of the site, of a kind. */
async function otherSpace(spaceId: string, kind = 'meeting_room'): Promise<string> {
  const id = randomUUID();
  await t.db.query(
    `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         horizon_days, max_duration_minutes)
     SELECT $1, site_id, region_code, departement_code, 'Autre', $3, 20, 10, 'published', 365, 720
       FROM spaces WHERE id = $2`,
    [id, spaceId, kind],
  );
  return id;
}

const book = (token: string, spaceId: string, period: { start: string; end: string }) =>
  postJson(`${t.url}/api/v1/bookings`, token, { spaceId, ...period, title: 'Atelier', attendees: 2 });

const bookingsOf = async (organisationId: string) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM bookings WHERE organisation_id = $1 AND status IN ('pending', 'confirmed')`,
      [organisationId],
    )
  )[0].n as number;

beforeAll(async () => {
  t = await startApp();
  adminToken = await login(t.url, (await createUser(t.db, 'admin')).email);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('rules', () => {
  it('a manager sets, changes and removes their site’s rules, each change audited', async () => {
    const w = await world();
    const created = await call('POST', `/sites/${w.siteId}/quotas`, w.manager, {
      hoursPerWeek: 10,
      maxActiveBookings: 4,
    });
    expect(created.status).toBe(201);
    const rule = await jsonOf(created);
    expect(rule).toMatchObject({
      siteId: w.siteId,
      organisationId: null,
      spaceKind: null,
      hoursPerWeek: 10,
      hoursPerMonth: null,
      maxActiveBookings: 4,
    });
    const changed = await call('PATCH', `/sites/${w.siteId}/quotas/${rule.id}`, w.manager, {
      hoursPerMonth: 30.5,
      maxActiveBookings: null,
    });
    expect(await jsonOf(changed)).toMatchObject({
      hoursPerWeek: 10,
      hoursPerMonth: 30.5,
      maxActiveBookings: null,
    });
    const list = await jsonOf(await call('GET', `/sites/${w.siteId}/quotas`, w.manager));
    expect(list.items.map((r: { id: string }) => r.id)).toEqual([rule.id]);
    expect((await call('DELETE', `/sites/${w.siteId}/quotas/${rule.id}`, w.manager)).status).toBe(204);
    const audit = await t.db.query(
      `SELECT action, changes FROM audit_log WHERE entity = 'quota_rule' AND entity_id = $1 ORDER BY at, action`,
      [rule.id],
    );
    expect(audit.map((a: { action: string }) => a.action).sort()).toEqual(['created', 'deleted', 'updated']);
    expect(audit.find((a: { action: string }) => a.action === 'updated').changes).toMatchObject({
      hoursPerMonth: [null, 30.5],
      maxActiveBookings: [4, null],
    });
  });

  it('refuses rules without a limit, limits off the quarter hour, unknown organisations and twins, in French', async () => {
    const w = await world();
    const path = `/sites/${w.siteId}/quotas`;
    const none = await call('POST', path, w.manager, { spaceKind: 'office' });
    expect(none.status).toBe(400);
    expect((await jsonOf(none)).errors[0].message).toBe(
      'Fixez au moins une limite : heures par semaine, par mois ou réservations à la fois',
    );
    const odd = await call('POST', path, w.manager, { hoursPerWeek: 1.1, maxActiveBookings: 0 });
    expect(odd.status).toBe(400);
    const errors = (await jsonOf(odd)).errors.map((e: { path: string }) => e.path);
    expect(errors).toEqual(expect.arrayContaining(['body.hoursPerWeek', 'body.maxActiveBookings']));
    const unknown = await call('POST', path, w.manager, { organisationId: randomUUID(), hoursPerWeek: 2 });
    expect(unknown.status).toBe(400);
    expect((await jsonOf(unknown)).errors[0]).toEqual({
      path: 'body.organisationId',
      message: 'Organisation inconnue',
    });
    expect((await call('POST', path, w.manager, { hoursPerWeek: 2 })).status).toBe(201);
    const twin = await call('POST', path, w.manager, { hoursPerWeek: 3 });
    expect(twin.status).toBe(409);
    expect((await jsonOf(twin)).code).toBe('QUOTA_EXISTS');
    const [{ id }] = await t.db.query(`SELECT id FROM quota_rules WHERE site_id = $1`, [w.siteId]);
    const emptied = await call('PATCH', `${path}/${id}`, w.manager, { hoursPerWeek: null });
    expect(emptied.status).toBe(400);
  });

  it('a manager neither sees nor changes another site’s rules, nor the national ones', async () => {
    const w = await world();
    const other = await world();
    expect((await call('GET', `/sites/${other.siteId}/quotas`, w.manager)).status).toBe(404);
    expect((await call('POST', `/sites/${other.siteId}/quotas`, w.manager, { hoursPerWeek: 1 })).status).toBe(
      404,
    );
    const national = await jsonOf(
      await call('POST', '/quotas', adminToken, { organisationId: w.organisationId, hoursPerMonth: 50 }),
    );
    expect(
      (await call('PATCH', `/sites/${w.siteId}/quotas/${national.id}`, w.manager, { hoursPerMonth: 60 }))
        .status,
    ).toBe(404);
    expect((await call('DELETE', `/quotas/${national.id}`, w.manager)).status).toBe(403);
    // Shown to the site's managers beside their own, read-only.
    const seen = await jsonOf(await call('GET', `/sites/${w.siteId}/quotas`, w.manager));
    expect(seen.national.map((r: { id: string }) => r.id)).toContain(national.id);
    expect((await call('DELETE', `/quotas/${national.id}`, adminToken)).status).toBe(204);
  });
});

describe('enforcement', () => {
  it('hours a week: refused beyond the limit with what is left, nothing written; the next week is free', async () => {
    const w = await world();
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { hoursPerWeek: 4.5 });
    const monday = mondayAhead();
    expect((await book(w.member, w.spaceId, at(monday, 9, 2))).status).toBe(201);
    const left = await jsonOf(
      await call(
        'GET',
        `/spaces/${w.spaceId}/quota?at=${encodeURIComponent(at(monday, 9, 1).start)}`,
        w.member,
      ),
    );
    expect(left).toMatchObject({
      weekMinutesLeft: 150,
      monthMinutesLeft: null,
      activeBookingsLeft: null,
      summary: 'Il vous reste 2 h 30 cette semaine sur ce site.',
    });
    const refused = await book(w.member, w.spaceId, at(monday.add({ days: 3 }), 9, 3));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = await jsonOf(refused);
    expect(problem).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      type: 'https://lieux-partages.fr/problems/quota-exceeded',
      quota: { kind: 'weekHours', scope: 'site', limit: 270, used: 120, remaining: 150 },
    });
    const monday1 = new Intl.DateTimeFormat('fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: PARIS,
    }).format(monday.epochMilliseconds);
    expect(problem.detail).toBe(
      `Limite atteinte : 4 h 30 par semaine sur ce site pour votre organisation ; il vous reste 2 h 30 la semaine du ${monday1}.`,
    );
    expect(await bookingsOf(w.organisationId)).toBe(1);
    expect((await book(w.member, w.spaceId, at(monday.add({ days: 3 }), 9, 2.5))).status).toBe(201);
    expect((await book(w.member, w.spaceId, at(monday.add({ days: 7 }), 9, 3))).status).toBe(201);
    // Another organisation has its own hours.
    const other = await createOrganisation(t.db);
    const them = await login(t.url, (await createUser(t.db, 'member', { organisationId: other })).email);
    expect((await book(them, w.spaceId, at(monday.add({ days: 1 }), 9, 4))).status).toBe(201);
  });

  it('hours a month, in English when asked', async () => {
    const w = await world();
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { hoursPerMonth: 3 });
    const monday = mondayAhead();
    // The middle of a month, so that both days are in it.
    const day = monday.with({ day: 10 }).add({ months: 1 });
    expect((await book(w.member, w.spaceId, at(day, 9, 2))).status).toBe(201);
    const refused = await postJson(
      `${t.url}/api/v1/bookings`,
      w.member,
      { spaceId: w.spaceId, ...at(day.add({ days: 5 }), 9, 2), title: 'Atelier', attendees: 2 },
      { 'accept-language': 'en' },
    );
    const problem = await jsonOf(refused);
    expect(problem.quota).toMatchObject({ kind: 'monthHours', remaining: 60 });
    expect(problem.detail).toMatch(
      /^Limit reached: 3 h a month at this site for your organisation; you have 1 h left in /,
    );
  });

  it('bookings at once count pending and confirmed ones not yet ended', async () => {
    const w = await world();
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { maxActiveBookings: 2 });
    const monday = mondayAhead();
    // An ended booking does not count.
    await t.db.query(
      `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents, list_price_cents)
       VALUES ($1, $2, 'confirmed', tstzrange(now() - interval '3 days', now() - interval '2 days'),
               tstzrange(now() - interval '3 days', now() - interval '2 days'), 'Passée', 2, 0, 0)`,
      [w.spaceId, w.organisationId],
    );
    const first = await jsonOf(await book(w.member, w.spaceId, at(monday, 9, 1)));
    expect((await book(w.member, w.spaceId, at(monday, 11, 1))).status).toBe(201);
    const refused = await jsonOf(await book(w.member, w.spaceId, at(monday, 13, 1)));
    expect(refused.quota).toMatchObject({ kind: 'activeBookings', limit: 2, used: 2, remaining: 0 });
    expect(refused.detail).toBe(
      'Limite atteinte : 2 réservations à venir à la fois sur ce site pour votre organisation ; il ne vous en reste aucune : annulez-en une ou attendez qu’elle soit passée.',
    );
    expect((await postJson(`${t.url}/api/v1/bookings/${first.id}/cancel`, w.member, {})).status).toBe(200);
    expect((await book(w.member, w.spaceId, at(monday, 13, 1))).status).toBe(201);
  });

  it('a rule for one kind of space counts only that kind', async () => {
    const w = await world();
    const office = await otherSpace(w.spaceId, 'office');
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { spaceKind: 'office', hoursPerWeek: 2 });
    const monday = mondayAhead();
    expect((await book(w.member, w.spaceId, at(monday, 9, 6))).status).toBe(201);
    expect((await book(w.member, office, at(monday, 9, 2))).status).toBe(201);
    const refused = await jsonOf(await book(w.member, office, at(monday, 14, 1)));
    expect(refused.quota).toMatchObject({ kind: 'weekHours', spaceKind: 'office', remaining: 0 });
    expect(refused.detail).toContain('pour les espaces « bureau » de ce site');
    const left = await jsonOf(await call('GET', `/spaces/${w.spaceId}/quota`, w.member));
    expect(left.weekMinutesLeft).toBeNull();
  });

  it('a rule naming the organisation replaces the general one for it alone', async () => {
    const w = await world();
    const other = await createOrganisation(t.db);
    const them = await login(t.url, (await createUser(t.db, 'member', { organisationId: other })).email);
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { hoursPerWeek: 2 });
    const own = await call('POST', `/sites/${w.siteId}/quotas`, w.manager, {
      organisationId: w.organisationId,
      hoursPerWeek: 8,
    });
    expect((await jsonOf(own)).organisationName).toMatch(/^Association /);
    const monday = mondayAhead();
    expect((await book(w.member, w.spaceId, at(monday, 8, 6))).status).toBe(201);
    expect((await book(them, w.spaceId, at(monday.add({ days: 1 }), 8, 3))).status).toBe(422);
    expect((await book(them, w.spaceId, at(monday.add({ days: 1 }), 8, 2))).status).toBe(201);
  });

  it('national and site rules hold together: the tightest wins', async () => {
    const w = await world();
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { hoursPerWeek: 10 });
    // National, for this organisation only, so that other suites' bookings meet no national rule.
    const national = await jsonOf(
      await call('POST', '/quotas', adminToken, { organisationId: w.organisationId, hoursPerWeek: 3 }),
    );
    const monday = mondayAhead();
    const left = await jsonOf(
      await call(
        'GET',
        `/spaces/${w.spaceId}/quota?at=${encodeURIComponent(at(monday, 9, 1).start)}`,
        w.member,
      ),
    );
    expect(left.weekMinutesLeft).toBe(180);
    await call(
      'PATCH',
      `/sites/${w.siteId}/quotas/${(await jsonOf(await call('GET', `/sites/${w.siteId}/quotas`, w.manager))).items[0].id}`,
      w.manager,
      {
        hoursPerMonth: 30,
        maxActiveBookings: 2,
      },
    );
    const words = await jsonOf(
      await call(
        'GET',
        `/spaces/${w.spaceId}/quota?at=${encodeURIComponent(at(monday, 9, 1).start)}`,
        w.member,
      ),
    );
    expect(words.summary).toBe(
      'Il vous reste 3 h cette semaine et 30 h ce mois-ci sur ce site ; 2 réservations à venir possibles.',
    );
    expect(left.limits).toHaveLength(2);
    const refused = await jsonOf(await book(w.member, w.spaceId, at(monday, 9, 4)));
    expect(refused.quota).toMatchObject({ scope: 'national', limit: 180 });
    expect(refused.detail).toContain('sur ce site (règle nationale)');
    await call('PATCH', `/quotas/${national.id}`, adminToken, { hoursPerWeek: 20 });
    expect((await book(w.member, w.spaceId, at(monday, 9, 4))).status).toBe(201);
    const tighter = await jsonOf(await book(w.member, w.spaceId, at(monday, 13, 6.5)));
    expect(tighter.quota).toMatchObject({ scope: 'site', remaining: 360 });
    expect((await call('DELETE', `/quotas/${national.id}`, adminToken)).status).toBe(204);
  });

  it('a series counts all its dates together: refused whole, nothing written', async () => {
    const w = await world();
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { hoursPerWeek: 5 });
    const monday = mondayAhead();
    const series = (rrule: string, day: Temporal.ZonedDateTime) =>
      postJson(`${t.url}/api/v1/booking-series`, w.member, {
        spaceId: w.spaceId,
        firstStart: at(day, 9, 2).start,
        firstEnd: at(day, 9, 2).end,
        rrule,
        title: 'Permanence',
        attendees: 2,
      });
    const daily = await series('FREQ=DAILY;COUNT=3', monday);
    expect(daily.status).toBe(422);
    expect((await jsonOf(daily)).quota).toMatchObject({ kind: 'weekHours', remaining: 300 });
    expect(await bookingsOf(w.organisationId)).toBe(0);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM booking_series WHERE space_id = $1`, [w.spaceId]))[0]
        .n,
    ).toBe(0);
    const weekly = await series('FREQ=WEEKLY;COUNT=3', monday);
    expect(weekly.status).toBe(201);
    expect(await bookingsOf(w.organisationId)).toBe(3);
  });

  it('moves: a move by the organisation counts its new hours (not its old ones); a manager’s does not', async () => {
    const w = await world();
    await call('POST', `/sites/${w.siteId}/quotas`, w.manager, { hoursPerWeek: 4 });
    const monday = mondayAhead();
    const a = await jsonOf(await book(w.member, w.spaceId, at(monday, 9, 2)));
    const b = await jsonOf(await book(w.member, w.spaceId, at(monday.add({ days: 7 }), 9, 3)));
    // Within its own week, a booking may grow to the limit: its old hours are not counted twice.
    expect((await call('PATCH', `/bookings/${a.id}`, w.member, at(monday, 9, 4))).status).toBe(200);
    const refused = await call('PATCH', `/bookings/${b.id}`, w.member, at(monday.add({ days: 1 }), 9, 1));
    expect(refused.status).toBe(422);
    expect((await jsonOf(refused)).quota).toMatchObject({ kind: 'weekHours', remaining: 0 });
    const [{ s }] = await t.db.query(`SELECT lower(period) AS s FROM bookings WHERE id = $1`, [b.id]);
    expect(new Date(s).toISOString()).toBe(new Date(b.start).toISOString());
    const byManager = await call('PATCH', `/bookings/${b.id}`, w.manager, {
      ...at(monday.add({ days: 1 }), 9, 1),
      reason: 'Salle en travaux la semaine suivante',
    });
    expect(byManager.status).toBe(200);
  });

  it('answers what is left only to an organisation, for a published space', async () => {
    const w = await world();
    expect((await call('GET', `/spaces/${randomUUID()}/quota`, w.member)).status).toBe(404);
    const none = await jsonOf(await call('GET', `/spaces/${w.spaceId}/quota`, w.member));
    expect(none).toEqual({
      weekMinutesLeft: null,
      monthMinutesLeft: null,
      activeBookingsLeft: null,
      summary: null,
      limits: [],
    });
    const bad = await call('GET', `/spaces/${w.spaceId}/quota?at=demain`, w.member);
    expect(bad.status).toBe(400);
  });
});
