import { Availability, Site } from '@lieux/contracts';
import { createOrganisation, createSite, createUser, jsonOf, login, postJson, slot } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;
const send = (method: string, p: string, token: string, body?: unknown) =>
  fetch(api(p), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

describe(`sites (${MODE})`, () => {
  it('lets an admin create a site whose zone, département and region come from the commune', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'admin');
    const res = await send('POST', '/sites', await login(t.url, admin.email), {
      name: 'La Poste Saint-Denis Centre',
      address: '2 rue Juliette Dodu',
      postcode: '97400',
      communeCode: '97411',
      latitude: -20.88,
      longitude: 55.45,
      managerIds: [manager.id],
    });
    expect(res.status).toBe(201);
    const site = Site.parse(await jsonOf(res));
    expect(site).toMatchObject({
      commune: 'Saint-Denis',
      departementCode: '974',
      regionCode: '04',
      timeZone: 'Indian/Reunion',
    });
  });

  it('lets a manager set the hours and close a day, which availability and booking then respect', async () => {
    const { siteId, spaceId } = await createSite(t.db);
    const manager = await createUser(t.db, 'site_manager', { siteId });
    const token = await login(t.url, manager.email);
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '12:00' }));
    const set = await send('PUT', `/sites/${siteId}/opening-hours`, token, hours);
    expect(set.status).toBe(200);
    expect(Site.parse(await jsonOf(set)).openingHours).toEqual(hours);

    const day = slot(10, 10).start.slice(0, 10);
    const closure = await send('POST', `/sites/${siteId}/closures`, token, {
      startsOn: day,
      endsOn: day,
      reason: 'Inventaire',
    });
    expect(closure.status).toBe(201);

    const from = encodeURIComponent(`${day}T00:00:00+01:00`);
    const to = encodeURIComponent(slot(12, 0).start);
    const a = Availability.parse(
      await jsonOf(await fetch(api(`/spaces/${spaceId}/availability?from=${from}&to=${to}`))),
    );
    expect(a.open.some((p) => p.start.startsWith(day))).toBe(false);
    expect(a.open.length).toBeGreaterThan(0);

    const member = await createUser(t.db, 'member', { organisationId: await createOrganisation(t.db) });
    const memberToken = await login(t.url, member.email);
    const onClosedDay = await postJson(api('/bookings'), memberToken, {
      spaceId,
      ...slot(10, 10),
      title: 'Fermé',
      attendees: 1,
    });
    expect(onClosedDay.status).toBe(422);
    const afterHours = await postJson(api('/bookings'), memberToken, {
      spaceId,
      ...slot(11, 14),
      title: 'Trop tard',
      attendees: 1,
    });
    expect((await jsonOf(afterHours)).code).toBe('OUTSIDE_OPENING_HOURS');
    expect(
      (
        await postJson(api('/bookings'), memberToken, {
          spaceId,
          ...slot(11, 10),
          title: 'Ouvert',
          attendees: 1,
        })
      ).status,
    ).toBe(201);

    const { id: closureId } = await jsonOf(closure);
    expect((await send('DELETE', `/sites/${siteId}/closures/${closureId}`, token)).status).toBe(204);
    expect(
      (
        await postJson(api('/bookings'), memberToken, {
          spaceId,
          ...slot(10, 10),
          title: 'Rouvert',
          attendees: 1,
        })
      ).status,
    ).toBe(201);
  });

  it('refuses overlapping windows and a closure that ends before it starts', async () => {
    const { siteId } = await createSite(t.db);
    const admin = await createUser(t.db, 'admin');
    const token = await login(t.url, admin.email);
    const overlapping = await send('PUT', `/sites/${siteId}/opening-hours`, token, [
      { weekday: 1, opens: '09:00', closes: '12:00' },
      { weekday: 1, opens: '11:00', closes: '14:00' },
    ]);
    expect(overlapping.status).toBe(400);
    expect(JSON.stringify(await jsonOf(overlapping))).toMatch(/chevauche/);
    const backwards = await send('POST', `/sites/${siteId}/closures`, token, {
      startsOn: '2030-01-10',
      endsOn: '2030-01-09',
      reason: 'Erreur',
    });
    expect(backwards.status).toBe(400);
  });

  it('lists a site’s holidays and opens it on the ones its manager chooses', async () => {
    const { siteId } = await createSite(t.db, { departementCode: '67', holidays: 'closed' });
    const manager = await createUser(t.db, 'site_manager', { siteId });
    const token = await login(t.url, manager.email);
    const list = await jsonOf(await send('GET', `/sites/${siteId}/holidays?year=2030`, token));
    expect(list.items).toHaveLength(13);
    expect(list.items.find((h: { date: string }) => h.date === '2030-04-19')).toEqual({
      date: '2030-04-19',
      name: 'Vendredi saint',
      open: false,
    });
    const set = await send('PUT', `/sites/${siteId}/holiday-openings?year=2030`, token, {
      dates: ['2030-04-19', '2030-12-26'],
    });
    const opened = (await jsonOf(set)).items
      .filter((h: { open: boolean }) => h.open)
      .map((h: { date: string }) => h.date);
    expect(opened).toEqual(['2030-04-19', '2030-12-26']);
    const notHoliday = await send('PUT', `/sites/${siteId}/holiday-openings?year=2030`, token, {
      dates: ['2030-04-18'],
    });
    expect(notHoliday.status).toBe(400);
    expect((await jsonOf(notHoliday)).errors[0].path).toBe('body.dates.0');
  });

  it('hides a site from a manager of another site', async () => {
    const mine = await createSite(t.db);
    const other = await createSite(t.db);
    const manager = await createUser(t.db, 'site_manager', { siteId: mine.siteId });
    const token = await login(t.url, manager.email);
    expect((await send('GET', `/sites/${other.siteId}`, token)).status).toBe(404);
    const list = await jsonOf(await send('GET', '/sites', token));
    expect(list.items.map((s: { id: string }) => s.id)).toEqual([mine.siteId]);
  });
});

