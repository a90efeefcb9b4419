import { randomUUID } from 'node:crypto';
import { SpacePublications1765152000000 } from '../src/database/migrations/1765152000000-space-publications';
import { OccupancyService } from '../src/reports/occupancy.service';
import type { DataSource, QueryRunner } from 'typeorm';
import { createOrganisation, createSite } from './fixtures';
import { startApp, type TestApp } from './harness';

/**
 * The periods a space was published (what occupancy counts offered hours on): recorded from its status
 * whatever path changes it, and backfilled by the migration for the spaces that existed before.
 */

let t: TestApp;
let siteId: string;

beforeAll(async () => {
  t = await startApp();
  ({ siteId } = await createSite(t.db));
});

afterAll(() => t?.close());

type Db = Pick<DataSource | QueryRunner, 'query'>;

async function space(
  o: { status?: string; createdAt?: string; updatedAt?: string } = {},
  db: Db = t.db,
): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, status,
                         created_at, updated_at)
     VALUES ($1, $2, '76', '34', 'Salle', 'meeting_room', 20, 10, $3, coalesce($4::timestamptz, now()),
             coalesce($5::timestamptz, now()))`,
    [id, siteId, o.status ?? 'draft', o.createdAt ?? null, o.updatedAt ?? null],
  );
  return id;
}

const periods = async (spaceId: string): Promise<[string, string | null][]> =>
  (
    await t.db.query(
      `SELECT lower(period) AS "from", upper(period) AS "to" FROM space_publications WHERE space_id = $1 ORDER BY 1`,
      [spaceId],
    )
  ).map((r: { from: Date; to: Date | null }) => [r.from.toISOString(), r.to?.toISOString() ?? null]);

describe('publication periods from the status', () => {
  it('opens one when a space is published, closes it when archived, at the instant of the change', async () => {
    const id = await space({ status: 'published' });
    const [{ created_at }] = await t.db.query(`SELECT created_at FROM spaces WHERE id = $1`, [id]);
    expect(await periods(id)).toEqual([[created_at.toISOString(), null]]);

    await t.db.query(`UPDATE spaces SET status = 'archived', updated_at = now() WHERE id = $1`, [id]);
    const [{ updated_at: archived }] = await t.db.query(`SELECT updated_at FROM spaces WHERE id = $1`, [id]);
    expect(await periods(id)).toEqual([[created_at.toISOString(), archived.toISOString()]]);
    // Editing an archived space opens nothing.
    await t.db.query(`UPDATE spaces SET name = 'Salle 2', updated_at = now() WHERE id = $1`, [id]);
    expect(await periods(id)).toHaveLength(1);
  });

  it('records nothing for a space published and withdrawn within one transaction', async () => {
    const id = await space();
    await t.db.transaction(async (em) => {
      await em.query(`UPDATE spaces SET status = 'published' WHERE id = $1`, [id]);
      await em.query(`UPDATE spaces SET status = 'archived' WHERE id = $1`, [id]);
    });
    expect(await periods(id)).toEqual([]);
  });

  it('archived and published again within one transaction: two periods that meet', async () => {
    const id = await space({ status: 'published' });
    const [{ now }] = await t.db.transaction(async (em) => {
      await em.query(`UPDATE spaces SET status = 'archived' WHERE id = $1`, [id]);
      await em.query(`UPDATE spaces SET status = 'published' WHERE id = $1`, [id]);
      return em.query(`SELECT now()`);
    });
    const [first, second] = await periods(id);
    expect(first[1]).toBe(now.toISOString());
    expect(second).toEqual([now.toISOString(), null]);
  });
});

describe('the backfill of the migration', () => {
  it('reads the periods from the audit log when it accounts for the status, else from the rows', async () => {
    const migration = new SpacePublications1765152000000();
    const organisationId = await createOrganisation(t.db);
    // Embedded PostgreSQL has one session: everything goes through the runner until it is released. In
    // one transaction, as migrations run, so that the refresh job sees the queue only once it is counted.
    const ids: Record<string, string> = {};
    const backfill = async () => {
      const q = t.db.createQueryRunner();
      try {
        await q.startTransaction();
        await migration.down(q);
        const make = (o: Parameters<typeof space>[0]) => space(o, q);
        const audit = (id: string, action: string, at: string) =>
          q.query(`INSERT INTO audit_log (at, entity, entity_id, action) VALUES ($1, 'space', $2, $3)`, [
            at,
            id,
            action,
          ]);
        // Published, archived, published again and archived through the API.
        ids.twice = await make({ status: 'archived', createdAt: '2026-01-05T09:00:00Z' });
        await audit(ids.twice, 'created', '2026-01-05T09:00:00Z');
        await audit(ids.twice, 'published', '2026-01-10T09:00:00Z');
        await audit(ids.twice, 'archived', '2026-03-01T17:00:00Z');
        await audit(ids.twice, 'published', '2026-04-01T08:00:00Z');
        await audit(ids.twice, 'archived', '2026-06-15T12:00:00Z');
        // Archived as a draft: never published.
        ids.never = await make({ status: 'archived', createdAt: '2026-01-05T09:00:00Z' });
        await audit(ids.never, 'archived', '2026-02-01T09:00:00Z');
        // Loaded by SQL after its bookings (a data import): published since its first booking request.
        ids.loaded = await make({ status: 'published', createdAt: '2026-05-10T00:00:00Z' });
        await q.query(
          `INSERT INTO bookings (space_id, organisation_id, status, period, blocked_period, title, attendees, price_cents,
                                 created_at)
           VALUES ($1, $2, 'completed', tstzrange($3, $4), tstzrange($3, $4), 'Import', 2, 0, $5)`,
          [
            ids.loaded,
            organisationId,
            '2026-04-15T08:00:00Z',
            '2026-04-15T10:00:00Z',
            '2026-04-01T12:00:00Z',
          ],
        );
        // Archived by hand, without audit: from its creation to its last change.
        ids.byHand = await make({
          status: 'archived',
          createdAt: '2026-02-01T00:00:00Z',
          updatedAt: '2026-06-30T10:00:00Z',
        });
        // Published again by hand after an archiving the audit log saw: the audit does not say it all.
        ids.drifted = await make({ status: 'published', createdAt: '2026-02-01T00:00:00Z' });
        await audit(ids.drifted, 'published', '2026-02-03T00:00:00Z');
        await audit(ids.drifted, 'archived', '2026-03-03T00:00:00Z');
        ids.draft = await make({ createdAt: '2026-02-01T00:00:00Z' });

        await migration.up(q);
        // Every space is queued for a recompute of its occupancy rows.
        const queued = await q.query(
          `SELECT count(DISTINCT space_id)::int AS n FROM occupancy_dirty WHERE from_date = '-infinity' AND to_date = 'infinity'`,
        );
        expect(queued).toEqual(await q.query(`SELECT count(*)::int AS n FROM spaces`));
        await q.commitTransaction();
      } finally {
        if (q.isTransactionActive) await q.rollbackTransaction();
        await q.release();
      }
    };
    // The app's occupancy job runs beside this test and reads the tables the migration locks: when the two
    // deadlock, PostgreSQL aborts one (in production the migrations run before any job). Run it again.
    for (let attempt = 1; ; attempt++) {
      try {
        await backfill();
        break;
      } catch (err) {
        const code = (err as { driverError?: { code?: string } }).driverError?.code;
        if (code !== '40P01' || attempt === 5) throw err;
      }
    }

    expect(await periods(ids.twice)).toEqual([
      ['2026-01-10T09:00:00.000Z', '2026-03-01T17:00:00.000Z'],
      ['2026-04-01T08:00:00.000Z', '2026-06-15T12:00:00.000Z'],
    ]);
    expect(await periods(ids.never)).toEqual([]);
    expect(await periods(ids.loaded)).toEqual([['2026-04-01T12:00:00.000Z', null]]);
    expect(await periods(ids.byHand)).toEqual([['2026-02-01T00:00:00.000Z', '2026-06-30T10:00:00.000Z']]);
    expect(await periods(ids.drifted)).toEqual([['2026-02-01T00:00:00.000Z', null]]);
    expect(await periods(ids.draft)).toEqual([]);
    // The recompute then offers on those days only (the site opens every day).
    await t.app.get(OccupancyService).drain();
    const days = (id: string, from: string, to: string) =>
      t.db.query(
        `SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last
           FROM occupancy_days WHERE space_id = $1 AND day BETWEEN $2 AND $3`,
        [id, from, to],
      );
    expect(await days(ids.twice, '2025-01-01', '2026-03-31')).toEqual([
      { first: '2026-01-10', last: '2026-03-01' },
    ]);
    expect(await days(ids.twice, '2026-03-02', '2027-12-31')).toEqual([
      { first: '2026-04-01', last: '2026-06-15' },
    ]);
    expect(await days(ids.never, '2025-01-01', '2027-12-31')).toEqual([{ first: null, last: null }]);
  });
});
