import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Occupancy rollups (PRODUCT.md "Occupancy — definitions"), kept current from a dirty queue.
 *
 * - `occupancy_days`: per space and local day, offered and booked minutes; the truth the rest derives from.
 * - `occupancy_months`: the same per space and month, with the space's place and kind copied on the row,
 *   so that a région-year report reads a few thousand rows without joins (PERFORMANCE.md "Reports from rollups").
 * - `occupancy_org_days` / `occupancy_org_months`: booked minutes and bookings per organisation, because
 *   distinct organisations do not add up across sites or months: they are counted from these rows.
 * - `occupancy_dirty`: what changed, written by triggers in the transaction of the change, so that no code
 *   path can forget it; a job recomputes and deletes the rows in one transaction.
 * - `occupancy_holidays`: public holidays per département, written from libs/scheduling so the SQL can use them.
 * - `occupancy_coverage`: the dates the rollups hold.
 */
export class Occupancy1764806400000 implements MigrationInterface {
  name = 'Occupancy1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE occupancy_coverage (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        from_date date NOT NULL,
        to_date date NOT NULL,
        CHECK (from_date <= to_date)
      )`);
    await q.query(`
      INSERT INTO occupancy_coverage (from_date, to_date)
      VALUES (date_trunc('year', current_date) - interval '1 year', date_trunc('year', current_date) + interval '2 years' - interval '1 day')`);

    await q.query(`
      CREATE TABLE occupancy_holidays (
        departement_code text NOT NULL,
        date date NOT NULL,
        PRIMARY KEY (departement_code, date)
      )`);

    await q.query(`
      CREATE TABLE occupancy_dirty (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        space_id uuid NOT NULL,
        from_date date NOT NULL,
        to_date date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE occupancy_days (
        space_id uuid NOT NULL,
        day date NOT NULL,
        offered_minutes integer NOT NULL CHECK (offered_minutes >= 0),
        booked_minutes integer NOT NULL CHECK (booked_minutes BETWEEN 0 AND offered_minutes),
        bookings integer NOT NULL,
        no_shows integer NOT NULL,
        late_cancellations integer NOT NULL,
        PRIMARY KEY (space_id, day)
      )`);
    await q.query(`
      CREATE TABLE occupancy_org_days (
        space_id uuid NOT NULL,
        day date NOT NULL,
        organisation_id uuid NOT NULL,
        booked_minutes integer NOT NULL,
        bookings integer NOT NULL,
        PRIMARY KEY (space_id, day, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE occupancy_months (
        space_id uuid NOT NULL,
        month date NOT NULL,
        site_id uuid NOT NULL,
        region_code text NOT NULL,
        departement_code text NOT NULL,
        kind text NOT NULL,
        area_sqm numeric(8, 2) NOT NULL,
        offered_minutes integer NOT NULL,
        booked_minutes integer NOT NULL,
        bookings integer NOT NULL,
        no_shows integer NOT NULL,
        late_cancellations integer NOT NULL,
        PRIMARY KEY (space_id, month)
      )`);
    await q.query(`CREATE INDEX occupancy_months_region ON occupancy_months (region_code, month)`);
    await q.query(`CREATE INDEX occupancy_months_departement ON occupancy_months (departement_code, month)`);
    await q.query(`CREATE INDEX occupancy_months_site ON occupancy_months (site_id, month)`);
    await q.query(`CREATE INDEX occupancy_months_month ON occupancy_months (month)`);
    await q.query(`
      CREATE TABLE occupancy_org_months (
        space_id uuid NOT NULL,
        month date NOT NULL,
        organisation_id uuid NOT NULL,
        site_id uuid NOT NULL,
        region_code text NOT NULL,
        departement_code text NOT NULL,
        kind text NOT NULL,
        area_sqm numeric(8, 2) NOT NULL,
        booked_minutes integer NOT NULL,
        bookings integer NOT NULL,
        PRIMARY KEY (space_id, month, organisation_id)
      )`);
    await q.query(`CREATE INDEX occupancy_org_months_region ON occupancy_org_months (region_code, month)`);
    await q.query(`CREATE INDEX occupancy_org_months_month ON occupancy_org_months (month)`);

    // Recomputing a space reads all its bookings, completed and no-shows included, which no other index
    // covers (the window index and the exclusion constraint hold active bookings only).
    await q.query(`CREATE INDEX occupancy_bookings_space ON bookings (space_id, lower(period))`);

    // Bookings: statement-level triggers with transition tables, so a bulk insert writes one statement
    // to the queue, not one per row. The widening by a day covers any zone's local dates.
    await q.query(`
      CREATE FUNCTION occupancy_mark_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT space_id, min(lower(period) AT TIME ZONE 'UTC')::date - 1, max(upper(period) AT TIME ZONE 'UTC')::date + 1
            FROM new_rows GROUP BY space_id;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT space_id, min(lower(period) AT TIME ZONE 'UTC')::date - 1, max(upper(period) AT TIME ZONE 'UTC')::date + 1
            FROM old_rows GROUP BY space_id;
        ELSE
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT x.space_id, min(lower(x.period) AT TIME ZONE 'UTC')::date - 1, max(upper(x.period) AT TIME ZONE 'UTC')::date + 1
            FROM (SELECT n.space_id, n.period FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE (n.status, n.period, n.space_id, n.organisation_id, n.late_cancellation) IS DISTINCT FROM (o.status, o.period, o.space_id, o.organisation_id, o.late_cancellation)
                  UNION ALL
                  SELECT o.space_id, o.period FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE (n.status, n.period, n.space_id, n.organisation_id, n.late_cancellation) IS DISTINCT FROM (o.status, o.period, o.space_id, o.organisation_id, o.late_cancellation)) x
           GROUP BY x.space_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER occupancy_bookings_insert AFTER INSERT ON bookings
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION occupancy_mark_bookings()`);
    await q.query(`CREATE TRIGGER occupancy_bookings_update AFTER UPDATE ON bookings
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION occupancy_mark_bookings()`);
    await q.query(`CREATE TRIGGER occupancy_bookings_delete AFTER DELETE ON bookings
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION occupancy_mark_bookings()`);

    // A space's own hours, area, kind or status, or its site's hours, zone or département: all its days.
    await q.query(`
      CREATE FUNCTION occupancy_mark_space() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO occupancy_dirty (space_id, from_date, to_date) VALUES (NEW.id, '-infinity', 'infinity');
        IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date) VALUES (OLD.id, '-infinity', 'infinity');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER occupancy_spaces_insert AFTER INSERT ON spaces
      FOR EACH ROW EXECUTE FUNCTION occupancy_mark_space()`);
    await q.query(`CREATE TRIGGER occupancy_spaces_update
      AFTER UPDATE OF opening_hours, area_sqm, kind, status, site_id, region_code, departement_code ON spaces
      FOR EACH ROW WHEN ((OLD.opening_hours, OLD.area_sqm, OLD.kind, OLD.status, OLD.site_id, OLD.region_code, OLD.departement_code)
                IS DISTINCT FROM (NEW.opening_hours, NEW.area_sqm, NEW.kind, NEW.status, NEW.site_id, NEW.region_code, NEW.departement_code))
      EXECUTE FUNCTION occupancy_mark_space()`);

    await q.query(`
      CREATE FUNCTION occupancy_mark_site() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO occupancy_dirty (space_id, from_date, to_date)
        SELECT id, '-infinity', 'infinity' FROM spaces WHERE site_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER occupancy_sites_update AFTER UPDATE OF opening_hours, time_zone, departement_code ON sites
      FOR EACH ROW WHEN ((OLD.opening_hours, OLD.time_zone, OLD.departement_code)
                IS DISTINCT FROM (NEW.opening_hours, NEW.time_zone, NEW.departement_code))
      EXECUTE FUNCTION occupancy_mark_site()`);

    await q.query(`
      CREATE FUNCTION occupancy_mark_closure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT id, NEW.starts_on, NEW.ends_on FROM spaces WHERE site_id = NEW.site_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT id, OLD.starts_on, OLD.ends_on FROM spaces WHERE site_id = OLD.site_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER occupancy_closures AFTER INSERT OR UPDATE OR DELETE ON site_closures
      FOR EACH ROW EXECUTE FUNCTION occupancy_mark_closure()`);

    await q.query(`
      CREATE FUNCTION occupancy_mark_holiday_opening() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT id, NEW.date, NEW.date FROM spaces WHERE site_id = NEW.site_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          SELECT id, OLD.date, OLD.date FROM spaces WHERE site_id = OLD.site_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER occupancy_holiday_openings AFTER INSERT OR UPDATE OR DELETE ON site_holiday_openings
      FOR EACH ROW EXECUTE FUNCTION occupancy_mark_holiday_opening()`);

    // The monthly digest: one e-mail per delegate and month, whatever the number of runs.
    await q.query(`
      CREATE TABLE occupancy_digests (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        month date NOT NULL,
        region_code text NOT NULL,
        event_id uuid NOT NULL REFERENCES outbox (id),
        PRIMARY KEY (user_id, month, region_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE occupancy_digests`);
    await q.query(`DROP TRIGGER occupancy_holiday_openings ON site_holiday_openings`);
    await q.query(`DROP TRIGGER occupancy_closures ON site_closures`);
    await q.query(`DROP TRIGGER occupancy_sites_update ON sites`);
    await q.query(
      `DROP TRIGGER occupancy_spaces_update ON spaces; DROP TRIGGER occupancy_spaces_insert ON spaces`,
    );
    await q.query(`DROP TRIGGER occupancy_bookings_insert ON bookings; DROP TRIGGER occupancy_bookings_update ON bookings;
      DROP TRIGGER occupancy_bookings_delete ON bookings`);
    await q.query(`DROP FUNCTION occupancy_mark_holiday_opening(); DROP FUNCTION occupancy_mark_closure();
      DROP FUNCTION occupancy_mark_site(); DROP FUNCTION occupancy_mark_space(); DROP FUNCTION occupancy_mark_bookings()`);
    await q.query(`DROP INDEX occupancy_bookings_space`);
    await q.query(`DROP TABLE occupancy_org_months; DROP TABLE occupancy_months; DROP TABLE occupancy_org_days;
      DROP TABLE occupancy_days; DROP TABLE occupancy_dirty; DROP TABLE occupancy_holidays; DROP TABLE occupancy_coverage`);
  }
}
