import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations per département and month (issue #17): the report by legal form summed the
 * per-space organisation months of its whole scope, 1.6 million rows for a national year (1.6 s of
 * PostgreSQL). `occupancy_area_orgs` holds, per département, month and organisation, the booked minutes,
 * m²·minutes and bookings over the département's spaces: a national year is then one row per
 * organisation and département it booked in, each month. The legal form is joined when read, so an
 * organisation that changes form moves with all its figures, as before. Kept by the area recomputation;
 * derived here from the existing rollups, no rebuild needed.
 */
export class OccupancyAreaOrgs1765801200000 implements MigrationInterface {
  name = 'OccupancyAreaOrgs1765801200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE occupancy_area_orgs (
        departement_code text NOT NULL,
        month date NOT NULL,
        organisation_id uuid NOT NULL,
        region_code text NOT NULL,
        booked_minutes bigint NOT NULL,
        used_sqm_minutes numeric NOT NULL,
        bookings integer NOT NULL,
        PRIMARY KEY (departement_code, month, organisation_id)
      )`);
    await q.query(`CREATE INDEX occupancy_area_orgs_region ON occupancy_area_orgs (region_code, month)`);
    await q.query(`CREATE INDEX occupancy_area_orgs_month ON occupancy_area_orgs (month)`);
    // As OccupancyRepository.recomputeAreas sums them (its own copy: migrations stay frozen).
    await q.query(`
      INSERT INTO occupancy_area_orgs
      SELECT s.departement_code, o.month, o.organisation_id, min(s.region_code), sum(o.booked_minutes),
             sum(s.area_sqm * o.booked_minutes), sum(o.bookings)
        FROM occupancy_org_months o JOIN spaces s ON s.id = o.space_id
       GROUP BY 1, 2, 3`);
    await q.query(`ANALYZE occupancy_area_orgs`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE occupancy_area_orgs`);
  }
}
