import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What may change which spaces meet a live need: a queue of spaces (and the local dates concerned),
 * written by triggers in the transaction of the change so that no code path can forget it, as
 * `occupancy_dirty` is. A job takes the rows, re-matches the live needs within reach of each space
 * (apps/api/src/needs/need-rematch.ts) and deletes them in one transaction.
 *
 * `matched_only`: the change can only take free occurrences away (a booking made, a closure added),
 * so only the needs that space already meets can change.
 */
export class NeedDirty1765800100000 implements MigrationInterface {
  name = 'NeedDirty1765800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE need_dirty (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        space_id uuid NOT NULL,
        from_date date NOT NULL,
        to_date date NOT NULL,
        matched_only boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Live needs by dates (which a changed space's dates overlap) and never matched (demo, imports).
    await q.query(
      `CREATE INDEX needs_live_dates ON needs (date_from, date_until) WHERE status IN ('open', 'matched')`,
    );
    await q.query(
      `CREATE INDEX needs_unmatched ON needs (created_at) WHERE matched_at IS NULL AND status IN ('open', 'matched')`,
    );
    // Live needs by latitude: the band a changed site's needs within reach lie in (100 km at most).
    await q.query(`CREATE INDEX needs_live_latitude ON needs (latitude) WHERE status IN ('open', 'matched')`);

    // Bookings: a new one can only take occurrences away; one cancelled, rejected, moved or deleted frees
    // its old slot. Only bookings not yet over, and only changes of what holds a slot (an active status,
    // the blocked period, the space): confirming a pending booking or completing a past one changes no
    // need. Statement-level, as occupancy's: a bulk insert writes one row per space.
    await q.query(`
      CREATE FUNCTION needs_mark_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO need_dirty (space_id, from_date, to_date, matched_only)
          SELECT space_id, min(lower(period) AT TIME ZONE 'UTC')::date - 1, max(upper(period) AT TIME ZONE 'UTC')::date + 1, true
            FROM new_rows WHERE status IN ('pending', 'confirmed') AND upper(blocked_period) > now() GROUP BY space_id;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO need_dirty (space_id, from_date, to_date)
          SELECT space_id, min(lower(period) AT TIME ZONE 'UTC')::date - 1, max(upper(period) AT TIME ZONE 'UTC')::date + 1
            FROM old_rows WHERE status IN ('pending', 'confirmed') AND upper(blocked_period) > now() GROUP BY space_id;
        ELSE
          INSERT INTO need_dirty (space_id, from_date, to_date, matched_only)
          SELECT x.space_id, min(lower(x.period) AT TIME ZONE 'UTC')::date - 1, max(upper(x.period) AT TIME ZONE 'UTC')::date + 1,
                 bool_and(x.taken)
            FROM (SELECT o.space_id, o.period, false AS taken FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE o.status IN ('pending', 'confirmed') AND upper(o.blocked_period) > now()
                     AND (n.status NOT IN ('pending', 'confirmed') OR (n.blocked_period, n.space_id) IS DISTINCT FROM (o.blocked_period, o.space_id))
                  UNION ALL
                  SELECT n.space_id, n.period, true FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE n.status IN ('pending', 'confirmed') AND upper(n.blocked_period) > now()
                     AND (o.status NOT IN ('pending', 'confirmed') OR (n.blocked_period, n.space_id) IS DISTINCT FROM (o.blocked_period, o.space_id))) x
           GROUP BY x.space_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER needs_bookings_insert AFTER INSERT ON bookings
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION needs_mark_bookings()`);
    await q.query(`CREATE TRIGGER needs_bookings_update AFTER UPDATE ON bookings
      REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION needs_mark_bookings()`);
    await q.query(`CREATE TRIGGER needs_bookings_delete AFTER DELETE ON bookings
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION needs_mark_bookings()`);

    // A space published, archived, or changed in what the catalogue filters or the rules read: all dates.
    await q.query(`
      CREATE FUNCTION needs_mark_space() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO need_dirty (space_id, from_date, to_date) VALUES (NEW.id, '-infinity', 'infinity');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER needs_spaces_insert AFTER INSERT ON spaces
      FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION needs_mark_space()`);
    await q.query(`CREATE TRIGGER needs_spaces_update AFTER UPDATE ON spaces
      FOR EACH ROW WHEN ((OLD.status, OLD.kind, OLD.area_sqm, OLD.capacity, OLD.equipment, OLD.step_free, OLD.hourly_rate_cents,
                          OLD.approval_required, OLD.slot_step_minutes, OLD.min_duration_minutes, OLD.max_duration_minutes,
                          OLD.min_notice_minutes, OLD.horizon_days, OLD.buffer_before_minutes, OLD.buffer_after_minutes,
                          OLD.audience, OLD.opening_hours, OLD.site_id)
                IS DISTINCT FROM (NEW.status, NEW.kind, NEW.area_sqm, NEW.capacity, NEW.equipment, NEW.step_free, NEW.hourly_rate_cents,
                          NEW.approval_required, NEW.slot_step_minutes, NEW.min_duration_minutes, NEW.max_duration_minutes,
                          NEW.min_notice_minutes, NEW.horizon_days, NEW.buffer_before_minutes, NEW.buffer_after_minutes,
                          NEW.audience, NEW.opening_hours, NEW.site_id))
      EXECUTE FUNCTION needs_mark_space()`);

    // A site's hours, place or zone, or its discounts: each of its spaces, all dates.
    await q.query(`
      CREATE FUNCTION needs_mark_site() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'sites' THEN
          INSERT INTO need_dirty (space_id, from_date, to_date)
          SELECT id, '-infinity', 'infinity' FROM spaces WHERE site_id = NEW.id AND status = 'published';
        ELSE
          INSERT INTO need_dirty (space_id, from_date, to_date)
          SELECT id, '-infinity', 'infinity' FROM spaces
           WHERE site_id IN (SELECT NEW.site_id WHERE TG_OP <> 'DELETE' UNION SELECT OLD.site_id WHERE TG_OP <> 'INSERT')
             AND status = 'published';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER needs_sites_update AFTER UPDATE OF opening_hours, time_zone, departement_code, latitude, longitude ON sites
      FOR EACH ROW WHEN ((OLD.opening_hours, OLD.time_zone, OLD.departement_code, OLD.latitude, OLD.longitude)
                IS DISTINCT FROM (NEW.opening_hours, NEW.time_zone, NEW.departement_code, NEW.latitude, NEW.longitude))
      EXECUTE FUNCTION needs_mark_site()`);
    await q.query(`CREATE TRIGGER needs_site_discounts AFTER INSERT OR UPDATE OR DELETE ON site_discounts
      FOR EACH ROW EXECUTE FUNCTION needs_mark_site()`);

    // A closure lifted or moved frees its old days; one added can only take days away.
    await q.query(`
      CREATE FUNCTION needs_mark_closure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO need_dirty (space_id, from_date, to_date, matched_only)
          SELECT id, NEW.starts_on - 1, NEW.ends_on + 1, TG_OP = 'INSERT' FROM spaces WHERE site_id = NEW.site_id AND status = 'published';
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO need_dirty (space_id, from_date, to_date)
          SELECT id, OLD.starts_on - 1, OLD.ends_on + 1 FROM spaces WHERE site_id = OLD.site_id AND status = 'published';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER needs_closures AFTER INSERT OR UPDATE OR DELETE ON site_closures
      FOR EACH ROW EXECUTE FUNCTION needs_mark_closure()`);

    // A holiday the site opens on (or stops opening on).
    await q.query(`
      CREATE FUNCTION needs_mark_holiday_opening() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO need_dirty (space_id, from_date, to_date)
          SELECT id, NEW.date - 1, NEW.date + 1 FROM spaces WHERE site_id = NEW.site_id AND status = 'published';
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO need_dirty (space_id, from_date, to_date, matched_only)
          SELECT id, OLD.date - 1, OLD.date + 1, true FROM spaces WHERE site_id = OLD.site_id AND status = 'published';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER needs_holiday_openings AFTER INSERT OR UPDATE OR DELETE ON site_holiday_openings
      FOR EACH ROW EXECUTE FUNCTION needs_mark_holiday_opening()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER needs_holiday_openings ON site_holiday_openings; DROP TRIGGER needs_closures ON site_closures;
      DROP TRIGGER needs_site_discounts ON site_discounts; DROP TRIGGER needs_sites_update ON sites;
      DROP TRIGGER needs_spaces_update ON spaces; DROP TRIGGER needs_spaces_insert ON spaces;
      DROP TRIGGER needs_bookings_insert ON bookings; DROP TRIGGER needs_bookings_update ON bookings;
      DROP TRIGGER needs_bookings_delete ON bookings`);
    await q.query(`DROP FUNCTION needs_mark_holiday_opening(); DROP FUNCTION needs_mark_closure(); DROP FUNCTION needs_mark_site();
      DROP FUNCTION needs_mark_space(); DROP FUNCTION needs_mark_bookings()`);
    await q.query(`DROP INDEX needs_live_latitude; DROP INDEX needs_unmatched; DROP INDEX needs_live_dates`);
    await q.query(`DROP TABLE need_dirty`);
  }
}
