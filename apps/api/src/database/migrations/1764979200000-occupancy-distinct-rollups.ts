import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distinct organisations without reading a row per organisation (issue #6's targets): counting them from
 * the space × month × organisation rows took seconds over a région-year or the nation.
 *
 * - `occupancy_months.organisation_ids`: the organisations of the space and month, sorted, so a group's
 *   count is the union of a few small arrays (`occupancy_union`), not a sort of every organisation row.
 * - `occupancy_site_months`: the same per site and month, sums included, for the reports grouped by site
 *   (the national one reads 17,000 × 12 rows instead of 570,000).
 * - indexes `(scope, organisation, month)` on `occupancy_org_months`: a scope's total is then one index
 *   probe per organisation.
 * The new columns and table are derived from the existing rollups, so no rebuild is needed.
 */
export class OccupancyDistinctRollups1764979200000 implements MigrationInterface {
  name = 'OccupancyDistinctRollups1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE AGGREGATE occupancy_union(uuid[]) (SFUNC = array_cat, STYPE = uuid[], INITCOND = '{}')`,
    );
    await q.query(`ALTER TABLE occupancy_months ADD COLUMN organisation_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      UPDATE occupancy_months m SET organisation_ids = x.ids
        FROM (SELECT space_id, month, array_agg(organisation_id ORDER BY organisation_id) AS ids
                FROM occupancy_org_months GROUP BY space_id, month) x
       WHERE m.space_id = x.space_id AND m.month = x.month`);
    await q.query(`
      CREATE TABLE occupancy_site_months (
        site_id uuid NOT NULL,
        month date NOT NULL,
        region_code text NOT NULL,
        departement_code text NOT NULL,
        offered_minutes bigint NOT NULL,
        booked_minutes bigint NOT NULL,
        offered_sqm_minutes numeric NOT NULL,
        used_sqm_minutes numeric NOT NULL,
        bookings integer NOT NULL,
        no_shows integer NOT NULL,
        late_cancellations integer NOT NULL,
        organisation_ids uuid[] NOT NULL,
        PRIMARY KEY (site_id, month)
      )`);
    await q.query(`CREATE INDEX occupancy_site_months_region ON occupancy_site_months (region_code, month)`);
    await q.query(
      `CREATE INDEX occupancy_site_months_departement ON occupancy_site_months (departement_code, month)`,
    );
    await q.query(`CREATE INDEX occupancy_site_months_month ON occupancy_site_months (month)`);
    await q.query(`INSERT INTO occupancy_site_months ${SITE_MONTHS} GROUP BY m.site_id, m.month`);
    await q.query(
      `CREATE INDEX occupancy_org_months_organisation ON occupancy_org_months (organisation_id, month)`,
    );
    await q.query(
      `CREATE INDEX occupancy_org_months_region_organisation ON occupancy_org_months (region_code, organisation_id, month)`,
    );
    await q.query(
      `CREATE INDEX occupancy_org_months_departement_organisation ON occupancy_org_months (departement_code, organisation_id, month)`,
    );
    await q.query(`ANALYZE occupancy_months, occupancy_site_months`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX occupancy_org_months_organisation, occupancy_org_months_region_organisation,
      occupancy_org_months_departement_organisation`);
    await q.query(`DROP TABLE occupancy_site_months`);
    await q.query(`ALTER TABLE occupancy_months DROP COLUMN organisation_ids`);
    await q.query(`DROP AGGREGATE occupancy_union(uuid[])`);
  }
}

/** A site-month from its spaces' month rows (OccupancyRepository.recompute has its own copy: migrations stay frozen). */
const SITE_MONTHS = `
  SELECT m.site_id, m.month, min(m.region_code), min(m.departement_code),
         sum(m.offered_minutes), sum(m.booked_minutes), sum(m.area_sqm * m.offered_minutes),
         sum(m.area_sqm * m.booked_minutes), sum(m.bookings), sum(m.no_shows), sum(m.late_cancellations),
         ARRAY(SELECT DISTINCT x FROM unnest(occupancy_union(m.organisation_ids)) x ORDER BY 1)
    FROM occupancy_months m`;
