import { randomUUID } from 'node:crypto';
import {
  createOrganisation,
  createSpace,
  createUser,
  jsonOf,
  login,
  PASSWORD,
  postJson,
  slot,
  validSiret,
} from './fixtures';
import { MODE, mailsTo, startApp, type TestApp } from './harness';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;
const get = (p: string, token?: string | null) =>
  fetch(api(p), { headers: token ? { authorization: `Bearer ${token}` } : {} });
const tokenOf = async (res: Response) => (await jsonOf(res)).accessToken as string;
const linkIn = (text: string) => new URL(/https?:\/\/\S+jeton=\S+/.exec(text)![0]).searchParams.get('jeton')!;
const cookieOf = (res: Response) => /lp_refresh=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

function registration(overrides: Record<string, unknown> = {}, admin: Record<string, unknown> = {}) {
  return {
    organisation: {
      name: 'Ressourcerie du Lez',
      siret: validSiret(),
      legalForm: 'association',
      rna: 'W343000001',
      address: '2 rue du Lez',
      postcode: '34000',
      communeCode: '34172',
      ...overrides,
    },
    admin: {
      displayName: 'Inès Durand',
      email: `ines-${randomUUID()}@example.org`,
      password: 'un-mot-de-passe-neuf',
      ...admin,
    },
  };
}

describe(`registration and verification (${MODE})`, () => {
  it('registers a pending organisation whose region comes from the commune, and signs its admin in', async () => {
    const res = await postJson(api('/organisations/register'), null, registration());
    expect(res.status).toBe(201);
    const body = await jsonOf(res);
    expect(body.organisation).toMatchObject({
      verification: 'pending',
      commune: 'Montpellier',
      departementCode: '34',
      regionCode: '76',
    });
    expect(body.user.roles).toEqual([
      { role: 'org_admin', organisationId: body.organisation.id, siteId: null, regionCode: null },
    ]);
    expect(cookieOf(res)).toBeDefined();
  });

  it.each([
    ['a SIRET with a wrong check digit', { siret: '81234567600018' }, 400, /clé de contrôle/],
    ['a SIRET of 13 digits', { siret: '8123456760001' }, 400, /14 chiffres/],
    ['an association without RNA number', { rna: undefined }, 400, /RNA/],
    ['a malformed RNA number', { rna: 'W12345' }, 400, /RNA/],
    ['an unknown commune', { communeCode: '99999' }, 422, /commune est inconnue/],
    ['a postcode of another commune', { postcode: '31000' }, 422, /n’est pas celui de Montpellier/],
  ])('refuses %s with a message that says what is wrong', async (_name, override, status, message) => {
    const res = await postJson(api('/organisations/register'), null, registration(override));
    expect(res.status).toBe(status);
    expect(JSON.stringify(await jsonOf(res))).toMatch(message);
  });

  it('refuses a SIRET or an e-mail already registered, with 409', async () => {
    const first = registration();
    expect((await postJson(api('/organisations/register'), null, first)).status).toBe(201);
    const sameSiret = await postJson(
      api('/organisations/register'),
      null,
      registration({ siret: first.organisation.siret }),
    );
    expect(sameSiret.status).toBe(409);
    expect((await jsonOf(sameSiret)).code).toBe('SIRET_TAKEN');
    const sameEmail = await postJson(
      api('/organisations/register'),
      null,
      registration({}, { email: first.admin.email }),
    );
    expect((await jsonOf(sameEmail)).code).toBe('EMAIL_TAKEN');
  });

  it('lets a pending organisation browse but not book; verified by its delegate, it books, and its admin is told', async () => {
    const spaceId = await createSpace(t.db);
    const reg = registration();
    const registered = await jsonOf(await postJson(api('/organisations/register'), null, reg));
    const adminToken = registered.accessToken;
    expect((await get('/spaces', adminToken)).status).toBe(200);
    const refused = await postJson(api('/bookings'), adminToken, {
      spaceId,
      ...slot(3),
      title: 'Trop tôt',
      attendees: 2,
    });
    expect((await jsonOf(refused)).code).toBe('ORGANISATION_NOT_VERIFIED');

    const otherDelegate = await createUser(t.db, 'delegate', { regionCode: '11' });
    const outsider = await postJson(
      api(`/organisations/${registered.organisation.id}/verify`),
      await login(t.url, otherDelegate.email),
      undefined,
    );
    expect(outsider.status).toBe(404);

    const delegate = await createUser(t.db, 'delegate', { regionCode: '76' });
    const delegateToken = await login(t.url, delegate.email);
    const queue = await jsonOf(await get('/organisations?verification=pending&limit=200', delegateToken));
    expect(queue.items.map((o: { id: string }) => o.id)).toContain(registered.organisation.id);
    expect(queue.items.every((o: { regionCode: string }) => o.regionCode === '76')).toBe(true);

    const verified = await postJson(
      api(`/organisations/${registered.organisation.id}/verify`),
      delegateToken,
      undefined,
    );
    expect(verified.status).toBe(200);
    expect((await jsonOf(verified)).verification).toBe('verified');
    const again = await postJson(
      api(`/organisations/${registered.organisation.id}/verify`),
      delegateToken,
      undefined,
    );
    expect(again.status).toBe(409);

    const [mail] = await mailsTo(t, reg.admin.email);
    expect(mail.subject).toBe('Ressourcerie du Lez est vérifiée');
    const booked = await postJson(api('/bookings'), adminToken, {
      spaceId,
      ...slot(3),
      title: 'Enfin',
      attendees: 2,
    });
    expect(booked.status).toBe(201);
  });

  it('tells the organisation why it was rejected', async () => {
    const reg = registration();
    const registered = await jsonOf(await postJson(api('/organisations/register'), null, reg));
    const admin = await createUser(t.db, 'admin');
    const res = await postJson(
      api(`/organisations/${registered.organisation.id}/reject`),
      await login(t.url, admin.email),
      {
        reason: 'Le SIRET correspond à une entreprise hors ESS.',
      },
    );
    expect((await jsonOf(res)).verification).toBe('rejected');
    const [mail] = await mailsTo(t, reg.admin.email);
    expect(mail.text).toContain('« Le SIRET correspond à une entreprise hors ESS. »');
  });
});

