import { randomUUID } from 'node:crypto';
import { createUser, jsonOf, login, postJson, validSiret } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;
const get = (p: string, token: string) => fetch(api(p), { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

async function register(email: string) {
  const res = await postJson(api('/organisations/register'), null, {
    organisation: {
      name: 'Ressourcerie du Lez',
      siret: validSiret(),
      legalForm: 'association',
      rna: 'W343000001',
      address: '2 rue du Lez',
      postcode: '34000',
      communeCode: '34172',
    },
    admin: { displayName: 'Inès Durand', email, password: 'un-mot-de-passe-neuf' },
  });
  expect(res.status).toBe(201);
  return (await jsonOf(res)).organisation.id as string;
}

describe(`an organisation under review (${MODE})`, () => {
  it('shows its delegate whom to contact: the admin who registered it, not a member invited later', async () => {
    const email = `ines-${randomUUID()}@example.org`;
    const id = await register(email);
    await createUser(t.db, 'org_admin', { organisationId: id });
    const delegate = await login(t.url, (await createUser(t.db, 'delegate', { regionCode: '76' })).email);
    const queue = await jsonOf(await get('/organisations?verification=pending&limit=200', delegate));
    const row = queue.items.find((o: { id: string }) => o.id === id);
    expect(row.contact).toEqual({ displayName: 'Inès Durand', email });
    expect(row.rna).toBe('W343000001');
  });

  it('lists its past decisions, newest first, with who took them and why, to its region’s delegate only', async () => {
    const id = await register(`ines-${randomUUID()}@example.org`);
    const delegateUser = await createUser(t.db, 'delegate', { regionCode: '76' });
    const delegate = await login(t.url, delegateUser.email);
    const admin = await login(t.url, (await createUser(t.db, 'admin')).email);
    const decisions = async (token: string) => {
      const res = await get(`/organisations/${id}/decisions`, token);
      return { status: res.status, body: await jsonOf(res) };
    };
    expect((await decisions(delegate)).body.items).toEqual([]);

    const refusal = 'Le SIRET correspond à une entreprise hors ESS.';
    expect((await postJson(api(`/organisations/${id}/reject`), delegate, { reason: refusal })).status).toBe(
      200,
    );
    expect((await postJson(api(`/organisations/${id}/verify`), admin, undefined)).status).toBe(200);
    const withdrawal = 'Activité commerciale sans lien avec l’ESS.';
    expect(
      (await postJson(api(`/organisations/${id}/withdraw-verification`), delegate, { reason: withdrawal }))
        .status,
    ).toBe(200);

    const { status, body } = await decisions(delegate);
    expect(status).toBe(200);
    const [delegateName] = await t.db.query(`SELECT display_name FROM users WHERE id = $1`, [
      delegateUser.id,
    ]);
    expect(
      body.items.map((d: { action: string; by: string; reason: string | null }) => [d.action, d.reason]),
    ).toEqual([
      ['verification_withdrawn', withdrawal],
      ['verified', null],
      ['rejected', refusal],
    ]);
    expect(body.items[0].by).toBe(delegateName.display_name);
    expect(body.items.every((d: { at: string }) => !Number.isNaN(Date.parse(d.at)))).toBe(true);
    expect(Date.parse(body.items[0].at)).toBeGreaterThanOrEqual(Date.parse(body.items[2].at));
    expect((await decisions(admin)).body.items).toHaveLength(3);

    const otherDelegate = await login(
      t.url,
      (await createUser(t.db, 'delegate', { regionCode: '11' })).email,
    );
    const outsider = await decisions(otherDelegate);
    expect(outsider.status).toBe(404);
    expect(outsider.body.code).toBe('NOT_FOUND');
    const member = await login(t.url, (await createUser(t.db, 'member', { organisationId: id })).email);
    expect((await decisions(member)).status).toBe(403);
  });
});
