import { randomUUID } from 'node:crypto';
import * as argon2 from 'argon2';
import {
  createMember,
  createOrganisation,
  createSite,
  createSpace,
  createUser,
  jsonOf,
  login,
  PASSWORD,
  postJson,
  slot,
  validSiret,
} from './fixtures';
import { linkIn, MODE, mailsTo, startApp, statusOnceHeard, type TestApp } from './harness';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;
const get = (p: string, token?: string | null) =>
  fetch(api(p), { headers: token ? { authorization: `Bearer ${token}` } : {} });
const tokenOf = async (res: Response) => (await jsonOf(res)).accessToken as string;
const cookieOf = (res: Response) => /lp_refresh=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
/** The keys of an answer, nested: what a caller can tell two answers apart by, values aside. */
const shape = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(shape)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
      : v === null
        ? null
        : typeof v;

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

  it('refuses a SIRET already registered, with 409', async () => {
    const first = registration();
    expect((await postJson(api('/organisations/register'), null, first)).status).toBe(201);
    const sameSiret = await postJson(
      api('/organisations/register'),
      null,
      registration({ siret: first.organisation.siret }),
    );
    expect(sameSiret.status).toBe(409);
    expect((await jsonOf(sameSiret)).code).toBe('SIRET_TAKEN');
  });

  it('answers a registration with a known e-mail as a new one, writes nothing, and tells the owner', async () => {
    const owner = await createUser(t.db, 'member', { organisationId: await createOrganisation(t.db) });
    const fresh = await postJson(api('/organisations/register'), null, registration());
    const again = registration({ name: 'Faux Nez' }, { email: owner.email.toUpperCase() });
    const res = await postJson(api('/organisations/register'), null, again);
    expect(res.status).toBe(fresh.status);
    const [real, decoy] = [await jsonOf(fresh), await jsonOf(res)];
    expect(shape(decoy)).toEqual(shape(real));
    expect(cookieOf(res)).toBeDefined();
    // Nothing was written: no organisation, no second account, and the answer's token opens nothing.
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM organisations WHERE siret = $1`, [
      again.organisation.siret,
    ]);
    expect(n).toBe(0);
    const [{ accounts }] = await t.db.query(`SELECT count(*)::int AS accounts FROM users WHERE email = $1`, [
      owner.email,
    ]);
    expect(accounts).toBe(1);
    expect((await get('/me', decoy.accessToken)).status).toBe(401);
    const [mail] = await mailsTo(t, owner.email);
    expect(mail.subject).toBe('Quelqu’un a tenté de créer un compte avec votre adresse');
    expect(mail.text).toContain('« Faux Nez »');
    expect(mail.text).toContain('/mot-de-passe-oublie');
  });

  it.each([
    ['repeated characters', 'aaaaaaaaaa', /caractères répétés/],
    ['digits in a row', '1234567890', /mot de passe est fréquemment utilisé/],
    ['a keyboard row', 'azertyuiop', /lignes droites/],
    ['a common password', 'motdepasse123', /trop facile à deviner/],
    ['the e-mail address', 'EMAIL', /données personnelles/],
    ['the name and a year', 'InesDurand2024', /données personnelles/],
  ])('refuses %s as a password, saying why and how to choose', async (_name, password, why) => {
    const reg = registration();
    reg.admin.password = password === 'EMAIL' ? (reg.admin.email as string) : password;
    const res = await postJson(api('/organisations/register'), null, reg);
    expect(res.status).toBe(400);
    const body = await jsonOf(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([{ path: 'body.admin.password', message: expect.stringMatching(why) }]);
    expect(body.errors[0].message).toMatch(/Choisissez-en un plus long/);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [
      reg.admin.email,
    ]);
    expect(n).toBe(0);
  });

  it('explains a weak password in English to a caller who prefers it', async () => {
    const res = await fetch(api('/organisations/register'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' },
      body: JSON.stringify(registration({}, { password: 'aaaaaaaaaa' })),
    });
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).errors[0].message).toMatch(
      /^This password is too easy to guess: Repeated characters/,
    );
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

describe(`withdrawn verification (${MODE})`, () => {
  it('lets the delegate withdraw a verification with a reason: the admins are told, members can no longer book', async () => {
    const spaceId = await createSpace(t.db);
    const reg = registration();
    const registered = await jsonOf(await postJson(api('/organisations/register'), null, reg));
    const orgId = registered.organisation.id;
    const delegate = await createUser(t.db, 'delegate', { regionCode: '76' });
    const delegateToken = await login(t.url, delegate.email);
    expect((await postJson(api(`/organisations/${orgId}/verify`), delegateToken, undefined)).status).toBe(
      200,
    );
    const book = (n: number) =>
      postJson(api('/bookings'), registered.accessToken, {
        spaceId,
        ...slot(n),
        title: 'Atelier',
        attendees: 2,
      });
    expect((await book(6)).status).toBe(201);

    const withdraw = (token: string, reason: string) =>
      postJson(api(`/organisations/${orgId}/withdraw-verification`), token, { reason });
    const otherDelegate = await createUser(t.db, 'delegate', { regionCode: '11' });
    expect((await withdraw(await login(t.url, otherDelegate.email), 'Pas ma région')).status).toBe(404);
    expect((await withdraw(delegateToken, '')).status).toBe(400);
    const res = await withdraw(delegateToken, 'Activité commerciale sans lien avec l’ESS.');
    expect(res.status).toBe(200);
    expect(await jsonOf(res)).toMatchObject({
      verification: 'rejected',
      verificationReason: 'Activité commerciale sans lien avec l’ESS.',
    });
    expect((await withdraw(delegateToken, 'Une seconde fois')).status).toBe(409);

    const refused = await book(7);
    expect(refused.status).toBe(422);
    expect((await jsonOf(refused)).code).toBe('ORGANISATION_NOT_VERIFIED');
    // The verification, the booking's confirmation, then the withdrawal.
    const mails = await mailsTo(t, reg.admin.email, 3);
    const told = mails.find((m) => m.subject === 'Ressourcerie du Lez n’est plus vérifiée');
    expect(told?.text).toContain('« Activité commerciale sans lien avec l’ESS. »');
    const [audit] = await t.db.query(
      `SELECT actor_id, changes FROM audit_log WHERE entity_id = $1 AND action = 'verification_withdrawn'`,
      [orgId],
    );
    expect(audit).toEqual({
      actor_id: delegate.id,
      changes: {
        verification: ['verified', 'rejected'],
        reason: 'Activité commerciale sans lien avec l’ESS.',
      },
    });
    // Verified again later, it books again.
    expect((await postJson(api(`/organisations/${orgId}/verify`), delegateToken, undefined)).status).toBe(
      200,
    );
    expect((await book(8)).status).toBe(201);
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

  it('sets a readable session hint beside the refresh cookie and clears both when the session ends', async () => {
    const user = await createUser(t.db, 'admin');
    const hintOf = (res: Response) =>
      res.headers
        .getSetCookie()
        .find((c) => c.startsWith('lp_session='))
        ?.split(';')
        .map((part) => part.trim());
    const res = await postJson(api('/auth/login'), null, { email: user.email, password: PASSWORD });
    const hint = hintOf(res)!;
    expect(hint[0]).toBe('lp_session=1');
    expect(hint).toContain('Path=/');
    expect(hint.map((p) => p.toLowerCase())).not.toContain('httponly');
    const token = await tokenOf(res);

    // A refresh without a live session answers 401 and takes the hint away, so the browser stops asking.
    const stale = await fetch(api('/auth/refresh'), {
      method: 'POST',
      headers: { cookie: 'lp_refresh=stale; lp_session=1' },
    });
    expect(stale.status).toBe(401);
    expect(hintOf(stale)?.[0]).toBe('lp_session=');

    const out = await postJson(api('/auth/logout'), token, undefined);
    expect(out.status).toBe(204);
    expect(hintOf(out)?.[0]).toBe('lp_session=');
  });

  it('closes the whole session when a rotated refresh token comes back, and tells its owner once', async () => {
    const user = await createUser(t.db, 'admin');
    const refresh = (cookie: string) =>
      fetch(api('/auth/refresh'), { method: 'POST', headers: { cookie: `lp_refresh=${cookie}` } });
    const stolen = cookieOf(
      await postJson(api('/auth/login'), null, { email: user.email, password: PASSWORD }),
    )!;
    const renewed = await refresh(stolen);
    expect(renewed.status).toBe(200);
    const current = cookieOf(renewed)!;
    const access = await tokenOf(renewed);

    expect((await refresh(stolen)).status).toBe(401);
    // Whoever refreshed first, neither holder keeps the session.
    expect((await refresh(current)).status).toBe(401);
    expect((await get('/me', access)).status).toBe(401);
    expect((await refresh(stolen)).status).toBe(401);

    const [mail] = await mailsTo(t, user.email);
    expect(mail.subject).toBe('Nous avons fermé une de vos sessions par précaution');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox WHERE type = 'session.reuse_detected' AND payload->>'userId' = $1`,
      [user.id],
    );
    expect(n).toBe(1);
    // Another session of the same person is not touched.
    expect((await get('/me', await login(t.url, user.email))).status).toBe(200);
  });

  it('reads the roles with the session: a withdrawn role or a removed member is refused once the change is heard of', async () => {
    const { siteId } = await createSite(t.db);
    const manager = await createUser(t.db, 'site_manager', { siteId });
    const managerToken = await login(t.url, manager.email);
    expect((await get(`/sites/${siteId}`, managerToken)).status).toBe(200);
    // What an admin withdrawing the role writes; the access token still lists it.
    await t.db.query(`DELETE FROM role_grants WHERE user_id = $1`, [manager.id]);
    expect(await statusOnceHeard(() => get(`/sites/${siteId}`, managerToken), 403)).toBe(403);

    const org = await createOrganisation(t.db);
    const member = await createUser(t.db, 'member', { organisationId: org });
    const memberToken = await login(t.url, member.email);
    expect((await get(`/organisations/${org}`, memberToken)).status).toBe(200);
    await t.db.query(`DELETE FROM role_grants WHERE user_id = $1`, [member.id]);
    await t.db.query(`UPDATE users SET organisation_id = NULL WHERE id = $1`, [member.id]);
    expect(await statusOnceHeard(() => get(`/organisations/${org}`, memberToken), 403)).toBe(403);
    const spaceId = await createSpace(t.db);
    const booking = await postJson(api('/bookings'), memberToken, {
      spaceId,
      ...slot(5),
      title: 'Plus membre',
      attendees: 1,
    });
    expect(booking.status).toBe(403);
  });

  (MODE === 'services' ? it : it.skip)(
    'keeps a checked session a few seconds, and drops it at the commit of a change made by any process',
    async () => {
      const user = await createUser(t.db, 'admin');
      const token = await login(t.url, user.email);
      // The first requests may pass before the process listens for changes: nothing is kept until then.
      for (let i = 0; i < 50 && (await get('/me', token)).status === 200; i++) {
        // A change nobody hears of (triggers off): the session checked a moment ago is still trusted.
        await t.db.query(
          `BEGIN; SET LOCAL session_replication_role = replica;
           UPDATE users SET deactivated_at = now() WHERE id = '${user.id}'; COMMIT`,
        );
        if ((await get('/me', token)).status === 200) break;
        await t.db.query(`UPDATE users SET deactivated_at = NULL WHERE id = $1`, [user.id]);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await get('/me', token)).status).toBe(200);
      // The same change as any process makes it: refused once its notice is heard.
      await t.db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [user.id]);
      expect(await statusOnceHeard(() => get('/me', token), 401)).toBe(401);
    },
  );

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
  it('lifts the sign-in lock when the password is reset, as the 429 says', async () => {
    const user = await createUser(t.db, 'admin');
    for (let i = 0; i < 5; i++) {
      await postJson(api('/auth/login'), null, { email: user.email, password: 'mauvais-mot-de-passe' });
    }
    const locked = await postJson(api('/auth/login'), null, { email: user.email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect((await jsonOf(locked)).detail).toMatch(/choisissez un nouveau mot de passe/);
    await postJson(api('/auth/password-reset'), null, { email: user.email });
    const [mail] = await mailsTo(t, user.email);
    const reset = await postJson(api('/auth/password-reset/confirm'), null, {
      token: linkIn(mail.text),
      password: 'tout-nouveau-secret',
    });
    expect(reset.status).toBe(204);
    expect(await login(t.url, user.email, 'tout-nouveau-secret')).toBeTruthy();
  });

  it('refuses a junk link before any password hashing', async () => {
    // Spied in this process, where the API runs: a junk token must not cost an argon2 hash.
    const hash = jest.spyOn(argon2, 'hash');
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? postJson(api('/auth/password-reset/confirm'), null, {
                token: `junk-${i}`.padEnd(43, 'x'),
                password: 'un-mot-de-passe-neuf',
              })
            : postJson(api('/invitations/accept'), null, {
                token: `junk-${i}`.padEnd(43, 'x'),
                displayName: 'Personne',
                password: 'un-mot-de-passe-neuf',
              }),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 400));
      expect(new Set(await Promise.all(answers.map(async (r) => (await jsonOf(r)).code)))).toEqual(
        new Set(['INVALID_LINK']),
      );
      expect(hash).not.toHaveBeenCalled();
    } finally {
      hash.mockRestore();
    }
  });

  it('refuses a weak new password from a reset link, and keeps the link for a better one', async () => {
    const user = await createUser(t.db, 'admin');
    await postJson(api('/auth/password-reset'), null, { email: user.email });
    const [mail] = await mailsTo(t, user.email);
    const confirm = (password: string) =>
      postJson(api('/auth/password-reset/confirm'), null, { token: linkIn(mail.text), password });
    const weak = await confirm('1234567890');
    expect(weak.status).toBe(400);
    expect((await jsonOf(weak)).errors).toEqual([
      { path: 'body.password', message: expect.stringMatching(/^Mot de passe trop facile à deviner/) },
    ]);
    const mine = await confirm(user.email);
    expect((await jsonOf(mine)).errors[0].message).toMatch(/données personnelles/);
    expect((await confirm('tout-nouveau-secret')).status).toBe(204);
  });

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

  it('invites an address that has an account as any other, and tells its owner instead of sending a link', async () => {
    const org = await createOrganisation(t.db);
    const orgAdmin = await createUser(t.db, 'org_admin', { organisationId: org });
    const adminToken = await login(t.url, orgAdmin.email);
    const known = await createMember(t.db, await createOrganisation(t.db));
    const fresh = await postJson(api(`/organisations/${org}/members`), adminToken, {
      email: `recrue-${randomUUID()}@example.org`,
    });
    const taken = await postJson(api(`/organisations/${org}/members`), adminToken, { email: known.email });
    expect(taken.status).toBe(fresh.status);
    const shape = (v: Record<string, unknown>) => Object.keys(v).sort();
    expect(shape(await jsonOf(taken))).toEqual(shape(await jsonOf(fresh)));
    const [mail] = await mailsTo(t, known.email);
    expect(mail.subject).toMatch(/^Invitation à rejoindre Association/);
    expect(mail.text).toContain('Un compte ne peut appartenir qu’à une organisation');
    expect(mail.text).not.toMatch(/jeton=/);
    const [{ organisation_id }] = await t.db.query(`SELECT organisation_id FROM users WHERE email = $1`, [
      known.email,
    ]);
    expect(organisation_id).not.toBe(org);
  });

  it('answers an invitation taken up by an address that has an account since as a new member, and tells the owner', async () => {
    const org = await createOrganisation(t.db);
    const orgAdmin = await createUser(t.db, 'org_admin', { organisationId: org });
    const adminToken = await login(t.url, orgAdmin.email);
    const email = `recrue-${randomUUID()}@example.org`;
    const other = `recrue-${randomUUID()}@example.org`;
    await postJson(api(`/organisations/${org}/members`), adminToken, { email });
    await postJson(api(`/organisations/${org}/members`), adminToken, { email: other });
    const [invitation] = await mailsTo(t, email);
    const [otherInvitation] = await mailsTo(t, other);
    // The address signs up on its own before taking up the invitation.
    expect((await postJson(api('/organisations/register'), null, registration({}, { email }))).status).toBe(
      201,
    );
    const accept = (token: string) =>
      postJson(api('/invitations/accept'), null, {
        token,
        displayName: 'Recrue',
        password: 'mon-mot-de-passe',
      });
    const real = await accept(linkIn(otherInvitation.text));
    const known = await accept(linkIn(invitation.text));
    expect(known.status).toBe(real.status);
    expect(shape(await jsonOf(known))).toEqual(shape(await jsonOf(real)));
    const [{ roles }] = await t.db.query(
      `SELECT count(*)::int AS roles FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = $1`,
      [email],
    );
    expect(roles).toBe(1); // the admin of the organisation it registered, nothing more
    const mails = await mailsTo(t, email, 2);
    expect(mails.map((m) => m.subject)).toContain('Quelqu’un a tenté de créer un compte avec votre adresse');
  });

  it('refuses a weak password when an invitation is taken up', async () => {
    const org = await createOrganisation(t.db);
    const orgAdmin = await createUser(t.db, 'org_admin', { organisationId: org });
    const email = `recrue-${randomUUID()}@example.org`;
    await postJson(api(`/organisations/${org}/members`), await login(t.url, orgAdmin.email), { email });
    const [mail] = await mailsTo(t, email);
    const res = await postJson(api('/invitations/accept'), null, {
      token: linkIn(mail.text),
      displayName: 'Recrue',
      password: 'aaaaaaaaaa',
    });
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).errors[0].path).toBe('body.password');
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
