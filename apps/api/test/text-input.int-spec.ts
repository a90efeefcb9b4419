import { randomUUID } from 'node:crypto';
import { createOrganisation, createSite, createUser, jsonOf, login, slot, validSiret } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

/**
 * JSON escapes, written as the raw text a client sends: NUL, which PostgreSQL refuses in text, and a
 * lone surrogate, which is not Unicode (and broke the audit record's JSON).
 */
const INVALID = [
  ['a NUL character', '\\u0000'],
  ['a lone surrogate', '\\ud800'],
  ['a lone low surrogate', 'x\\udc00'],
] as const;
const MARK = '@@INVALID@@';

interface Operation {
  name: string;
  method: string;
  path: () => string;
  token: () => string;
  /** A valid body with MARK inside the string that will carry the invalid character. */
  body?: () => unknown;
  field: string;
}

describe(`text input (${MODE})`, () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  let siteId: string;
  let spaceId: string;
  let pendingOrg: string;
  beforeAll(async () => {
    t = await startApp();
    const org = await createOrganisation(t.db);
    pendingOrg = await createOrganisation(t.db, 'pending');
    ({ siteId, spaceId } = await createSite(t.db));
    admin = await login(t.url, (await createUser(t.db, 'admin')).email);
    member = await login(t.url, (await createUser(t.db, 'member', { organisationId: org })).email);
  });
  afterAll(() => t?.close());

  const operations: Operation[] = [
    {
      name: 'a booking title',
      method: 'POST',
      path: () => '/bookings',
      token: () => member,
      body: () => ({ spaceId, ...slot(3), title: `Réunion ${MARK}`, attendees: 2 }),
      field: 'body.title',
    },
    {
      name: 'a series title',
      method: 'POST',
      path: () => '/booking-series',
      token: () => member,
      body: () => ({
        spaceId,
        firstStart: slot(3).start,
        firstEnd: slot(3).end,
        rrule: 'FREQ=WEEKLY;COUNT=3',
        title: `Atelier ${MARK}`,
        attendees: 2,
      }),
      field: 'body.title',
    },
    {
      name: 'a registration’s organisation name',
      method: 'POST',
      path: () => '/organisations/register',
      token: () => '',
      body: () => ({
        organisation: {
          name: `Ressourcerie ${MARK}`,
          siret: validSiret(),
          legalForm: 'association',
          rna: 'W343000001',
          address: '2 rue du Lez',
          postcode: '34000',
          communeCode: '34172',
        },
        admin: {
          displayName: 'Inès Durand',
          email: `ines-${randomUUID()}@example.org`,
          password: 'un-mot-de-passe-neuf',
        },
      }),
      field: 'body.organisation.name',
    },
    {
      name: 'a rejection reason',
      method: 'POST',
      path: () => `/organisations/${pendingOrg}/reject`,
      token: () => admin,
      body: () => ({ reason: `Pièces manquantes ${MARK}` }),
      field: 'body.reason',
    },
    {
      name: 'the audit filter',
      method: 'GET',
      path: () => `/audit?entity=${encodeURIComponent('booking')}${MARK}`,
      token: () => admin,
      field: 'query.entity',
    },
    {
      name: 'a site’s name',
      method: 'PATCH',
      path: () => `/sites/${siteId}`,
      token: () => admin,
      body: () => ({ name: `Bureau ${MARK}` }),
      field: 'body.name',
    },
    {
      name: 'a closure reason',
      method: 'POST',
      path: () => `/sites/${siteId}/closures`,
      token: () => admin,
      body: () => ({ startsOn: '2030-08-01', endsOn: '2030-08-15', reason: `Travaux ${MARK}` }),
      field: 'body.reason',
    },
    {
      name: 'a new space’s name',
      method: 'POST',
      path: () => `/sites/${siteId}/spaces`,
      token: () => admin,
      body: () => ({ name: `Salle ${MARK}`, kind: 'workshop', areaSqm: 20, capacity: 8 }),
      field: 'body.name',
    },
    {
      name: 'a space’s description',
      method: 'PATCH',
      path: () => `/spaces/${spaceId}`,
      token: () => admin,
      body: () => ({ description: `Outils ${MARK}` }),
      field: 'body.description',
    },
    {
      name: 'an equipment list item',
      method: 'PATCH',
      path: () => `/spaces/${spaceId}`,
      token: () => admin,
      body: () => ({ equipment: ['sink', `x${MARK}`] }),
      field: 'body.equipment.1',
    },
  ];

  /** Rows of the tables these operations write to, so that "nothing written" is checked, not assumed. */
  const TABLES = [
    'bookings',
    'booking_series',
    'organisations',
    'users',
    'audit_log',
    'sites',
    'site_closures',
    'spaces',
  ];
  const written = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (table) => [
          table,
          (
            await t.db.query(
              `SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) AS h FROM ${table} r`,
            )
          )[0].h,
        ]),
      ),
    );

  // A query string carries bytes, not UTF-16: only NUL (%00) reaches it; a lone surrogate cannot be encoded.
  const cases = operations.flatMap((op) =>
    INVALID.filter(([, escape]) => op.body || escape === '\\u0000').map(
      ([what, escape]) => [op.name, what, op, escape] as const,
    ),
  );

  it.each(cases)('%s with %s: 400 naming the field, nothing written', async (_name, _what, op, escape) => {
    const before = await written();
    const raw = op.body ? JSON.stringify(op.body()).replace(MARK, escape) : undefined;
    const path = op.body ? op.path() : op.path().replace(MARK, encodeURIComponent(JSON.parse(`"${escape}"`)));
    const res = await fetch(`${t.url}/api/v1${path}`, {
      method: op.method,
      headers: {
        ...(raw ? { 'content-type': 'application/json' } : {}),
        ...(op.token() ? { authorization: `Bearer ${op.token()}` } : {}),
      },
      body: raw,
    });
    expect(res.status).toBe(400);
    const problem = await jsonOf(res);
    expect(problem).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: op.field, message: expect.stringMatching(/^Caractère invalide/) }],
    });
    expect(await written()).toEqual(before);
  });

  it('names the field in English when the caller prefers it', async () => {
    const res = await fetch(`${t.url}/api/v1/sites/${siteId}`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
        'accept-language': 'en',
      },
      body: '{"accessNotes":"Code \\u0000"}',
    });
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).errors).toEqual([
      {
        path: 'body.accessNotes',
        message: 'Invalid character: a null character or an incomplete Unicode character',
      },
    ]);
  });

  it('still takes a well-formed emoji (a surrogate pair) and other non-Latin text', async () => {
    const res = await fetch(`${t.url}/api/v1/sites/${siteId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: '{"accessNotes":"Sonnez 🔔 \\ud83d\\udd14 — 北"}',
    });
    expect(res.status).toBe(200);
    expect((await jsonOf(res)).accessNotes).toBe('Sonnez 🔔 🔔 — 北');
  });
});
