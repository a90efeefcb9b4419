import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sites' pairs of département and time zone, read by skipping through this index: the search by free
 * window on a public holiday of every département starts from the sites that open that day, and from those
 * whose pair is not one the holiday was found in (see `SpacesRepository.search`).
 */
export class SitesDepartementZone1765801300000 implements MigrationInterface {
  name = 'SitesDepartementZone1765801300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX sites_departement_zone ON sites (departement_code, time_zone)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sites_departement_zone`);
  }
}