describe(`spaces (${MODE})`, () => {
  it('takes a space from draft to published to archived, visible to the public only while published', async () => {
    const { siteId } = await createSite(t.db);
    const manager = await createUser(t.db, 'site_manager', { siteId });
    const token = await login(t.url, manager.email);
    const created = await send('POST', `/sites/${siteId}/spaces`, token, {
      name: 'Atelier vélo',
      kind: 'workshop',
      areaSqm: 45.5,
      capacity: 12,
      equipment: ['workbench', 'sink'],
      policy: {
        approvalRequired: true,
        slotStepMinutes: 60,
        minDurationMinutes: 60,
        maxDurationMinutes: 240,
        minNoticeMinutes: 1440,
        horizonDays: 60,
        bufferBeforeMinutes: 15,
        bufferAfterMinutes: 30,
      },
      price: { hourlyRateCents: 800 },
    });
    expect(created.status).toBe(201);
    const space = await jsonOf(created);
    expect(space).toMatchObject({
      status: 'draft',
      areaSqm: 45.5,
      equipment: ['workbench', 'sink'],
      price: { hourlyRateCents: 800 },
    });
    expect((await fetch(api(`/spaces/${space.id}`))).status).toBe(404);
    expect((await send('GET', `/spaces/${space.id}`, token)).status).toBe(200);

    const patched = await send('PATCH', `/spaces/${space.id}`, token, {
      capacity: 10,
      description: 'Outils fournis.',
    });
    expect(await jsonOf(patched)).toMatchObject({
      capacity: 10,
      description: 'Outils fournis.',
      kind: 'workshop',
    });

    expect((await jsonOf(await send('POST', `/spaces/${space.id}/publish`, token))).status).toBe('published');
    expect((await fetch(api(`/spaces/${space.id}`))).status).toBe(200);
    expect((await send('POST', `/spaces/${space.id}/publish`, token)).status).toBe(409);
    expect((await jsonOf(await send('POST', `/spaces/${space.id}/archive`, token))).status).toBe('archived');
    expect((await fetch(api(`/spaces/${space.id}`))).status).toBe(404);

    const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
      space.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'created',
      'updated',
      'published',
      'archived',
    ]);
  });

  it('lets a space keep hours of its own, which availability follows, and go back to its site’s', async () => {
    const { siteId, spaceId } = await createSite(t.db);
    const manager = await createUser(t.db, 'site_manager', { siteId });
    const token = await login(t.url, manager.email);
    const own = [{ weekday: 2, opens: '09:00', closes: '11:00' }];
    const set = await jsonOf(await send('PUT', `/spaces/${spaceId}/opening-hours`, token, own));
    expect(set).toMatchObject({ openingHours: own, ownOpeningHours: own });

    const start = slot(1, 0).start.slice(0, 10);
    const q = `from=${encodeURIComponent(`${start}T00:00:00Z`)}&to=${encodeURIComponent(slot(8, 0).start)}`;
    const a = Availability.parse(await jsonOf(await fetch(api(`/spaces/${spaceId}/availability?${q}`))));
    expect(a.open.length).toBe(1);
    expect(new Date(a.open[0].end).getTime() - new Date(a.open[0].start).getTime()).toBe(2 * 3600_000);

    const cleared = await jsonOf(await send('DELETE', `/spaces/${spaceId}/opening-hours`, token));
    expect(cleared.ownOpeningHours).toBeNull();
    expect(cleared.openingHours).toHaveLength(7);
  });

  it('refuses an unknown equipment, a bad step and a minimum above the maximum', async () => {
    const { siteId } = await createSite(t.db);
    const admin = await createUser(t.db, 'admin');
    const token = await login(t.url, admin.email);
    const res = await send('POST', `/sites/${siteId}/spaces`, token, {
      name: 'Salle',
      kind: 'meeting_room',
      areaSqm: 20,
      capacity: 8,
      equipment: ['jacuzzi'],
      policy: {
        approvalRequired: false,
        slotStepMinutes: 25,
        minDurationMinutes: 120,
        maxDurationMinutes: 60,
        minNoticeMinutes: 0,
        horizonDays: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      },
    });
    expect(res.status).toBe(400);
    const paths = (await jsonOf(res)).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.equipment.0', 'body.policy.slotStepMinutes']);

    const backwards = await send('POST', `/sites/${siteId}/spaces`, token, {
      name: 'Salle',
      kind: 'meeting_room',
      areaSqm: 20,
      capacity: 8,
      policy: {
        approvalRequired: false,
        slotStepMinutes: 30,
        minDurationMinutes: 120,
        maxDurationMinutes: 60,
        minNoticeMinutes: 0,
        horizonDays: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      },
    });
    expect((await jsonOf(backwards)).errors).toEqual([
      { path: 'body.policy.maxDurationMinutes', message: 'La durée minimale dépasse la durée maximale' },
    ]);
  });
});
