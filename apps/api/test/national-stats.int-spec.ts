import { Instance, NationalStats } from '@lieux/contracts';
import { DemoSeed } from '../src/demo/demo-seed';
import { createOrganisation, createSite, insertBooking, jsonOf } from './fixtures';
import { MODE, startApp, type TestApp } from './harness';
import { nowIn, PARIS, Temporal } from './local-time';

let t: TestApp;

beforeAll(async () => {
  t = await startApp();
});
afterAll(() => t?.close());

const stats = async () => {
  const res = await fetch(`${t.url}/api/v1/stats/national`);
  expect(res.status).toBe(200);
  return NationalStats.parse(await jsonOf(res));
};

describe(`the national figures (${MODE})`, () => {
  const year = nowIn().year;
  /** An instant of Paris's wall clock, as UTC. */
  const paris = (y: number, month: number, day: number, hour: number, minute = 0) =>
    Temporal.ZonedDateTime.from({ timeZone: PARIS, year: y, month, day, hour, minute })
      .toInstant()
      .toString();

  it('counts the offer and this year’s held bookings from the live data', async () => {
    // Two open sites: three published spaces (20 + 20 + 35.5 m²), drafts and archives left out, and a
    // site with a draft only, which is not open.
    const one = await createSite(t.db);
    const two = await createSite(t.db);
    const closed = await createSite(t.db);
    await t.db.query(`UPDATE spaces SET status = 'draft' WHERE id = $1`, [closed.spaceId]);
    const more = async (siteId: string, status: string, area: number) =>
      t.db.query(
        `INSERT INTO spaces (site_id, region_code, departement_code, name, kind, area_sqm, capacity, status)
         SELECT id, region_code, departement_code, 'Autre', 'office', $2, 4, $3 FROM sites WHERE id = $1`,
        [siteId, area, status],
      );
    await more(one.siteId, 'published', 35.5);
    await more(one.siteId, 'draft', 100);
    await more(two.siteId, 'archived', 50);

    const [a, b, c, d, e, f, g] = await Promise.all(
      Array.from({ length: 7 }, () => createOrganisation(t.db)),
    );
    const book = (
      organisationId: string,
      spaceId: string,
      start: string,
      end: string,
      status: 'confirmed' | 'completed' | 'cancelled' | 'pending' = 'confirmed',
    ) => insertBooking(t.db, { organisationId, spaceId, start, end, status });
    // Held this year: 2 h from half past midnight on New Year's Day in Paris (still the old year in UTC),
    // 3.5 h completed, 1 h on the other site, and the last half hour of the year: 7 h, by a and b.
    await book(a, one.spaceId, paris(year, 1, 1, 0, 30), paris(year, 1, 1, 2, 30));
    await book(b, one.spaceId, paris(year, 3, 10, 10), paris(year, 3, 10, 13, 30), 'completed');
    await book(b, two.spaceId, paris(year, 6, 1, 9), paris(year, 6, 1, 10));
    await book(a, two.spaceId, paris(year, 12, 31, 23), paris(year, 12, 31, 23, 30));
    // Not counted: last year by Paris's clock (this year in no zone that matters), next year, cancelled,
    // pending, and a no-show.
    await book(c, one.spaceId, paris(year - 1, 12, 31, 23), paris(year, 1, 1, 0));
    await book(d, two.spaceId, paris(year + 1, 1, 1, 0), paris(year + 1, 1, 1, 1));
    await book(e, one.spaceId, paris(year, 4, 2, 10), paris(year, 4, 2, 11), 'cancelled');
    await book(f, one.spaceId, paris(year, 4, 3, 10), paris(year, 4, 3, 11), 'pending');
    const noShow = await book(g, one.spaceId, paris(year, 4, 4, 10), paris(year, 4, 4, 11), 'completed');
    await t.db.query(`UPDATE bookings SET status = 'no_show' WHERE id = $1`, [noShow]);

    expect(await stats()).toEqual({
      year,
      sitesOpen: 2,
      spaces: 3,
      areaSqm: 75.5,
      organisationsHosted: 2,
      hoursBooked: 7,
    });
  });

  it('keeps the figures a minute rather than counting again for every visitor', async () => {
    const before = await stats();
    await createSite(t.db);
    expect(await stats()).toEqual(before);
  });

  it('reads the year’s bookings from their own index, not the whole table', async () => {
    // A handful of rows would be read sequentially anyway: the plan says whether the index can serve.
    const plan: { 'QUERY PLAN': string }[] = await t.db.transaction(async (em) => {
      await em.query(`SET LOCAL enable_seqscan = off`);
      return em.query(
        `EXPLAIN SELECT sum(extract(epoch FROM upper(period) - lower(period)))
           FROM bookings WHERE status IN ('confirmed', 'completed') AND lower(period) >= $1 AND lower(period) < $2`,
        [paris(year, 1, 1, 0), paris(year + 1, 1, 1, 0)],
      );
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Only Scan using bookings_held_start/);
  });
});

describe(`the deployment's demo data (${MODE})`, () => {
  it('are said loaded once the demo seed has run on this database', async () => {
    const instance = async () => Instance.parse(await jsonOf(await fetch(`${t.url}/api/v1/instance`)));
    expect((await instance()).demoData).toBe(false);
    await t.app.get(DemoSeed).seed();
    expect((await instance()).demoData).toBe(true);
  });
});
