import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The home page's national figures (`GET /stats/national`): the year's held bookings by their start,
 * carrying their period, so that their hours add up in an index-only scan rather than a pass over every
 * booking; and the published spaces with their site and area.
 */
export class DiscoveryIndexes1765600012000 implements MigrationInterface {
  name = 'DiscoveryIndexes1765600012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX bookings_held_start ON bookings (lower(period)) INCLUDE (period)
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