describe(`sessions (${MODE})`, () => {
  it('renews the access token from the refresh cookie, rotating it, and ends on sign-out', async () => {
    const user = await createUser(t.db, 'admin');
    const res = await postJson(api('/auth/login'), null, { email: user.email, password: PASSWORD });
    const first = cookieOf(res)!;
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/Path=\/api\/v1\/auth/);
    const refresh = (cookie: string) =>
      fetch(api('/auth/refresh'), { method: 'POST', headers: { cookie: `lp_refresh=${cookie}` } });
    const renewed = await refresh(first);
    expect(renewed.status).toBe(200);
    const second = cookieOf(renewed)!;
    expect(second).not.toBe(first);
    expect((await refresh(first)).status).toBe(401);

    const token = await tokenOf(await refresh(second));
    const sessions = await jsonOf(await get('/me/sessions', token));
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0].current).toBe(true);
    const revoke = await fetch(api(`/me/sessions/${sessions.items[0].id}`), {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(revoke.status).toBe(204);
    // The access token of a closed session stops working at once, not when it expires.
    expect((await get('/me', token)).status).toBe(401);
  });

  it('ends the session on sign-out, even for a client that holds only the access token', async () => {
    const user = await createUser(t.db, 'admin');
    const token = await login(t.url, user.email);
    expect((await postJson(api('/auth/logout'), token, undefined)).status).toBe(204);
    expect((await get('/me', token)).status).toBe(401);
  });

  it('limits failed sign-ins per account, with a French message and Retry-After', async () => {
    const user = await createUser(t.db, 'admin');
    for (let i = 0; i < 5; i++) {
      expect(
        (await postJson(api('/auth/login'), null, { email: user.email, password: 'mauvais-mot-de-passe' }))
          .status,
      ).toBe(401);
    }
    const blocked = await postJson(api('/auth/login'), null, { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await jsonOf(blocked)).detail).toMatch(/Trop de tentatives de connexion/);
    // Another account from the same address is not blocked by this one's failures.
    const other = await createUser(t.db, 'admin');
    expect(
      (await postJson(api('/auth/login'), null, { email: other.email, password: PASSWORD })).status,
    ).toBe(200);
  });
});

