import { randomUUID } from 'node:crypto';
import { Availability, Instance, ManyAvailability, SpacePage } from '@lieux/contracts';
import type { DataSource } from 'typeorm';
import { createOrganisation, createSite, insertBooking, jsonOf } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';
import { dateOf, dayFromToday, isoUtc } from './local-time';

let t: TestApp;
const api = (p: string) => `${t.url}/api/v1${p}`;

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

/** One more space at a site, published unless told otherwise. */
async function addSpace(
  db: DataSource,
  siteId: string,
  o: { name: string; status?: string; bufferMinutes?: number; hourlyRateCents?: number } = { name: 'Salle' },
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         buffer_before_minutes, buffer_after_minutes, hourly_rate_cents, horizon_days)
     SELECT $1, id, region_code, departement_code, $2, 'meeting_room', 20, 10, $3, $4, $4, $5, 365 FROM sites WHERE id = $6`,
    [id, o.name, o.status ?? 'published', o.bufferMinutes ?? 0, o.hourlyRateCents ?? 0, siteId],
  );
  return id;
}

describe(`several spaces' availability at once (${MODE})`, () => {
  const day = dayFromToday(5);
  const at = (h: number, m = 0) => isoUtc(day.with({ hour: h, minute: m }));
  const window = `from=${encodeURIComponent(isoUtc(day))}&to=${encodeURIComponent(isoUtc(day.add({ days: 2 })))}`;
  const many = (qs: string) => fetch(api(`/availability?${qs}&${window}`));
  const single = async (id: string) =>
    Availability.parse(await jsonOf(await fetch(api(`/spaces/${id}/availability?${window}`))));
  const utc = (list: { start: string; end: string }[]) =>
    list.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);

  let siteId: string;
  let salle: string;
  let atelier: string;
  let bureau: string;
  let draft: string;
  let elsewhere: string;

  beforeAll(async () => {
    ({ siteId, spaceId: salle } = await createSite(t.db));
    atelier = await addSpace(t.db, siteId, { name: 'Atelier', bufferMinutes: 15 });
    bureau = await addSpace(t.db, siteId, { name: 'Bureau' });
    await t.db.query(`UPDATE spaces SET opening_hours = $2 WHERE id = $1`, [
      bureau,
      JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '12:00' }))),
    ]);
    draft = await addSpace(t.db, siteId, { name: 'Cave', status: 'draft' });
    elsewhere = (await createSite(t.db)).spaceId;
    const next = dateOf(day.add({ days: 1 }));
    await t.db.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $2, 'Inventaire')`,
      [siteId, next],
    );
    const organisationId = await createOrganisation(t.db);
    await insertBooking(t.db, { spaceId: salle, organisationId, start: at(10), end: at(11) });
    await insertBooking(t.db, {
      spaceId: salle,
      organisationId,
      status: 'cancelled',
      start: at(15),
      end: at(16),
    });
    const buffered = await insertBooking(t.db, {
      spaceId: atelier,
      organisationId,
      start: at(14),
      end: at(15),
    });
    await t.db.query(`UPDATE bookings SET blocked_period = tstzrange($2, $3) WHERE id = $1`, [
      buffered,
      at(13, 45),
      at(15, 15),
    ]);
    await insertBooking(t.db, {
      spaceId: bureau,
      organisationId,
      status: 'pending',
      start: at(9, 30),
      end: at(10),
    });
    await insertBooking(t.db, { spaceId: elsewhere, organisationId, start: at(12), end: at(13) });
  });

  it('answers a site’s published spaces by name, with their hours, closures and bookings', async () => {
    const res = await many(`siteId=${siteId}`);
    expect(res.status).toBe(200);
    const { items } = ManyAvailability.parse(await jsonOf(res));
    expect(items.map((i) => i.spaceId)).toEqual([atelier, bureau, salle]);
    const [a, b, s] = items;
    // The closed day opens nowhere; the buffers widen the busy block; a pending request is busy too.
    expect(utc(a.open)).toEqual([[at(8), at(20)]]);
    expect(utc(a.busy)).toEqual([[at(13, 45), at(15, 15)]]);
    expect(utc(a.free)).toEqual([
      [at(8), at(13, 45)],
      [at(15, 15), at(20)],
    ]);
    expect(utc(b.open)).toEqual([[at(9), at(12)]]);
    expect(utc(b.free)).toEqual([
      [at(9), at(9, 30)],
      [at(10), at(12)],
    ]);
    expect(utc(s.busy)).toEqual([[at(10), at(11)]]);
    expect(s.timeZone).toBe('Europe/Paris');
  });

  it('answers a list in the order asked, each space as its own route does, leaving out the unknown and unpublished', async () => {
    const res = await many(
      `spaceIds=${[elsewhere, salle, randomUUID(), draft, atelier, salle.toUpperCase()].join(',')}`,
    );
    expect(res.status).toBe(200);
    const { items } = ManyAvailability.parse(await jsonOf(res));
    expect(items.map((i) => i.spaceId)).toEqual([elsewhere, salle, atelier]);
    for (const { spaceId, ...availability } of items) expect(availability).toEqual(await single(spaceId));
    expect(utc(items[0].busy)).toEqual([[at(12), at(13)]]);
    // Repeated parameters work as well as a comma-separated list.
    const repeated = ManyAvailability.parse(await jsonOf(await many(`spaceIds=${bureau}&spaceIds=${salle}`)));
    expect(repeated.items.map((i) => i.spaceId)).toEqual([bureau, salle]);
  });

  it('reads the bookings once and the calendars once, whatever the number of spaces', async () => {
    const big = await createSite(t.db);
    for (let i = 0; i < 19; i++) await addSpace(t.db, big.siteId, { name: `Salle ${i}` });
    // New spaces are queued for the needs' re-matching, which reads spaces too: let it pass before counting.
    for (let tries = 0; ; tries++) {
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM need_dirty`);
      // Emptied when taken: the batch taken last may still be at work for a moment.
      if (n === 0) break;
      if (tries > 200) throw new Error('the needs’ re-matching queue did not drain');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 500));
    const spy = jest.spyOn(t.db, 'query');
    const once = async (qs: string, count: number) => {
      spy.mockClear();
      const res = await many(qs);
      expect(res.status).toBe(200);
      expect((await jsonOf(res)).items).toHaveLength(count);
      const sql = spy.mock.calls.map(([q]) => String(q));
      return {
        bookings: sql.filter((q) => /FROM bookings/.test(q)).length,
        closures: sql.filter((q) => /FROM site_closures/.test(q)).length,
        spaces: sql.filter((q) => /FROM spaces/.test(q)).length,
      };
    };
    // The app's background jobs share the pool, and one of them may read spaces during a request (CI saw it
    // once). The fewest statements over three requests is the request's own: a request that read a table
    // once per space would read it that often every time.
    const statements = async (qs: string, count: number) => {
      const runs = [await once(qs, count), await once(qs, count), await once(qs, count)];
      const fewest = (k: 'bookings' | 'closures' | 'spaces') => Math.min(...runs.map((r) => r[k]));
      return { bookings: fewest('bookings'), closures: fewest('closures'), spaces: fewest('spaces') };
    };
    try {
      const twenty = await statements(`siteId=${big.siteId}`, 20);
      expect(twenty).toEqual({ bookings: 1, closures: 1, spaces: 1 });
      expect(await statements(`spaceIds=${big.spaceId}`, 1)).toEqual(twenty);
    } finally {
      spy.mockRestore();
    }
  });

  it('says what is wrong: an unknown site, both or neither, too many spaces', async () => {
    const unknown = await many(`siteId=${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await jsonOf(unknown)).toMatchObject({ status: 404, detail: 'Ce site introuvable.' });

    const both = await many(`siteId=${siteId}&spaceIds=${salle}`);
    expect(both.status).toBe(400);
    expect((await jsonOf(both)).errors).toEqual([
      { path: 'query.spaceIds', message: 'Indiquez soit des espaces (spaceIds), soit un site (siteId)' },
    ]);
    expect((await many('')).status).toBe(400);
    const tooMany = await many(`spaceIds=${Array.from({ length: 51 }, () => randomUUID()).join(',')}`);
    expect(tooMany.status).toBe(400);
    expect((await jsonOf(tooMany)).errors[0].message).toBe('50 espaces au plus par demande');
    const notIds = await many('spaceIds=abc');
    expect(notIds.status).toBe(400);
  });
});

describe(`search by map area and price (${MODE})`, () => {
  let rennes: string;
  let brest: string;
  let nantes: string;
  const search = async (qs: string) =>
    SpacePage.parse(await jsonOf(await fetch(api(`/spaces?${qs}&limit=200`))))
      .items.map((s) => s.id)
      .sort();

  beforeAll(async () => {
    const place = async (lat: number, lon: number, hourlyRateCents: number) => {
      const { siteId, spaceId } = await createSite(t.db, { hourlyRateCents });
      await t.db.query(`UPDATE sites SET latitude = $2, longitude = $3 WHERE id = $1`, [siteId, lat, lon]);
      return spaceId;
    };
    rennes = await place(48.1113, -1.68, 0);
    brest = await place(48.3904, -4.4861, 1500);
    nantes = await place(47.2184, -1.5536, 3000);
  });

  it('keeps the spaces whose site lies in the area', async () => {
    expect(await search('bbox=-5,47,-1,49')).toEqual([rennes, brest, nantes].sort());
    expect(await search('bbox=-2,47.5,-1,48.5')).toEqual([rennes]);
    expect(await search('bbox=-1.7,47.2,-1.5,47.3')).toEqual([nantes]);
    expect(await search('bbox=-4,47,-3,48')).toEqual([]);
  });

  it('keeps the free spaces, or those at most at a price', async () => {
    const breizh = 'bbox=-5,47,-1,49';
    expect(await search(`${breizh}&maxHourlyRateCents=0`)).toEqual([rennes]);
    expect(await search(`${breizh}&maxHourlyRateCents=1500`)).toEqual([rennes, brest].sort());
    expect(await search(`${breizh}&maxHourlyRateCents=2999`)).toEqual([rennes, brest].sort());
    expect(await search(`${breizh}&maxHourlyRateCents=3000`)).toEqual([rennes, brest, nantes].sort());
  });

  it.each([
    [
      'west after east',
      '-1,47,-5,49',
      'Zone inversée : l’ouest doit précéder l’est et le sud le nord (ouest,sud,est,nord)',
    ],
    [
      'south after north',
      '-5,49,-1,47',
      'Zone inversée : l’ouest doit précéder l’est et le sud le nord (ouest,sud,est,nord)',
    ],
    ['a latitude beyond the pole', '-5,47,-1,95', 'Zone attendue sous la forme ouest,sud,est,nord'],
    ['three numbers', '-5,47,-1', 'Zone attendue sous la forme ouest,sud,est,nord'],
  ])('refuses an area with %s, naming the field', async (_what, bbox, message) => {
    const res = await fetch(api(`/spaces?bbox=${bbox}`));
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).errors).toEqual([{ path: 'query.bbox', message }]);
  });

  it('refuses a negative price', async () => {
    const res = await fetch(api('/spaces?maxHourlyRateCents=-1'));
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).errors.map((e: { path: string }) => e.path)).toEqual([
      'query.maxHourlyRateCents',
    ]);
  });
});

describe(`the deployment's settings (${MODE})`, () => {
  it('says no demo data and no tile server by default', async () => {
    const res = await fetch(api('/instance'));
    expect(res.status).toBe(200);
    expect(Instance.parse(await jsonOf(res))).toEqual({ demoData: false, mapStyleUrl: null, oidc: false });
  });

  it('gives the configured tiles, and lets the page load them', async () => {
    const tiles = 'https://data.geopf.fr/wmts?layer=PLAN.IGN&tilematrix={z}&tilecol={x}&tilerow={y}';
    const other = await startApp({ fresh: false, env: { MAP_STYLE_URL: tiles } });
    try {
      const res = await fetch(`${other.url}/api/v1/instance`);
      expect(await jsonOf(res)).toEqual({ demoData: false, mapStyleUrl: tiles, oidc: false });
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/data\.geopf\.fr;/);
      expect(csp).toMatch(/connect-src 'self' https:\/\/data\.geopf\.fr;/);
      expect(csp).toMatch(/script-src 'self';/);
    } finally {
      await other.close();
    }
    const csp = (await fetch(api('/instance'))).headers.get('content-security-policy')!;
    expect(csp).toMatch(/img-src 'self' data: blob:;/);
    expect(csp).toMatch(/connect-src 'self';/);
  });
});
