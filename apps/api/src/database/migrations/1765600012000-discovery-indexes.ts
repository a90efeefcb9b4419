import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home page's national figures (`GET /stats/national`), read on every visit: the year's held bookings
 * by their start, carrying what the figures add up (organisation, period), so that the year is an
 * index-only scan instead of a pass over every booking; and the published spaces with their site and area.
 */
export class DiscoveryIndexes1765600012000 implements MigrationInterface {
  name = 'DiscoveryIndexes1765600012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX bookings_held_start ON bookings (lower(period)) INCLUDE (organisation_id, period)
      WHERE status IN ('confirmed', 'completed')`);
    await q.query(
      `CREATE INDEX spaces_published_site ON spaces (site_id) INCLUDE (area_sqm) WHERE status = 'published'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX spaces_published_site`);
    await q.query(`DROP INDEX bookings_held_start`);
  }
}