describe(`links by e-mail (${MODE})`, () => {
  it('resets a password once, signs out every session, and refuses the link a second time', async () => {
    const user = await createUser(t.db, 'admin');
    const oldToken = await login(t.url, user.email);
    expect((await postJson(api('/auth/password-reset'), null, { email: user.email })).status).toBe(202);
    expect((await postJson(api('/auth/password-reset'), null, { email: 'inconnu@example.org' })).status).toBe(
      202,
    );
    const [mail] = await mailsTo(t, user.email);
    const token = linkIn(mail.text);
    const confirm = (password: string) =>
      postJson(api('/auth/password-reset/confirm'), null, { token, password });
    expect((await confirm('tout-nouveau-secret')).status).toBe(204);
    expect((await get('/me', oldToken)).status).toBe(401);
    expect(await login(t.url, user.email, 'tout-nouveau-secret')).toBeTruthy();
    const reused = await confirm('encore-un-autre-secret');
    expect(reused.status).toBe(400);
    expect((await jsonOf(reused)).code).toBe('INVALID_LINK');
  });

  it('refuses an expired link', async () => {
    const user = await createUser(t.db, 'admin');
    await postJson(api('/auth/password-reset'), null, { email: user.email });
    const [mail] = await mailsTo(t, user.email);
    await t.db.query(`UPDATE user_links SET expires_at = now() - interval '1 minute' WHERE email = $1`, [
      user.email,
    ]);
    const res = await postJson(api('/auth/password-reset/confirm'), null, {
      token: linkIn(mail.text),
      password: 'tout-nouveau-secret',
    });
    expect((await jsonOf(res)).code).toBe('LINK_EXPIRED');
  });

  it('invites a member who joins the organisation from the link, once', async () => {
    const org = await createOrganisation(t.db);
    const orgAdmin = await createUser(t.db, 'org_admin', { organisationId: org });
    const email = `recrue-${randomUUID()}@example.org`;
    const invited = await postJson(api(`/organisations/${org}/members`), await login(t.url, orgAdmin.email), {
      email,
    });
    expect(invited.status).toBe(201);
    const [mail] = await mailsTo(t, email);
    expect(mail.subject).toMatch(/^Invitation à rejoindre Association/);
    const accept = () =>
      postJson(api('/invitations/accept'), null, {
        token: linkIn(mail.text),
        displayName: 'Recrue',
        password: 'mon-mot-de-passe',
      });
    const joined = await accept();
    expect(joined.status).toBe(200);
    expect((await jsonOf(joined)).user.roles).toEqual([
      { role: 'member', organisationId: org, siteId: null, regionCode: null },
    ]);
    expect((await accept()).status).toBe(400);
  });

  it('lets an admin create a delegate, who chooses a password from the link', async () => {
    const admin = await createUser(t.db, 'admin');
    const email = `delegue-${randomUUID()}@example.org`;
    const created = await postJson(api('/users'), await login(t.url, admin.email), {
      email,
      displayName: 'Léa Petit',
      role: 'delegate',
      regionCode: '76',
    });
    expect(created.status).toBe(201);
    const [mail] = await mailsTo(t, email);
    await postJson(api('/invitations/accept'), null, {
      token: linkIn(mail.text),
      displayName: 'Léa Petit',
      password: 'mon-mot-de-passe',
    });
    const res = await postJson(api('/auth/login'), null, { email, password: 'mon-mot-de-passe' });
    expect((await jsonOf(res)).user.roles).toEqual([
      { role: 'delegate', organisationId: null, siteId: null, regionCode: '76' },
    ]);
  });
});

describe(`privacy and history (${MODE})`, () => {
  it('gives a person their data, and deletes their account while their bookings stay', async () => {
    const org = await createOrganisation(t.db);
    const member = await createUser(t.db, 'member', { organisationId: org });
    const token = await login(t.url, member.email);
    const spaceId = await createSpace(t.db);
    const booking = await jsonOf(
      await postJson(api('/bookings'), token, { spaceId, ...slot(4), title: 'Mes données', attendees: 1 }),
    );
    const data = await jsonOf(await get('/me/data', token));
    expect(data.user.email).toBe(member.email);
    expect(data.bookings.map((b: { id: string }) => b.id)).toEqual([booking.id]);

    const del = await fetch(api('/me'), { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(204);
    expect(
      (await postJson(api('/auth/login'), null, { email: member.email, password: PASSWORD })).status,
    ).toBe(401);
    const [kept] = await t.db.query(`SELECT booked_by, organisation_id FROM bookings WHERE id = $1`, [
      booking.id,
    ]);
    expect(kept).toEqual({ booked_by: null, organisation_id: org });
  });

  it('records sign-ins and verifications for admins, with addresses pseudonymised', async () => {
    const admin = await createUser(t.db, 'admin');
    const token = await login(t.url, admin.email);
    const pending = await createOrganisation(t.db, 'pending');
    await postJson(api(`/organisations/${pending}/verify`), token, undefined);
    const audit = await jsonOf(await get('/audit?limit=200', token));
    const mine = audit.items.filter((e: { actorId: string }) => e.actorId === admin.id);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['signed_in', 'verified']),
    );
    expect(JSON.stringify(audit)).not.toContain('127.0.0.1');
    const signIn = mine.find((e: { action: string }) => e.action === 'signed_in');
    expect(signIn.changes.address).toMatch(/^[0-9a-f]{16}$/);
  });
});
