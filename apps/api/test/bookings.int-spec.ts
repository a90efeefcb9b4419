import { readdirSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { Booking, BookingPage, Availability } from '@lieux/contracts';
import { holidaysBetween } from '@lieux/scheduling';
import { NotificationProcessor } from '../src/notifications/notification.processor';
import { OutboxRelay } from '../src/notifications/outbox.relay';
import {
  createMember,
  createOrganisation,
  createSpace,
  createUser,
  jsonOf,
  login,
  postJson,
  slot,
} from './fixtures';
import { MODE, readMail, startApp, waitFor, type TestApp } from './harness';
import { dateOf, dayFromToday, dayOf, iso } from './local-time';

let t: TestApp;
let token: string;
let organisationId: string;
let spaceId: string;

const bookingsUrl = () => `${t.url}/api/v1/bookings`;
const count = async (sql: string, params: unknown[] = []) => (await t.db.query(sql, params))[0].n as number;
const countBookings = () => count(`SELECT count(*)::int AS n FROM bookings`);
const book = (body: object, headers: Record<string, string> = {}, as = token) =>
  postJson(bookingsUrl(), as, body, headers);

beforeAll(async () => {
  t = await startApp();
  organisationId = await createOrganisation(t.db);
  const member = await createMember(t.db, organisationId);
  token = await login(t.url, member.email);
  spaceId = await createSpace(t.db, { hourlyRateCents: 1250 });
});

afterAll(() => t?.close());

describe(`bookings (${MODE})`, () => {
  it('books a free slot: 201, confirmed, price frozen, outbox event written', async () => {
    const res = await book({ spaceId, ...slot(0, 10, 90), title: 'Permanence emploi', attendees: 4 });
    expect(res.status).toBe(201);
    const booking = Booking.parse(await jsonOf(res));
    expect(booking).toMatchObject({
      status: 'confirmed',
      priceCents: 1875,
      title: 'Permanence emploi',
      attendees: 4,
    });
    const events = await t.db.query(`SELECT type FROM outbox WHERE payload->>'bookingId' = $1`, [booking.id]);
    expect(events).toEqual([{ type: 'booking.confirmed' }]);
  });

  describe.each(Array.from({ length: 20 }, (_, i) => i))(
    '20 concurrent requests for one slot (round %i)',
    (round) => {
      it('give exactly one 201 and nineteen 409', async () => {
        const body = { spaceId, ...slot(1 + round, 14), title: `Course ${round}`, attendees: 2 };
        const before = await countBookings();
        const statuses = (await Promise.all(Array.from({ length: 20 }, () => book(body)))).map(
          (r) => r.status,
        );
        const tally = statuses.reduce<Record<number, number>>(
          (acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }),
          {},
        );
        expect(tally).toEqual({ 201: 1, 409: 19 });
        expect(await countBookings()).toBe(before + 1);
      });
    },
  );

  it('counts the buffers as taken: a booking may not start inside another one’s clean-down time', async () => {
    const buffered = await createSpace(t.db, { bufferAfterMinutes: 30 });
    const first = slot(30, 10);
    expect((await book({ spaceId: buffered, ...first, title: 'Atelier', attendees: 2 })).status).toBe(201);
    const tooSoon = await book({ spaceId: buffered, ...slot(30, 11), title: 'Suivant', attendees: 2 });
    expect(tooSoon.status).toBe(409);
    expect((await jsonOf(tooSoon)).code).toBe('SLOT_TAKEN');
    const later = slot(30, 11, 90);
    const afterBuffer = await book({
      spaceId: buffered,
      start: new Date(Date.parse(later.start) + 30 * 60_000).toISOString(),
      end: later.end,
      title: 'Suivant',
      attendees: 2,
    });
    expect(afterBuffer.status).toBe(201);
  });

  it('writes the booking and its outbox event together or not at all', async () => {
    const before = await countBookings();
    const eventsBefore = await count(`SELECT count(*)::int AS n FROM outbox`);
    await t.db.query(
      `CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$`,
    );
    await t.db.query(
      `CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()`,
    );
    try {
      const res = await book({ spaceId, ...slot(40), title: 'Jamais écrite', attendees: 1 });
      expect(res.status).toBe(500);
      const problem = await jsonOf(res);
      expect(problem.detail).not.toMatch(/outbox down|at .*\.js/);
    } finally {
      await t.db.query(`DROP TRIGGER fail_outbox ON outbox; DROP FUNCTION fail_outbox();`);
    }
    expect(await countBookings()).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM outbox`)).toBe(eventsBefore);
    // And the slot is still free: nothing half-written holds it.
    expect((await book({ spaceId, ...slot(40), title: 'Écrite', attendees: 1 })).status).toBe(201);
  });

  it('never lets a rolled-back transaction survive while another one runs', async () => {
    const before = await countBookings();
    const insert = (em: { query: (q: string, p: unknown[]) => Promise<unknown> }, n: number) =>
      em.query(
        `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents)
         VALUES ($1, $2, 'cancelled', $3::tstzrange, $3::tstzrange, 'tx', 1, 0)`,
        [spaceId, organisationId, `[${slot(50 + n).start},${slot(50 + n).end})`],
      );
    const rolledBack = t.db
      .transaction(async (em) => {
        await insert(em, 0);
        await new Promise((r) => setTimeout(r, 100));
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    const committed = Promise.all(
      [1, 2, 3].map((n) => t.db.transaction(async (em) => void (await insert(em, n)))),
    );
    await Promise.all([rolledBack, committed]);
    expect(await countBookings()).toBe(before + 3);
  });

  it('sends the e-mail once, with an iCalendar invite that parses', async () => {
    const res = await book({ spaceId, ...slot(60, 9), title: 'Assemblée générale', attendees: 8 });
    const booking = Booking.parse(await jsonOf(res));
    const [{ id: eventId }] = await t.db.query(`SELECT id FROM outbox WHERE payload->>'bookingId' = $1`, [
      booking.id,
    ]);
    await waitFor(
      'the e-mail',
      async () =>
        (await t.db.query(`SELECT 1 FROM outbox WHERE id = $1 AND done_at IS NOT NULL`, [eventId])).length >
        0,
    );
    const mails = () => readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(eventId));
    expect(mails()).toHaveLength(1);

    const mail = await readMail(path.join(t.config.mailOutboxDir, mails()[0]));
    expect(mail.subject).toMatch(/^Réservation confirmée : Salle test, /);
    expect(mail.text).toContain('Assemblée générale');
    const invite = mail.attachments.find((a) => a.filename === 'invitation.ics');
    expect(invite).toBeDefined();
    const ics = invite!.content;
    const cal = new ICAL.Component(ICAL.parse(ics));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`${booking.id}@lieux-partages.fr`);
    expect(event.startDate.toJSDate().toISOString()).toBe(booking.start);
    expect(event.endDate.toJSDate().toISOString()).toBe(booking.end);

    // A second run of the same job (stalled worker, job re-queued after a crash) sends nothing more.
    const processor = t.app.get(NotificationProcessor);
    await processor.deliver(eventId);
    await t.db.query(`UPDATE outbox SET done_at = NULL WHERE id = $1`, [eventId]);
    await processor.deliver(eventId);
    expect(mails()).toHaveLength(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM notification_deliveries WHERE event_id = $1`, [eventId]),
    ).toBe(1);
  });

  it('hands out again an event whose job was lost, and delivers it', async () => {
    const res = await book({ spaceId, ...slot(61, 9), title: 'Réunion', attendees: 3 });
    const booking = Booking.parse(await jsonOf(res));
    await waitFor(
      'the first e-mail',
      async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE done_at IS NULL`)) === 0,
    );
    // As if the queue had taken the event an hour ago and then forgotten it (Redis restarted without AOF).
    const [{ id: lost }] = await t.db.query(
      `INSERT INTO outbox (type, payload, enqueued_at) VALUES ('booking.confirmed', $1, now() - interval '1 hour') RETURNING id`,
      [JSON.stringify({ bookingId: booking.id })],
    );
    await t.app.get(OutboxRelay).dispatch();
    await waitFor(
      'the lost event',
      async () =>
        (await t.db.query(`SELECT 1 FROM outbox WHERE id = $1 AND done_at IS NOT NULL`, [lost])).length > 0,
    );
    expect(readdirSync(t.config.mailOutboxDir).filter((f) => f.startsWith(lost))).toHaveLength(1);
  });

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key for another body', async () => {
    const body = { spaceId, ...slot(70), title: 'Idempotent', attendees: 2 };
    const first = await book(body, { 'idempotency-key': 'key-70' });
    const again = await book(body, { 'idempotency-key': 'key-70' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect((await jsonOf(again)).id).toBe((await jsonOf(first)).id);
    expect(await count(`SELECT count(*)::int AS n FROM bookings WHERE title = 'Idempotent'`)).toBe(1);
    const other = await book({ ...body, title: 'Autre' }, { 'idempotency-key': 'key-70' });
    expect(other.status).toBe(422);
    expect((await jsonOf(other)).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('gives ten simultaneous retries with one Idempotency-Key the same single booking', async () => {
    const body = { spaceId, ...slot(71), title: 'Réseau instable', attendees: 2 };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => book(body, { 'idempotency-key': 'key-71' })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (r) => (await jsonOf(r)).id)));
    expect(ids.size).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM bookings WHERE title = 'Réseau instable'`)).toBe(1);
  });

  it('refuses what the space’s rules forbid with 422 and the rule', async () => {
    const night = await book({ spaceId, ...slot(80, 21), title: 'Nuit', attendees: 2 });
    expect(night.status).toBe(422);
    expect(await jsonOf(night)).toMatchObject({ code: 'OUTSIDE_OPENING_HOURS', status: 422 });
    const crowd = await book({ spaceId, ...slot(80), title: 'Foule', attendees: 11 });
    expect((await jsonOf(crowd)).code).toBe('TOO_MANY_ATTENDEES');
  });

  it('words a refusal in the request’s language: French by default, English when asked', async () => {
    const crowd = { spaceId, ...slot(80), title: 'Foule', attendees: 11 };
    expect(await jsonOf(await book(crowd))).toMatchObject({
      code: 'TOO_MANY_ATTENDEES',
      title: 'Demande refusée',
      detail: 'Le nombre de participants dépasse la capacité de cet espace.',
    });
    expect(await jsonOf(await book(crowd, { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.8' }))).toMatchObject({
      code: 'TOO_MANY_ATTENDEES',
      title: 'Request refused',
      detail: 'The number of attendees exceeds this space’s capacity.',
    });
    const missing = { ...crowd, spaceId: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11', attendees: 2 };
    expect(await jsonOf(await book(missing, { 'accept-language': 'en' }))).toMatchObject({
      code: 'NOT_FOUND',
      title: 'Not found',
      detail: 'This space was not found.',
    });
  });

  it('refuses a public holiday the same way, naming it, for a booking, the waiting list and a series', async () => {
    const closedOnHolidays = await createSpace(t.db, { holidays: 'closed' });
    const holiday = holidaysBetween(dateOf(dayFromToday(3)), dateOf(dayFromToday(360)), '34')[0];
    const start = dayOf(holiday.date).with({ hour: 10 });
    const period = { start: iso(start), end: iso(start.add({ hours: 1 })) };
    const expected = {
      status: 422,
      code: 'HOLIDAY',
      detail: `Jour férié au site : ${holiday.name}.`,
    };
    const single = await book({ spaceId: closedOnHolidays, ...period, title: 'Férié', attendees: 2 });
    expect(await jsonOf(single)).toMatchObject(expected);
    const queued = await postJson(`${t.url}/api/v1/waitlist`, token, {
      spaceId: closedOnHolidays,
      ...period,
      title: 'Férié',
      attendees: 2,
    });
    expect(await jsonOf(queued)).toMatchObject(expected);
    const series = await postJson(`${t.url}/api/v1/booking-series`, token, {
      spaceId: closedOnHolidays,
      firstStart: period.start,
      firstEnd: period.end,
      rrule: 'FREQ=WEEKLY;COUNT=1',
      title: 'Férié',
      attendees: 2,
    });
    expect(await jsonOf(series)).toMatchObject({
      status: 422,
      code: 'HOLIDAY',
      errors: [{ path: 'occurrences.0', message: expect.stringContaining(expected.detail) }],
    });
  });

  it('refuses a period running to the last representable date with a 422, not a 500', async () => {
    // The calendar read around the period must not ask PostgreSQL for a date past 9999-12-31.
    const { start } = slot(80);
    const endless = await book({
      spaceId,
      start,
      end: '9999-12-31T23:59:59Z',
      title: 'Sans fin',
      attendees: 2,
    });
    expect(endless.status).toBe(422);
  });

  it('refuses members of an organisation not yet verified', async () => {
    const pending = await createOrganisation(t.db, 'pending');
    const member = await createMember(t.db, pending);
    const res = await book(
      { spaceId, ...slot(81), title: 'En attente', attendees: 2 },
      {},
      await login(t.url, member.email),
    );
    expect(res.status).toBe(422);
    expect((await jsonOf(res)).code).toBe('ORGANISATION_NOT_VERIFIED');
  });

  it('keeps a space open to its département or région to the organisations based there', async () => {
    // The booker's organisation is in région 76, département 30 (Gard); the sites are in 76/34 and 11/75.
    await t.db.query(`UPDATE organisations SET departement_code = '30', region_code = '76' WHERE id = $1`, [
      organisationId,
    ]);
    const at = async (audience: string, place: { regionCode: string; departementCode: string }) => {
      const id = await createSpace(t.db, place);
      await t.db.query(`UPDATE spaces SET audience = $2 WHERE id = $1`, [id, audience]);
      return book({ spaceId: id, ...slot(82), title: 'Public', attendees: 2 });
    };
    const herault = { regionCode: '76', departementCode: '34' };
    const paris = { regionCode: '11', departementCode: '75' };
    expect((await at('all', paris)).status).toBe(201);
    expect((await at('region', herault)).status).toBe(201);
    const otherRegion = await at('region', paris);
    expect(otherRegion.status).toBe(422);
    expect(await jsonOf(otherRegion)).toMatchObject({ code: 'OUTSIDE_AUDIENCE' });
    const otherDepartement = await at('departement', herault);
    expect(otherDepartement.status).toBe(422);
    expect((await jsonOf(otherDepartement)).detail).toMatch(/département du site/);
    await t.db.query(`UPDATE organisations SET departement_code = '34' WHERE id = $1`, [organisationId]);
    expect((await at('departement', herault)).status).toBe(201);
  });

  it('asks who is calling: no token is a 401 problem', async () => {
    const res = await book({ spaceId, ...slot(82), title: 'Anonyme', attendees: 1 }, {}, '');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('lists my organisation’s bookings only', async () => {
    const other = await createOrganisation(t.db);
    const otherMember = await createMember(t.db, other);
    const otherToken = await login(t.url, otherMember.email);
    await book({ spaceId, ...slot(90), title: 'Chez les autres', attendees: 1 }, {}, otherToken);
    const res = await fetch(`${bookingsUrl()}?mine=true&limit=200`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = BookingPage.parse(await jsonOf(res));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((b) => b.organisationId === organisationId)).toBe(true);
  });

  it('answers a forged page cursor with a 400, on every paged list', async () => {
    const forged = Buffer.from(
      JSON.stringify({ start: 'hier', createdAt: 'hier', key: 'x', id: 'pas-un-uuid' }),
    ).toString('base64url');
    const admin = await createUser(t.db, 'admin');
    const adminToken = await login(t.url, admin.email);
    for (const [path, bearer] of [
      [`/bookings?mine=true&cursor=${forged}`, token],
      [`/organisations?cursor=${forged}`, adminToken],
      [`/spaces?cursor=${forged}`, null],
    ] as const) {
      const res = await fetch(`${t.url}/api/v1${path}`, {
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
  });

  it('shows others’ bookings in the availability as busy blocks without names', async () => {
    const s = slot(100);
    await book({ spaceId, ...s, title: 'Secret', attendees: 1 });
    const from = new Date(Date.parse(s.start) - 3600_000).toISOString();
    const to = new Date(Date.parse(s.end) + 3600_000).toISOString();
    const res = await fetch(
      `${t.url}/api/v1/spaces/${spaceId}/availability?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    const a = Availability.parse(await jsonOf(res));
    expect(a.timeZone).toBe('Europe/Paris');
    expect(a.busy).toEqual([{ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() }]);
    expect(JSON.stringify(a)).not.toContain('Secret');
    expect(a.free.map((f) => [f.start, f.end])).toEqual([
      [from, new Date(s.start).toISOString()],
      [new Date(s.end).toISOString(), to],
    ]);
  });
});

describe(`bad input to POST /bookings (${MODE})`, () => {
  const valid = () => ({ spaceId, ...slot(120), title: 'Valide', attendees: 2 });
  const cases: [string, () => unknown, number[]][] = [
    ['an empty body', () => ({}), [400]],
    ['a missing field', () => ({ ...valid(), title: undefined }), [400]],
    ['an extra field', () => ({ ...valid(), admin: true }), [400]],
    ['an end before the start', () => ({ ...valid(), end: slot(119).end }), [400]],
    ['a non-UUID space', () => ({ ...valid(), spaceId: 'salle-1' }), [400]],
    ['an unknown space', () => ({ ...valid(), spaceId: '00000000-0000-4000-8000-000000000000' }), [404]],
    ['a 100 kB title', () => ({ ...valid(), title: 'x'.repeat(100_000) }), [400]],
    ['a 2 MB body', () => ({ ...valid(), title: 'x'.repeat(2_000_000) }), [413]],
    ['attendees as a string', () => ({ ...valid(), attendees: '2' }), [400]],
    ['negative attendees', () => ({ ...valid(), attendees: -1 }), [400]],
    ['a date that is not one', () => ({ ...valid(), start: '2026-02-30T10:00:00+01:00' }), [400]],
    ['an array', () => [valid()], [400]],
    ['null', () => 'null', [400]],
    ['malformed JSON', () => '{"spaceId": ', [400]],
    ['a number', () => '42', [400]],
  ];

  it.each(cases)('%s → a clear 4xx problem, nothing stored', async (_name, body, expected) => {
    const before = await countBookings();
    const res = await book(body() as object);
    expect(expected).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await jsonOf(res);
    expect(problem).toMatchObject({ status: res.status });
    expect(typeof problem.detail).toBe('string');
    expect(JSON.stringify(problem)).not.toMatch(/\.ts:\d+|\.js:\d+|node_modules/);
    expect(await countBookings()).toBe(before);
  });

  it('says which field is wrong', async () => {
    const res = await book({ ...valid(), attendees: 2.5, spaceId: 'x' });
    const problem = await jsonOf(res);
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.attendees',
      'body.spaceId',
    ]);
  });

  it('says it in French, or in English when the caller prefers English', async () => {
    const bad = { ...valid(), title: ' ', attendees: '2' };
    const fieldErrors = async (headers: Record<string, string>) => {
      const res = await book(bad, headers);
      expect(res.status).toBe(400);
      return (await jsonOf(res)).errors;
    };
    const french = [
      { path: 'body.title', message: 'Le titre est obligatoire' },
      { path: 'body.attendees', message: 'Entrée invalide : nombre attendu, chaîne de caractères reçu' },
    ];
    expect(await fieldErrors({})).toEqual(french);
    expect(await fieldErrors({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' })).toEqual(french);
    expect(await fieldErrors({ 'accept-language': 'en-GB,en;q=0.9,fr;q=0.8' })).toEqual([
      { path: 'body.title', message: 'The title is required' },
      { path: 'body.attendees', message: 'Invalid input: expected number, received string' },
    ]);
    // The end before the start is judged once every field is right.
    const reversed = { ...valid(), end: valid().start };
    expect((await jsonOf(await book(reversed, { 'accept-language': 'en' }))).errors).toEqual([
      { path: 'body.end', message: 'The end must come after the start' },
    ]);
    expect((await jsonOf(await book(reversed))).errors).toEqual([
      { path: 'body.end', message: 'La fin doit suivre le début' },
    ]);
  });

  it('refuses a body sent as something other than JSON', async () => {
    const res = await fetch(bookingsUrl(), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: 'hello',
    });
    expect([400, 415]).toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
