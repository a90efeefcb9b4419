import { DEFAULT_POLICY } from '@lieux/contracts';
import {
  createOrganisation,
  createSite,
  createUser,
  insertBooking,
  jsonOf,
  login,
  PASSWORD,
  postJson,
} from './fixtures';
import { linkIn, mailsTo, MODE, startApp, type TestApp } from './harness';

let t: TestApp;
let admin: { id: string; email: string };
let adminToken: string;
let site: { siteId: string; spaceId: string };

const api = (path: string, token: string | null, init: RequestInit = {}) =>
  fetch(`${t.url}/api/v1${path}`, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.headers as Record<string, string>),
    },
  });
const patch = (path: string, token: string, body: unknown) =>
  api(path, token, { method: 'PATCH', body: JSON.stringify(body) });
const post = (path: string, token: string | null, body?: unknown) =>
  postJson(`${t.url}/api/v1${path}`, token, body);

/** Entries written straight to the log at given instants, for the filters and the paging. */
async function logAt(at: string, actorId: string | null, entity: string, action: string, entityId: string) {
  await t.db.query(
    `INSERT INTO audit_log (at, actor_id, entity, entity_id, action, changes) VALUES ($1, $2, $3, $4, $5, '{}')`,
    [at, actorId, entity, entityId, action],
  );
}

