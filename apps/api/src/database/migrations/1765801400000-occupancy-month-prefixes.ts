import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals within each space's month (issue #17): a report by site or by space over a period that
 * cuts a month (the twelve months from the 15th) summed the space-day rows of its end days by a scan of the
 * whole day table, and counted distinct organisations over the organisation rows: 3.2–3.8 s national.
 *
 * `occupancy_month_prefixes`, one row per row of `occupancy_months`: element `n + 1` of each array is the
 * total of the month's days 1 to `n` (element 1 is 0), so days `a` to `b` are `x[b + 1] - x[a]`;
 * `day_rows` counts the day rows (a space with none in the days read is not a row of the report). Each
 * organisation that booked the space that month is kept by its bit in the site's numbering
 * (`occupancy_site_orgs`) with the first and last day it booked: it booked on days `a` to the month's end
 * iff its last day is `a` or later, on days 1 to `b` iff its first day is `b` or earlier. A period whose
 * both ends cut the same month is not answered from here.
 *
 * Derived from the existing rollups, as `OccupancyRepository.recompute` writes it (its own copy: migrations
 * stay frozen), in order of month: a report reads one month of every space.
 */
export class OccupancyMonthPrefixes1765801400000 implements MigrationInterface {
  name = 'OccupancyMonthPrefixes1765801400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE occupancy_month_prefixes (
        space_id uuid NOT NULL,
        month date NOT NULL,
        site_id uuid NOT NULL,
        region_code text NOT NULL,
        departement_code text NOT NULL,
        area_sqm numeric(8, 2) NOT NULL,
        day_rows integer[] NOT NULL,
        offered_minutes integer[] NOT NULL,
        booked_minutes integer[] NOT NULL,
        bookings integer[] NOT NULL,
        no_shows integer[] NOT NULL,
        late_cancellations integer[] NOT NULL,
        org_bits integer[] NOT NULL,
        org_first_days smallint[] NOT NULL,
        org_last_days smallint[] NOT NULL,
        PRIMARY KEY (space_id, month)
      )`);
    // National reads a month's rows, a région or a département those of the month in its place.
    await q.query(
      `CREATE INDEX occupancy_month_prefixes_month ON occupancy_month_prefixes (month, region_code, departement_code)`,
    );
    await q.query(`
      WITH m AS (SELECT space_id, month, site_id, region_code, departement_code, area_sqm FROM occupancy_months),
      running AS (
        SELECT m.space_id, m.month, g.n,
               count(d.day) OVER w AS day_rows,
               sum(coalesce(d.offered_minutes, 0)) OVER w AS offered,
               sum(coalesce(d.booked_minutes, 0)) OVER w AS booked,
               sum(coalesce(d.bookings, 0)) OVER w AS bookings,
               sum(coalesce(d.no_shows, 0)) OVER w AS no_shows,
               sum(coalesce(d.late_cancellations, 0)) OVER w AS late
          FROM m CROSS JOIN generate_series(0, extract(day FROM m.month + interval '1 month - 1 day')::int) AS g(n)
          LEFT JOIN occupancy_days d ON g.n > 0 AND d.space_id = m.space_id AND d.day = m.month + g.n - 1
        WINDOW w AS (PARTITION BY m.space_id, m.month ORDER BY g.n)),
      sums AS (
        SELECT space_id, month, array_agg(day_rows::int ORDER BY n) AS day_rows, array_agg(offered::int ORDER BY n) AS offered,
               array_agg(booked::int ORDER BY n) AS booked, array_agg(bookings::int ORDER BY n) AS bookings,
               array_agg(no_shows::int ORDER BY n) AS no_shows, array_agg(late::int ORDER BY n) AS late
          FROM running GROUP BY 1, 2),
      orgs AS (
        SELECT m.space_id, m.month, so.bit, min(extract(day FROM o.day))::smallint AS first_day,
               max(extract(day FROM o.day))::smallint AS last_day
          FROM m JOIN occupancy_org_days o
            ON o.space_id = m.space_id AND o.day >= m.month AND o.day < m.month + interval '1 month'
          JOIN occupancy_site_orgs so ON so.site_id = m.site_id AND so.organisation_id = o.organisation_id
         GROUP BY 1, 2, 3),
      lists AS (
        SELECT space_id, month, array_agg(bit ORDER BY bit) AS bits, array_agg(first_day ORDER BY bit) AS first_days,
               array_agg(last_day ORDER BY bit) AS last_days
          FROM orgs GROUP BY 1, 2)
      INSERT INTO occupancy_month_prefixes
      SELECT m.space_id, m.month, m.site_id, m.region_code, m.departement_code, m.area_sqm, s.day_rows, s.offered,
             s.booked, s.bookings, s.no_shows, s.late, coalesce(l.bits, '{}'), coalesce(l.first_days, '{}'),
             coalesce(l.last_days, '{}')
        FROM m JOIN sums s ON s.space_id = m.space_id AND s.month = m.month
        LEFT JOIN lists l ON l.space_id = m.space_id AND l.month = m.month
       ORDER BY m.month, m.space_id`);
    await q.query(`ANALYZE occupancy_month_prefixes`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE occupancy_month_prefixes`);
  }
}
