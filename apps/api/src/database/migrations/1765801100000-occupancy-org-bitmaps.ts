import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distinct organisations as bitmaps (issue #17): the union of sorted uuid arrays cost the national year
 * report 450 ms of its 720 ms in PostgreSQL, and every grouping but site and space still counted
 * organisation rows one by one.
 *
 * - `occupancy_site_orgs`: each organisation that booked at a site gets a bit of that site, in order of
 *   arrival. `occupancy_months.organisations` and `occupancy_site_months.organisations` are bitmaps in
 *   that numbering, all of one site as wide as its list rounded up to 64 bits (a site with 100
 *   organisations: 16 bytes a row), so a site's or space's count over months is `bit_count(bit_or(…))`.
 * - `occupancy_org_numbers`: one number per organisation for the whole platform, and `occupancy_areas`:
 *   per département, kind and day, ISO week or month, the sums and the bitmap of organisations in that
 *   numbering (its width a multiple of 1,024 bits, padded to the widest when read: `occupancy_pad`). The
 *   scope totals and the groupings by kind, month and week read a few thousand of these rows instead of
 *   the space rows and the organisation rows.
 * Derived from the existing rollups: no rebuild needed. The uuid arrays, their aggregate and the
 * organisation indexes that only the totals read go.
 */
export class OccupancyOrgBitmaps1765801100000 implements MigrationInterface {
  name = 'OccupancyOrgBitmaps1765801100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION occupancy_pad(bits varbit, width integer) RETURNS varbit LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT CASE WHEN length(bits) >= width THEN bits ELSE bits || repeat('0', width - length(bits))::varbit END $$`);
    await q.query(`
      CREATE TABLE occupancy_org_numbers (
        organisation_id uuid PRIMARY KEY,
        number integer GENERATED ALWAYS AS IDENTITY (MINVALUE 0 START WITH 0) UNIQUE
      )`);
    await q.query(
      `INSERT INTO occupancy_org_numbers (organisation_id) SELECT DISTINCT organisation_id FROM occupancy_org_months ORDER BY 1`,
    );
    await q.query(`
      CREATE TABLE occupancy_site_orgs (
        site_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        bit integer NOT NULL,
        PRIMARY KEY (site_id, organisation_id),
        UNIQUE (site_id, bit)
      )`);
    await q.query(`
      INSERT INTO occupancy_site_orgs (site_id, organisation_id, bit)
      SELECT site_id, organisation_id, row_number() OVER (PARTITION BY site_id ORDER BY first, organisation_id) - 1
        FROM (SELECT site_id, organisation_id, min(month) AS first FROM occupancy_org_months GROUP BY 1, 2) x`);
    await q.query(`ALTER TABLE occupancy_months ADD COLUMN organisations varbit NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE occupancy_site_months ADD COLUMN organisations varbit NOT NULL DEFAULT ''`);
    await q.query(`
      WITH w AS (SELECT site_id, (count(*)::int + 63) / 64 * 64 AS width FROM occupancy_site_orgs GROUP BY 1),
           b AS (SELECT o.space_id, o.month, bit_or(set_bit(repeat('0', w.width)::varbit, so.bit, 1)) AS bits
                   FROM occupancy_org_months o
                   JOIN occupancy_site_orgs so ON so.site_id = o.site_id AND so.organisation_id = o.organisation_id
                   JOIN w ON w.site_id = o.site_id
                  GROUP BY 1, 2)
      UPDATE occupancy_months m SET organisations = x.bits
        FROM (SELECT m2.space_id, m2.month, coalesce(b.bits, repeat('0', w.width)::varbit) AS bits
                FROM occupancy_months m2 JOIN w ON w.site_id = m2.site_id
                LEFT JOIN b ON b.space_id = m2.space_id AND b.month = m2.month) x
       WHERE x.space_id = m.space_id AND x.month = m.month`);
    await q.query(`
      UPDATE occupancy_site_months s SET organisations = x.bits
        FROM (SELECT site_id, month, bit_or(organisations) AS bits FROM occupancy_months GROUP BY 1, 2) x
       WHERE x.site_id = s.site_id AND x.month = s.month`);
    await q.query(`ALTER TABLE occupancy_months DROP COLUMN organisation_ids`);
    await q.query(`ALTER TABLE occupancy_site_months DROP COLUMN organisation_ids`);
    await q.query(`DROP AGGREGATE occupancy_union(uuid[])`);
    await q.query(`DROP INDEX occupancy_org_months_organisation, occupancy_org_months_region_organisation,
      occupancy_org_months_departement_organisation`);

    await q.query(`
      CREATE TABLE occupancy_areas (
        grain text NOT NULL CHECK (grain IN ('day', 'week', 'month')),
        starts_on date NOT NULL,
        departement_code text NOT NULL,
        region_code text NOT NULL,
        kind text NOT NULL,
        offered_minutes bigint NOT NULL,
        booked_minutes bigint NOT NULL,
        offered_sqm_minutes numeric NOT NULL,
        used_sqm_minutes numeric NOT NULL,
        bookings integer NOT NULL,
        no_shows integer NOT NULL,
        late_cancellations integer NOT NULL,
        organisations varbit NOT NULL,
        PRIMARY KEY (grain, departement_code, kind, starts_on)
      )`);
    await q.query(`CREATE INDEX occupancy_areas_region ON occupancy_areas (grain, region_code, starts_on)`);
    await q.query(`CREATE INDEX occupancy_areas_period ON occupancy_areas (grain, starts_on)`);
    // Every département, kind and month that the month rollup holds, as OccupancyRepository.recomputeAreas
    // does for the keys a recomputation touched (its own copy: migrations stay frozen).
    await q.query(`
      WITH w AS (SELECT (coalesce(max(number), 0) / 1024 + 1) * 1024 AS bits FROM occupancy_org_numbers),
      sp AS (SELECT id, departement_code, region_code, kind, area_sqm FROM spaces),
      days AS (
        SELECT sp.departement_code, sp.region_code, sp.kind, d.day, sum(d.offered_minutes) AS offered,
               sum(d.booked_minutes) AS booked, sum(sp.area_sqm * d.offered_minutes) AS offered_sqm,
               sum(sp.area_sqm * d.booked_minutes) AS used_sqm, sum(d.bookings) AS bookings,
               sum(d.no_shows) AS no_shows, sum(d.late_cancellations) AS late
          FROM sp JOIN occupancy_days d ON d.space_id = sp.id GROUP BY 1, 2, 3, 4),
      orgs AS (
        SELECT sp.departement_code, sp.kind, o.day, bit_or(set_bit(repeat('0', w.bits)::varbit, n.number, 1)) AS bits
          FROM sp JOIN occupancy_org_days o ON o.space_id = sp.id
          JOIN occupancy_org_numbers n ON n.organisation_id = o.organisation_id CROSS JOIN w
         GROUP BY 1, 2, 3)
      INSERT INTO occupancy_areas
      SELECT 'day', d.day, d.departement_code, d.region_code, d.kind, d.offered, d.booked, d.offered_sqm, d.used_sqm,
             d.bookings, d.no_shows, d.late, coalesce(o.bits, '')
        FROM days d LEFT JOIN orgs o ON o.departement_code = d.departement_code AND o.kind = d.kind AND o.day = d.day`);
    for (const grain of ['week', 'month']) {
      await q.query(
        `WITH w AS (SELECT (coalesce(max(number), 0) / 1024 + 1) * 1024 AS bits FROM occupancy_org_numbers)
         INSERT INTO occupancy_areas
         SELECT $1::text, date_trunc($1::text, a.starts_on)::date, a.departement_code, min(a.region_code), a.kind,
                sum(a.offered_minutes), sum(a.booked_minutes), sum(a.offered_sqm_minutes), sum(a.used_sqm_minutes),
                sum(a.bookings), sum(a.no_shows), sum(a.late_cancellations),
                bit_or(occupancy_pad(a.organisations, w.bits))
           FROM occupancy_areas a CROSS JOIN w WHERE a.grain = 'day'
          GROUP BY 2, 3, 5`,
        [grain],
      );
    }
    await q.query(`ANALYZE occupancy_months, occupancy_site_months, occupancy_areas, occupancy_site_orgs`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE occupancy_areas, occupancy_site_orgs, occupancy_org_numbers`);
    await q.query(
      `CREATE AGGREGATE occupancy_union(uuid[]) (SFUNC = array_cat, STYPE = uuid[], INITCOND = '{}')`,
    );
    await q.query(`ALTER TABLE occupancy_months DROP COLUMN organisations`);
    await q.query(`ALTER TABLE occupancy_site_months DROP COLUMN organisations`);
    await q.query(`ALTER TABLE occupancy_months ADD COLUMN organisation_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(
      `ALTER TABLE occupancy_site_months ADD COLUMN organisation_ids uuid[] NOT NULL DEFAULT '{}'`,
    );
    await q.query(`
      UPDATE occupancy_months m SET organisation_ids = x.ids
        FROM (SELECT space_id, month, array_agg(organisation_id ORDER BY organisation_id) AS ids
                FROM occupancy_org_months GROUP BY space_id, month) x
       WHERE m.space_id = x.space_id AND m.month = x.month`);
    await q.query(`
      UPDATE occupancy_site_months s SET organisation_ids = x.ids
        FROM (SELECT site_id, month, array_agg(DISTINCT organisation_id ORDER BY organisation_id) AS ids
                FROM occupancy_org_months GROUP BY site_id, month) x
       WHERE s.site_id = x.site_id AND s.month = x.month`);
    await q.query(
      `CREATE INDEX occupancy_org_months_organisation ON occupancy_org_months (organisation_id, month)`,
    );
    await q.query(
      `CREATE INDEX occupancy_org_months_region_organisation ON occupancy_org_months (region_code, organisation_id, month)`,
    );
    await q.query(
      `CREATE INDEX occupancy_org_months_departement_organisation ON occupancy_org_months (departement_code, organisation_id, month)`,
    );
    await q.query(`DROP FUNCTION occupancy_pad(varbit, integer)`);
  }
}
