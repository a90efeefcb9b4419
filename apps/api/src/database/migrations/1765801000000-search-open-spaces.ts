import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search by free window judges opening hours in SQL, so that every page it returns is full: two
 * functions that lay a space's weekly hours on the window's local day exactly as `libs/scheduling` does.
 *
 * - `search_laid_at`: a wall time of a local day as an instant, as `openPeriods` lays it (Temporal, from
 *   the day's first instant): a time in the autumn overlap takes the midnight offset (the earlier
 *   instant), one in the spring gap moves forward by the gap. A bare `AT TIME ZONE` takes the later
 *   instant in the overlap, hence the first branch.
 * - `search_open_throughout`: whether one opening period of the window's local day (touching periods
 *   joined) holds the whole window. Closing times stop at 23:59, so a window over local midnight is open
 *   nowhere, as the rules say. Closures and holidays are whole local days: the query checks them apart.
 */
export class SearchOpenSpaces1765801000000 implements MigrationInterface {
  name = 'SearchOpenSpaces1765801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION search_laid_at(day date, wall time, tz text) RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN ((day + wall - (day::timestamp - (day::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC') AT TIME ZONE tz = day + wall
          THEN (day + wall - (day::timestamp - (day::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'
          ELSE (day + wall) AT TIME ZONE tz
        END
      $$`);
    await q.query(`
      CREATE FUNCTION search_open_throughout(hours jsonb, tz text, window_start timestamptz, window_end timestamptz)
      RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT coalesce(range_agg(tstzrange(p.opens, p.closes)) @> tstzrange(window_start, window_end), false)
          FROM (SELECT (window_start AT TIME ZONE tz)::date AS day) d
          CROSS JOIN LATERAL jsonb_array_elements(hours) w
          CROSS JOIN LATERAL (SELECT search_laid_at(d.day, (w->>'opens')::time, tz) AS opens,
                                     search_laid_at(d.day, (w->>'closes')::time, tz) AS closes) p
         WHERE (w->>'weekday')::int = extract(isodow FROM d.day) AND p.opens < p.closes
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION search_open_throughout(jsonb, text, timestamptz, timestamptz)`);
    await q.query(`DROP FUNCTION search_laid_at(date, time, text)`);
  }
}
