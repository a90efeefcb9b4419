import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createMember, createOrganisation, createSite, createUser, jsonOf } from './fixtures';
import { startApp, type TestApp } from './harness';

/**
 * Staff sign-in through a real OpenID Connect provider (panva's oidc-provider, started here as a child
 * process): the whole authorisation code flow over HTTP, the provider's login and consent forms submitted
 * as a browser would, the API's callback exchanging the code and checking the ID token.
 */

const PROVIDER_PORT = 3230;
const APP_PORT = 3231;
const ISSUER = `http://127.0.0.1:${PROVIDER_PORT}`;
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const CALLBACK = `${APP_URL}/api/v1/auth/oidc/callback`;

let t: TestApp;
let provider: ChildProcess;
let siteId: string;
let manager: { id: string; email: string };
let deactivated: { id: string; email: string };
let member: { id: string; email: string };
const NEW_DELEGATE = `nouvelle.deleguee.${Date.now()}@laposte.test`;
const NO_ROLE = `sans.role.${Date.now()}@laposte.test`;

beforeAll(async () => {
  t = await startApp({
    port: APP_PORT,
    env: {
      PUBLIC_URL: APP_URL,
      OIDC_ISSUER: ISSUER,
      OIDC_CLIENT_ID: 'lieux-partages',
      OIDC_CLIENT_SECRET: 'test-client-secret',
    },
  });
  ({ siteId } = await createSite(t.db));
  manager = await createUser(t.db, 'site_manager', { siteId });
  deactivated = await createUser(t.db, 'site_manager', { siteId });
  await t.db.query(`UPDATE users SET deactivated_at = now() WHERE id = $1`, [deactivated.id]);
  member = await createMember(t.db, await createOrganisation(t.db));
  const accounts = {
    manager: { email: manager.email.toUpperCase(), email_verified: true, name: 'Gestionnaire' },
    newDelegate: {
      email: NEW_DELEGATE,
      email_verified: true,
      name: 'Nouvelle Déléguée',
      lp_roles: ['delegate:76', `site_manager:${siteId}`, 'site_manager:not-a-site', 'superuser'],
    },
    unverified: { email: manager.email, email_verified: false, name: 'Pas vérifié' },
    member: { email: member.email, email_verified: true, name: 'Membre', lp_roles: ['admin'] },
    noRole: { email: NO_ROLE, email_verified: true, name: 'Sans rôle', lp_roles: ['delegate:00'] },
    deactivated: { email: deactivated.email, email_verified: true, name: 'Partie' },
  };
  provider = spawn(process.execPath, [path.join(__dirname, '../../../test/oidc/test-provider.mjs')], {
    env: {
      ...process.env,
      OIDC_TEST_PORT: String(PROVIDER_PORT),
      OIDC_TEST_REDIRECT_URIS: CALLBACK,
      OIDC_TEST_ACCOUNTS: JSON.stringify(accounts),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    provider.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    provider.once('exit', (code) => reject(new Error(`the test provider exited (${code})`)));
  });
});

afterAll(async () => {
  provider?.kill('SIGTERM');
  await t?.close();
});

/** Cookies per origin, as a browser keeps them (paths and expiry aside: each flow starts afresh). */
class Jar {
  private readonly byOrigin = new Map<string, Map<string, string>>();
  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  keep(url: string, res: Response) {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
  }
  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }
}

async function request(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = jar.header(url);
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
  });
  jar.keep(url, res);
  return res;
}

/**
 * Goes from the API's start route through the provider's login (as `login`) and consent forms, up to the
 * redirect back to the callback; `tamper` may change that callback URL before the browser follows it.
 * Answers the callback's answer.
 */
async function signIn(login: string, tamper: (callback: URL) => URL = (u) => u) {
  const jar = new Jar();
  let res = await request(jar, `${APP_URL}/api/v1/auth/oidc/start`);
  expect(res.status).toBe(302);
  expect(jar.get(APP_URL, 'lp_oidc_flow')).toBeTruthy();
  let url = res.headers.get('location')!;
  const authorize = new URL(url);
  expect(authorize.origin).toBe(ISSUER);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  for (const p of ['code_challenge', 'state', 'nonce']) expect(authorize.searchParams.get(p)).toBeTruthy();
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(CALLBACK)) {
      const callback = tamper(new URL(url));
      res = await request(jar, callback.href);
      return { res, jar, location: res.headers.get('location') };
    }
    res = await request(jar, url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      continue;
    }
    // One of the provider's forms: login first, then consent.
    const html = await res.text();
    expect(res.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)![1];
    const form = new URLSearchParams({ prompt });
    if (prompt === 'login') {
      form.set('login', login);
      form.set('password', 'anything');
    }
    res = await request(jar, new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(303);
    url = new URL(res.headers.get('location')!, url).href;
  }
  throw new Error('the flow never came back to the callback');
}

/** The session the refresh cookie opens, as the web app would renew it. */
async function sessionOf(jar: Jar) {
  const cookie = jar.get(APP_URL, 'lp_refresh');
  if (!cookie) return null;
  const res = await fetch(`${APP_URL}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { cookie: `lp_refresh=${cookie}` },
  });
  return res.status === 200 ? await jsonOf(res) : null;
}

/** Where the audit log stands, so that a test reads only the entries written after it. */
const auditMark = async (): Promise<string> =>
  (await t.db.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_log`))[0].id;
