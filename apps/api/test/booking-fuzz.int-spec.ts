import fc from 'fast-check';
import { createMember, createOrganisation, createSite, login, postJson, slot } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';

/**
 * POST /bookings against generated bad input: whatever comes in, the answer is a 4xx problem, never a
 * 5xx, and nothing is stored. Each generated body is built to be wrong in at least one way, so that
 * "nothing stored" holds for every run.
 */
let t: TestApp;
let token: string;
let spaceId: string;
let draftSpaceId: string;

const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM bookings`))[0].n as number;
const valid = () => ({ spaceId, ...slot(3), title: 'Valide', attendees: 2 });

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const badInstant = fc.oneof(
  notAString,
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '2026-02-30T10:00:00+01:00',
    '2026-03-03T10:00:00',
    '2026-03-03 10:00',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-03-03T25:00:00+01:00',
    '',
  ),
);
/** One field of a valid body made wrong (or an extra one added). */
const mutation = fc.oneof(
  fc.record({
    key: fc.constant('spaceId'),
    value: fc.oneof(notAString, fc.string({ maxLength: 50 }), fc.uuid(), fc.constant('DRAFT')),
  }),
  fc.record({ key: fc.constantFrom('start', 'end'), value: badInstant }),
  fc.record({
    key: fc.constant('title'),
    value: fc.oneof(
      notAString,
      fc.constantFrom('', '   '),
      // Titles are trimmed: 121 characters with a space at either end are a valid title of 120.
      fc.string({ minLength: 121, maxLength: 300 }).filter((s) => s.trim().length > 120),
    ),
  }),
  fc.record({
    key: fc.constant('attendees'),
    value: fc.oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 11 }),
      fc.double({ noInteger: true }),
      fc.constantFrom('2', null, Number.MAX_SAFE_INTEGER, -0.5),
    ),
  }),
  fc.record({
    key: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in valid())),
    value: fc.jsonValue(),
  }),
  fc.record({
    key: fc.constant('__missing__'),
    value: fc.constantFrom('spaceId', 'start', 'end', 'title', 'attendees'),
  }),
  // A period that is well-formed but breaks a rule: reversed, too long, in the past, off-step, at night.
  fc.record({
    key: fc.constant('__period__'),
    value: fc.tuple(
      fc.integer({ min: -400, max: 400 }),
      fc.integer({ min: -30, max: 30 }),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 1, max: 59 }).filter((m) => m !== 30),
    ),
  }),
);

function mutate(m: { key: string; value: unknown }): unknown {
  const body: Record<string, unknown> = valid();
  if (m.key === '__missing__') delete body[m.value as string];
  else if (m.key === '__period__') {
    const [days, length, hour, minute] = m.value as number[];
    const s = slot(days, hour);
    const start = new Date(Date.parse(s.start) + minute * 60_000);
    // Always off the 30-minute step; also reversed, empty, too long, past or beyond the horizon at times.
    body.start = start.toISOString();
    body.end = new Date(start.getTime() + length * 3600_000).toISOString();
  } else body[m.key] = m.value === 'DRAFT' ? draftSpaceId : m.value;
  return body;
}

const badBody = fc.oneof(
  { weight: 6, arbitrary: mutation.map(mutate) },
  {
    weight: 1,
    arbitrary: fc
      .anything()
      .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('spaceId' in v)),
  },
);

beforeAll(async () => {
  t = await startApp();
  const organisationId = await createOrganisation(t.db);
  token = await login(t.url, (await createMember(t.db, organisationId)).email);
  spaceId = (await createSite(t.db)).spaceId;
  draftSpaceId = (await createSite(t.db)).spaceId;
  await t.db.query(`UPDATE spaces SET status = 'draft' WHERE id = $1`, [draftSpaceId]);
});

afterAll(() => t?.close());

describe(`POST /bookings fuzzed with bad input (${MODE})`, () => {
  it('the valid body it starts from is accepted (so each mutation is what is refused)', async () => {
    const res = await postJson(`${t.url}/api/v1/bookings`, token, { ...valid(), ...slot(200) });
    expect(res.status).toBe(201);
  });

  it('never answers 5xx and never stores anything', async () => {
    const before = await count();
    await fc.assert(
      fc.asyncProperty(badBody, fc.constantFrom('object', 'text', 'truncated'), async (body, form) => {
        const sent =
          form === 'object'
            ? body
            : `${JSON.stringify(body)}`.slice(0, form === 'truncated' ? -1 : undefined);
        const res = await postJson(`${t.url}/api/v1/bookings`, token, sent as object);
        const text = await res.text();
        if (res.status < 400 || res.status >= 500)
          throw new Error(`${res.status} for ${JSON.stringify(body)}: ${text}`);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }),
      { numRuns: MODE === 'services' ? 300 : 150 },
    );
    expect(await count()).toBe(before);
  });

  it('survives raw bodies that are not JSON at all', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (raw) => {
        const res = await postJson(`${t.url}/api/v1/bookings`, token, raw.startsWith('{') ? raw : `{${raw}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 50 },
    );
  });
});
