import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search by free window judges opening hours in SQL, so that every page it returns is full.
 *
 * `spaces.site_name`: the site's name on its spaces, kept by triggers in the transaction of any change,
 * so that a région's published spaces are read in the order shown (région, site name, space name) from one
 * index and the walk stops after a page, whatever share of them is open; and so that the planner counts
 * the région's spaces on one table (it took `spaces.region_code` and `sites.region_code` for independent
 * and expected a few rows where a small région has hundreds).
 *
 * `search_laid_at` lays a wall time of a local day as an instant exactly as `openPeriods` (libs/scheduling) does, from the day's
 * first instant: a time in the autumn overlap takes the midnight offset (the earlier instant), one in the
 * spring gap moves forward by the gap. A bare `AT TIME ZONE` takes the later instant in the overlap,
 * hence the first branch. One expression, so that the planner inlines it.
 */
export class SearchOpenSpaces1765801000000 implements MigrationInterface {
  name = 'SearchOpenSpaces1765801000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE spaces ADD COLUMN site_name text`);
    await q.query(`UPDATE spaces sp SET site_name = s.name FROM sites s WHERE s.id = sp.site_id`);
    await q.query(`ALTER TABLE spaces ALTER COLUMN site_name SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION spaces_take_site_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.site_name := (SELECT name FROM sites WHERE id = NEW.site_id);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER spaces_site_name BEFORE INSERT OR UPDATE OF site_id, site_name ON spaces
      FOR EACH ROW EXECUTE FUNCTION spaces_take_site_name()`);
    await q.query(`
      CREATE FUNCTION sites_give_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE spaces SET site_name = NEW.name WHERE site_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER sites_name AFTER UPDATE OF name ON sites
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION sites_give_name()`);
    await q.query(`CREATE INDEX spaces_region_order ON spaces (region_code, site_name, name, id)
      WHERE status = 'published'`);
    await q.query(`
      CREATE FUNCTION search_laid_at(day date, wall time, tz text) RETURNS timestamptz
      LANGUAGE sql STABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN ((day + wall - (day::timestamp - (day::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC') AT TIME ZONE tz = day + wall
          THEN (day + wall - (day::timestamp - (day::timestamp AT TIME ZONE tz) AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC'
          ELSE (day + wall) AT TIME ZONE tz
        END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION search_laid_at(date, time, text)`);
    await q.query(`DROP INDEX spaces_region_order`);
    await q.query(`DROP TRIGGER sites_name ON sites; DROP FUNCTION sites_give_name()`);
    await q.query(`DROP TRIGGER spaces_site_name ON spaces; DROP FUNCTION spaces_take_site_name()`);
    await q.query(`ALTER TABLE spaces DROP COLUMN site_name`);
  }
}