const auditOf = (action: string, since: string) =>
  t.db.query(`SELECT entity_id, changes FROM audit_log WHERE action = $1 AND id > $2 ORDER BY id`, [
    action,
    since,
  ]);

describe('staff sign-in with OpenID Connect', () => {
  it('tells the web app it is on', async () => {
    const res = await fetch(`${APP_URL}/api/v1/instance`);
    expect((await jsonOf(res)).oidc).toBe(true);
  });

  it('signs an existing site manager in, matched by their verified address', async () => {
    const since = await auditMark();
    const { res, jar, location } = await signIn('manager');
    expect(res.status).toBe(302);
    expect(location).toBe(`${APP_URL}/connexion`);
    // The flow cookie is used once; the session cookies are those of the password login.
    expect(jar.get(APP_URL, 'lp_oidc_flow')).toBeUndefined();
    expect(jar.get(APP_URL, 'lp_session')).toBe('1');
    const session = await sessionOf(jar);
    expect(session.user.id).toBe(manager.id);
    expect(session.user.roles).toEqual([
      expect.objectContaining({ role: 'site_manager', siteId, organisationId: null }),
    ]);
    const me = await fetch(`${APP_URL}/api/v1/me`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect((await jsonOf(me)).email).toBe(manager.email);
    const audit = await auditOf('signed_in', since);
    expect(audit).toEqual([
      expect.objectContaining({ entity_id: manager.id, changes: expect.objectContaining({ via: 'oidc' }) }),
    ]);
  });

  it('creates a delegate on first sign-in from the role claim, keeping only the grants that exist', async () => {
    const { location, jar } = await signIn('newDelegate');
    expect(location).toBe(`${APP_URL}/connexion`);
    const session = await sessionOf(jar);
    expect(session.user.email).toBe(NEW_DELEGATE);
    expect(session.user.displayName).toBe('Nouvelle Déléguée');
    expect(session.user.organisation).toBeNull();
    expect(
      session.user.roles.map((r: { role: string; siteId: string; regionCode: string }) => [
        r.role,
        r.siteId ?? r.regionCode,
      ]),
    ).toEqual([
      ['delegate', '76'],
      ['site_manager', siteId],
    ]);
    const [created] = await auditOf('created_by_oidc', '0');
    expect(created.entity_id).toBe(session.user.id);
    expect(created.changes.roles).toEqual(['delegate:76', `site_manager:${siteId}`]);
    // The second time, the account is matched: no second account, same person.
    const again = await signIn('newDelegate');
    expect((await sessionOf(again.jar)).user.id).toBe(session.user.id);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [NEW_DELEGATE]);
    expect(n).toBe(1);
  });

  it.each([
    ['unverified', 'OIDC_EMAIL_UNVERIFIED'],
    ['member', 'OIDC_ORGANISATION_MEMBER'],
    ['noRole', 'OIDC_NO_ROLE'],
    ['deactivated', 'OIDC_DEACTIVATED'],
  ])('refuses %s (%s), back on the login page, with no session', async (login, code) => {
    const since = await auditMark();
    const { res, jar, location } = await signIn(login);
    expect(res.status).toBe(302);
    expect(location).toBe(`${APP_URL}/connexion?oidc=${code}`);
    expect(jar.get(APP_URL, 'lp_refresh')).toBeUndefined();
    expect(jar.get(APP_URL, 'lp_session')).toBeUndefined();
    const refused = await auditOf('sign_in_failed', since);
    expect(refused.map((r: { changes: { reason: string } }) => r.changes.reason)).toEqual([code]);
  });

  it('creates no account for an address it refused', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [NO_ROLE]);
    expect(n).toBe(0);
    // The member keeps their organisation and no staff grant came from the claim.
    const grants = await t.db.query(`SELECT role FROM role_grants WHERE user_id = $1`, [member.id]);
    expect(grants).toEqual([{ role: 'member' }]);
  });

  it('refuses a callback whose state is not the one it sent', async () => {
    const { res, jar, location } = await signIn('manager', (u) => {
      u.searchParams.set('state', 'somebody-elses-state');
      return u;
    });
    expect(res.status).toBe(302);
    expect(location).toBe(`${APP_URL}/connexion?oidc=OIDC_FAILED`);
    expect(jar.get(APP_URL, 'lp_refresh')).toBeUndefined();
  });

  it('refuses a callback without the flow cookie (another browser, or too late)', async () => {
    const res = await fetch(`${CALLBACK}?code=abc&state=def`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${APP_URL}/connexion?oidc=OIDC_FAILED`);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('lp_refresh='))).toBe(false);
  });
});

describe('OpenID Connect not configured', () => {
  it('answers 404 on both routes and says it is off', async () => {
    const off = await startApp({ fresh: false });
    try {
      for (const p of ['/auth/oidc/start', '/auth/oidc/callback?code=a&state=b']) {
        const res = await fetch(`${off.url}/api/v1${p}`, { redirect: 'manual' });
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await jsonOf(await fetch(`${off.url}/api/v1/instance`))).oidc).toBe(false);
    } finally {
      await off.close();
    }
  });
});