/** A small RFC 4180 reader (`;`, quotes doubled), enough to read back what the API wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ';') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

beforeAll(async () => {
  t = await startApp();
  site = await createSite(t.db, { regionCode: '76' });
  admin = await createUser(t.db, 'admin');
  await t.db.query(`UPDATE users SET display_name = 'Alice Martin' WHERE id = $1`, [admin.id]);
  adminToken = await login(t.url, admin.email);
});

afterAll(() => t?.close());

describe(`audit log (${MODE})`, () => {
  it('names the person and the object, and says what a policy change changed', async () => {
    await t.db.query(`UPDATE spaces SET name = 'Salle Garonne' WHERE id = $1`, [site.spaceId]);
    const res = await patch(`/spaces/${site.spaceId}`, adminToken, {
      policy: { ...DEFAULT_POLICY, minNoticeMinutes: 1440 },
    });
    expect(res.status).toBe(200);
    const page = await jsonOf(await api('/audit?entity=space&action=updated', adminToken));
    const [entry] = page.items;
    expect(entry.actor).toEqual({ id: admin.id, displayName: 'Alice Martin', email: admin.email });
    expect(entry.subject).toMatchObject({
      spaceId: site.spaceId,
      spaceName: 'Salle Garonne',
      siteId: site.siteId,
    });
    expect(entry.changes.policy[0].minNoticeMinutes).toBe(60);

    const csv = await api('/audit?entity=space&action=updated', adminToken, {
      headers: { accept: 'text/csv' },
    });
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    expect(rows[1].slice(0, 6)).toEqual([
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/),
      'Alice Martin',
      admin.email,
      'Espace modifié',
      'Espace',
      expect.stringMatching(/^Salle Garonne · /),
    ]);
    // One line per field of the policy that changed, in the same cell.
    expect(rows[1][6].split('\n')).toContain('Délai de prévenance : 1 h → 24 h');
  });

  it('names a booking by its space and its period in the site’s zone', async () => {
    const org = await createOrganisation(t.db, 'verified', '76');
    const id = await insertBooking(t.db, {
      spaceId: site.spaceId,
      organisationId: org,
      status: 'confirmed',
      start: '2026-12-10T08:00:00Z',
      end: '2026-12-10T10:00:00Z',
    });
    await logAt('2026-12-01T09:00:00Z', admin.id, 'booking', 'cancel', id);
    const page = await jsonOf(await api('/audit?entity=booking&action=cancel', adminToken));
    expect(page.items[0].subject).toMatchObject({
      spaceName: 'Salle Garonne',
      start: '2026-12-10T08:00:00.000Z',
      end: '2026-12-10T10:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
    const csv = await api('/audit?entity=booking&action=cancel', adminToken, {
      headers: { accept: 'text/csv' },
    });
    const [, row] = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    expect(row[0]).toBe('01/12/2026 10:00:00'); // Paris time
    expect(row[5]).toMatch(/^Salle Garonne · .*, 10 déc\. 2026, 9 h–11 h$/);
  });

  it('filters by who, what and when (Paris days), and pages without a gap or a repeat', async () => {
    const bob = await createUser(t.db, 'delegate', { regionCode: '76' });
    await t.db.query(`UPDATE users SET display_name = 'Bob Lefèvre' WHERE id = $1`, [bob.id]);
    // 23:30 UTC on 31 March is 1 April in Paris.
    for (let i = 0; i < 7; i++) {
      await logAt(`2026-03-31T23:30:0${i}Z`, bob.id, 'organisation', 'verified', site.siteId);
    }
    await logAt('2026-03-31T21:00:00Z', bob.id, 'organisation', 'verified', site.siteId);
    await logAt('2026-04-01T10:00:00Z', admin.id, 'organisation', 'verified', site.siteId);
    await logAt('2026-04-01T10:00:00Z', bob.id, 'site', 'updated', site.siteId);

    const q = 'actor=lef%C3%A8vre&entity=organisation&action=verified&from=2026-04-01&to=2026-04-01';
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(`/audit?${q}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, adminToken);
      expect(res.status).toBe(200);
      const page = await jsonOf(res);
      seen.push(...page.items.map((e: { at: string }) => e.at));
      expect(
        page.items.every((e: { actor: { displayName: string } }) => e.actor.displayName === 'Bob Lefèvre'),
      ).toBe(true);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => `2026-03-31T23:30:0${i}.000Z`));

    const byEmail = await jsonOf(
      await api(`/audit?actor=${encodeURIComponent(bob.email)}&entity=site`, adminToken),
    );
    expect(byEmail.items.map((e: { action: string }) => e.action)).toEqual(['updated']);

    const csv = await api(`/audit?${q}`, adminToken, { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="journal-2026-04-01-2026-04-01.csv"',
    );
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([
      'Date et heure (Paris)',
      'Personne',
      'Adresse e-mail',
      'Action',
      'Objet',
      'Désignation',
      'Détail',
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[3]])).toEqual(
      Array(7).fill(['Bob Lefèvre', 'Organisation vérifiée']),
    );

    const bad = await api('/audit?cursor=not-a-cursor', adminToken);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('writes a name a spreadsheet would run as a formula behind a quote', async () => {
    const eve = await createUser(t.db, 'delegate', { regionCode: '76' });
    await t.db.query(`UPDATE users SET display_name = '=HYPERLINK("http://x")' WHERE id = $1`, [eve.id]);
    await logAt('2026-05-02T10:00:00Z', eve.id, 'site', 'updated', site.siteId);
    const csv = await api('/audit?from=2026-05-02&to=2026-05-02', adminToken, {
      headers: { accept: 'text/csv' },
    });
    const [, row] = parseCsv((await csv.text()).replace(/^\uFEFF/, ''));
    expect(row[1]).toBe(`'=HYPERLINK("http://x")`);
  });
});

describe(`accounts (${MODE})`, () => {
  it('lists accounts by name, searches and filters by role, pages', async () => {
    for (const n of ['Zora Arnaud', 'Zacharie Arnaud', 'Zuriel Arnaud']) {
      const u = await createUser(t.db, 'site_manager', { siteId: site.siteId });
      await t.db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [u.id, n]);
    }
    const first = await jsonOf(await api('/users?q=arnaud&limit=2', adminToken));
    expect(first.items.map((a: { displayName: string }) => a.displayName)).toEqual([
      'Zacharie Arnaud',
      'Zora Arnaud',
    ]);
    expect(first.items[0].roles[0]).toMatchObject({
      role: 'site_manager',
      siteId: site.siteId,
      siteName: expect.any(String),
    });
    const second = await jsonOf(await api(`/users?q=arnaud&limit=2&cursor=${first.nextCursor}`, adminToken));
    expect(second.items.map((a: { displayName: string }) => a.displayName)).toEqual(['Zuriel Arnaud']);
    expect(second.nextCursor).toBeNull();
    const admins = await jsonOf(await api('/users?role=admin', adminToken));
    expect(admins.items.map((a: { id: string }) => a.id)).toContain(admin.id);
    expect(
      admins.items.every((a: { roles: { role: string }[] }) => a.roles.some((g) => g.role === 'admin')),
    ).toBe(true);
  });

  it('changes a person’s staff roles, audited with names, and keeps their organisation roles', async () => {
    const org = await createOrganisation(t.db, 'verified', '76');
    const person = await createUser(t.db, 'org_admin', { organisationId: org });
    const res = await patch(`/users/${person.id}`, adminToken, { siteIds: [site.siteId], regionCode: '76' });
    expect(res.status).toBe(200);
    const account = await jsonOf(res);
    expect(account.roles.map((g: { role: string }) => g.role).sort()).toEqual([
      'delegate',
      'org_admin',
      'site_manager',
    ]);
    const token = await login(t.url, person.email);
    expect((await api(`/sites/${site.siteId}`, token)).status).toBe(200);

    const [entry] = (await jsonOf(await api('/audit?entity=user&action=roles_changed', adminToken))).items;
    expect(entry.entityId).toBe(person.id);
    expect(entry.names[site.siteId]).toEqual(expect.any(String));
    expect(entry.names['region:76']).toBe('Occitanie');

    // Withdrawn at the next request, not when the access token expires.
    expect((await patch(`/users/${person.id}`, adminToken, {})).status).toBe(200);
    expect((await api(`/sites/${site.siteId}`, token)).status).toBe(403);

    const unknown = await patch(`/users/${person.id}`, adminToken, { regionCode: '99' });
    expect(unknown.status).toBe(400);
    expect((await patch(`/users/${admin.id}`, adminToken, { admin: false })).status).toBe(409);
  });

  it('deactivation ends the sessions at once and refuses sign-in; reactivation lets the person back', async () => {
    const person = await createUser(t.db, 'delegate', { regionCode: '76' });
    const token = await login(t.url, person.email);
    const cookie = await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: PASSWORD }),
    }).then((r) => r.headers.get('set-cookie')!.split(';')[0]);
    expect((await api('/me', token)).status).toBe(200);

    const res = await post(`/users/${person.id}/deactivate`, adminToken);
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).deactivatedAt).toEqual(expect.any(String));
    expect((await api('/me', token)).status).toBe(401);
    const refresh = await fetch(`${t.url}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie } });
    expect(refresh.status).toBe(401);
    const signIn = await post('/auth/login', null, { email: person.email, password: PASSWORD });
    expect(signIn.status).toBe(403);
    expect((await jsonOf(signIn)).code).toBe('ACCOUNT_DEACTIVATED');
    const wrong = await post('/auth/login', null, { email: person.email, password: 'not-the-password' });
    expect(wrong.status).toBe(401); // says nothing of the account to whoever lacks the password
    expect((await post(`/users/${person.id}/deactivate`, adminToken)).status).toBe(409);

    expect((await post(`/users/${person.id}/reactivate`, adminToken)).status).toBe(200);
    expect((await post(`/users/${person.id}/reactivate`, adminToken)).status).toBe(409);
    expect((await api('/me', await login(t.url, person.email))).status).toBe(200);
    const actions = (
      await jsonOf(await api(`/audit?entity=user&actor=${encodeURIComponent(admin.email)}`, adminToken))
    ).items
      .filter((e: { entityId: string }) => e.entityId === person.id)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(['reactivated', 'deactivated']);
  });

  it('never deactivates oneself, nor the last active admin when two admins deactivate each other', async () => {
    const self = await post(`/users/${admin.id}/deactivate`, adminToken);
    expect(self.status).toBe(409);
    expect((await jsonOf(self)).code).toBe('NOT_YOURSELF');

    const other = await createUser(t.db, 'admin');
    const otherToken = await login(t.url, other.email);
    const others = await t.db.query(
      `UPDATE users SET deactivated_at = now()
        WHERE deactivated_at IS NULL AND id <> ALL($1::uuid[])
          AND id IN (SELECT user_id FROM role_grants WHERE role = 'admin') RETURNING id`,
      [[admin.id, other.id]],
    );
    try {
      const [a, b] = await Promise.all([
        post(`/users/${other.id}/deactivate`, adminToken),
        post(`/users/${admin.id}/deactivate`, otherToken),
      ]);
      expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND deactivated_at IS NULL`,
        [[admin.id, other.id]],
      );
      expect(n).toBe(1);
    } finally {
      await t.db.query(`UPDATE users SET deactivated_at = NULL WHERE id = ANY($1::uuid[])`, [
        [admin.id, ...others.map((r: { id: string }) => r.id)],
      ]);
      adminToken = await login(t.url, admin.email);
    }
  });

  it('sends the invitation again to who never chose a password; the old link stops working', async () => {
    const email = `lea-${Date.now()}@example.org`;
    const created = await jsonOf(
      await post('/users', adminToken, {
        email,
        displayName: 'Léa Petit',
        role: 'delegate',
        regionCode: '76',
      }),
    );
    // Read from the e-mails: the outbox drops a link's token once its e-mail is sent.
    const [invitation] = await mailsTo(t, email);
    const oldToken = linkIn(invitation.text);
    expect((await jsonOf(await api(`/users/${created.id}`, adminToken))).invitationPending).toBe(true);

    expect((await post(`/users/${created.id}/invitation`, adminToken)).status).toBe(200);
    const tokens = (await mailsTo(t, email, 2)).map((m) => linkIn(m.text));
    expect(tokens).toHaveLength(2);
    const newToken = tokens.find((token) => token !== oldToken)!;
    expect(newToken).toBeDefined();
    const accept = (token: string) =>
      post('/invitations/accept', null, {
        token,
        displayName: 'Léa Petit',
        password: 'trois-mots-sans-lien-42',
      });
    const old = await accept(oldToken);
    expect(old.status).toBe(400);
    expect((await jsonOf(old)).code).toBe('LINK_EXPIRED');
    expect((await accept(newToken)).status).toBe(200);

    const again = await post(`/users/${created.id}/invitation`, adminToken);
    expect(again.status).toBe(409);
    expect((await jsonOf(again)).code).toBe('NO_PENDING_INVITATION');
    expect((await jsonOf(await api(`/users/${created.id}`, adminToken))).invitationPending).toBe(false);
  });
});
