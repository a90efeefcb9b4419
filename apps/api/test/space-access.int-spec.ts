import { Booking, Site, Space } from '@lieux/contracts';
import { createOrganisation, createSite, createUser, insertBooking, jsonOf, login, slot } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;
const send = (method: string, p: string, token?: string, body?: unknown) =>
  fetch(api(p), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const ACCESS = {
  floor: '2e étage',
  entrance: 'Porte latérale, 4 rue Durand',
  method: 'code',
  instructions: 'Code 4721B, puis la deuxième porte à gauche.',
};
const CONTACT = { name: 'Nadia Benali', phone: '04 67 12 34 56', email: 'nadia.benali@example.org' };

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

/** A site whose manager has written how to get into its space and whom to call. */
async function siteWithAccess() {
  const { siteId, spaceId } = await createSite(t.db);
  const manager = await createUser(t.db, 'site_manager', { siteId });
  const token = await login(t.url, manager.email);
  expect((await send('PATCH', `/spaces/${spaceId}`, token, { access: ACCESS })).status).toBe(200);
  expect((await send('PATCH', `/sites/${siteId}`, token, { contact: CONTACT })).status).toBe(200);
  return { siteId, spaceId, token };
}

describe(`a space's access details (${MODE})`, () => {
  it('are kept for the managers: the space and site answers of their routes carry them', async () => {
    const { siteId, spaceId, token } = await siteWithAccess();
    const list = await jsonOf(await send('GET', `/sites/${siteId}/spaces`, token));
    expect(Space.parse(list.items[0]).access).toEqual(ACCESS);
    expect(Site.parse(await jsonOf(await send('GET', `/sites/${siteId}`, token))).contact).toEqual(CONTACT);

    // A patch of something else keeps them; one of the access replaces them, trimmed.
    const renamed = Space.parse(
      await jsonOf(await send('PATCH', `/spaces/${spaceId}`, token, { name: 'Salle Lez' })),
    );
    expect(renamed.access).toEqual(ACCESS);
    const open = { floor: ' RDC ', entrance: '', method: 'open', instructions: '' };
    const changed = Space.parse(
      await jsonOf(await send('PATCH', `/spaces/${spaceId}`, token, { access: open })),
    );
    expect(changed.access).toEqual({ ...open, floor: 'RDC' });
  });

  it('refuse an unknown way in, a wrong e-mail or phone, in French, and another site’s manager', async () => {
    const { siteId, spaceId, token } = await siteWithAccess();
    const badMethod = await send('PATCH', `/spaces/${spaceId}`, token, {
      access: { ...ACCESS, method: 'trappe' },
    });
    expect(badMethod.status).toBe(400);
    expect((await jsonOf(badMethod)).errors).toContainEqual({
      path: 'body.access.method',
      message: 'Choisissez comment on entre : clés, badge, code, accueil ou accès libre',
    });
    const badContact = await send('PATCH', `/sites/${siteId}`, token, {
      contact: { name: 'Nadia', phone: 'appelez-moi', email: 'nadia@' },
    });
    expect(badContact.status).toBe(400);
    expect((await jsonOf(badContact)).errors).toEqual(
      expect.arrayContaining([
        { path: 'body.contact.email', message: 'Adresse e-mail attendue' },
        { path: 'body.contact.phone', message: 'Numéro de téléphone attendu, par exemple 01 23 45 67 89' },
      ]),
    );
    // The method may be left unsaid; the table refuses what the schema would have let through.
    const unsaid = await send('PATCH', `/spaces/${spaceId}`, token, { access: { ...ACCESS, method: null } });
    expect(Space.parse(await jsonOf(unsaid)).access?.method).toBeNull();
    await expect(
      t.db.query(`UPDATE spaces SET access_method = 'trappe' WHERE id = $1`, [spaceId]),
    ).rejects.toThrow(/check/i);

    const other = await createSite(t.db);
    const stranger = await createUser(t.db, 'site_manager', { siteId: other.siteId });
    const res = await send('PATCH', `/spaces/${spaceId}`, await login(t.url, stranger.email), {
      access: ACCESS,
    });
    expect(res.status).toBe(404);
  });

  it('never show in the public answers: the space, a search, its availability', async () => {
    const { spaceId } = await siteWithAccess();
    const member = await createUser(t.db, 'member', { organisationId: await createOrganisation(t.db) });
    const memberToken = await login(t.url, member.email);
    const from = encodeURIComponent(slot(1, 0).start);
    const to = encodeURIComponent(slot(3, 0).start);
    for (const [path, token] of [
      [`/spaces/${spaceId}`, undefined],
      [`/spaces/${spaceId}`, memberToken],
      ['/spaces?region=76&limit=50', undefined],
      [`/spaces/${spaceId}/availability?from=${from}&to=${to}`, undefined],
      [`/availability?spaceIds=${spaceId}&from=${from}&to=${to}`, undefined],
    ] as const) {
      const res = await send('GET', path, token);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).not.toContain('4721B');
      expect(body).not.toContain('Nadia');
      expect(body).not.toContain('"access"');
    }
  });

  it('are told to a booking’s organisation once confirmed, to the site’s managers, and to no one else', async () => {
    const { spaceId, token: managerToken } = await siteWithAccess();
    const organisationId = await createOrganisation(t.db);
    const member = await createUser(t.db, 'member', { organisationId });
    const memberToken = await login(t.url, member.email);
    const booking = async (n: number, status: 'pending' | 'confirmed' | 'cancelled') =>
      insertBooking(t.db, { spaceId, organisationId, bookedBy: member.id, status, ...slot(n, 10) });
    const [confirmed, pending, cancelled] = [
      await booking(2, 'confirmed'),
      await booking(3, 'pending'),
      await booking(4, 'cancelled'),
    ];
    const read = async (id: string, token: string) => {
      const res = await send('GET', `/bookings/${id}`, token);
      expect(res.status).toBe(200);
      return Booking.parse(await jsonOf(res));
    };

    expect((await read(confirmed, memberToken)).access).toEqual({
      ...ACCESS,
      siteNotes: '',
      contact: CONTACT,
    });
    expect((await read(pending, memberToken)).access).toBeUndefined();
    expect((await read(cancelled, memberToken)).access).toBeUndefined();
    // Lists never carry it.
    const mine = await jsonOf(await send('GET', '/bookings?mine=true', memberToken));
    expect(JSON.stringify(mine)).not.toContain('4721B');

    expect((await read(pending, managerToken)).access?.contact).toEqual(CONTACT);
    const delegate = await createUser(t.db, 'delegate', { regionCode: '76' });
    expect((await read(confirmed, await login(t.url, delegate.email))).access).toBeUndefined();
    const outsider = await createUser(t.db, 'member', { organisationId: await createOrganisation(t.db) });
    expect((await send('GET', `/bookings/${confirmed}`, await login(t.url, outsider.email))).status).toBe(
      404,
    );
  });
});
