import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each space was published (issue #6): occupancy counted offered hours over the whole coverage for
 * the spaces published now, so a space published today lowered its région's past rates, and archiving one
 * erased its past offered and booked hours from figures delegates may already have exported.
 *
 * `space_publications` holds one row per period a space was published, `[published, archived)`, the
 * last one open while it is published. A table rather than two columns on `spaces` because an archived
 * space may be published again: one window would either count the months it was archived or forget the
 * months before. The rows follow `spaces.status` by trigger, at the instant of the change (`now()`, as
 * `updated_at`), whichever path changes it: the API, the demo seed, the bulk loader of the benchmark data or a
 * correction by hand. A change of a period (a correction) marks the space's affected dates for occupancy.
 *
 * Backfill, per space:
 * - when the audit log records its `published` and `archived` changes and the last one is its status
 *   now, the periods are read from it: each `published` opens one, the next change closes it;
 * - otherwise (spaces seeded or loaded by SQL, status changed by hand) the best we know: published since
 *   the earliest of its creation, its first booking request and its first booking's start (a booking
 *   means it could be booked then); an archived one until its `updated_at`, the last time the row
 *   changed, which is the archiving unless it was edited afterwards; a draft was never published.
 * Every space is then queued for a recompute of its occupancy rows.
 */
export class SpacePublications1765152000000 implements MigrationInterface {
  name = 'SpacePublications1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE space_publications (
        space_id uuid NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
        period tstzrange NOT NULL CHECK (NOT isempty(period) AND NOT lower_inf(period)),
        EXCLUDE USING gist (space_id WITH =, period WITH &&)
      )`);

    await q.query(`
      WITH ev AS (
        SELECT a.entity_id AS space_id, a.action, a.at,
               lead(a.at) OVER (PARTITION BY a.entity_id ORDER BY a.at, a.id) AS next_at,
               row_number() OVER (PARTITION BY a.entity_id ORDER BY a.at DESC, a.id DESC) AS from_last
          FROM audit_log a
         WHERE a.entity = 'space' AND a.action IN ('published', 'archived')),
      audited AS (
        SELECT ev.space_id FROM ev JOIN spaces s ON s.id = ev.space_id AND s.status = ev.action WHERE ev.from_last = 1)
      INSERT INTO space_publications (space_id, period)
      SELECT ev.space_id, tstzrange(ev.at, ev.next_at)
        FROM ev
       WHERE ev.action = 'published' AND ev.space_id IN (SELECT space_id FROM audited)
         AND (ev.next_at IS NULL OR ev.next_at > ev.at)
      UNION ALL
      SELECT s.id, tstzrange(f.first, CASE WHEN s.status = 'archived' THEN s.updated_at END)
        FROM spaces s
        CROSS JOIN LATERAL (
          SELECT least(s.created_at, min(b.created_at), min(lower(b.period))) AS first
            FROM bookings b WHERE b.space_id = s.id) f
       WHERE s.status IN ('published', 'archived') AND s.id NOT IN (SELECT space_id FROM audited)
         AND (s.status = 'published' OR s.updated_at > f.first)`);

    await q.query(`
      CREATE FUNCTION space_publications_follow_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
          -- Published and withdrawn within one transaction: nothing was ever offered.
          DELETE FROM space_publications WHERE space_id = NEW.id AND upper_inf(period) AND lower(period) >= now();
          UPDATE space_publications SET period = tstzrange(lower(period), now())
           WHERE space_id = NEW.id AND upper_inf(period);
        END IF;
        IF NEW.status = 'published' THEN
          INSERT INTO space_publications (space_id, period) VALUES (NEW.id, tstzrange(now(), NULL));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER space_publications_insert AFTER INSERT ON spaces
      FOR EACH ROW WHEN (NEW.status = 'published') EXECUTE FUNCTION space_publications_follow_status()`);
    await q.query(`CREATE TRIGGER space_publications_status AFTER UPDATE OF status ON spaces
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status AND 'published' IN (OLD.status, NEW.status))
      EXECUTE FUNCTION space_publications_follow_status()`);

    // As for bookings, the UTC dates widened by a day cover any zone's local dates.
    await q.query(`
      CREATE FUNCTION occupancy_mark_publication() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          VALUES (NEW.space_id, (lower(NEW.period) AT TIME ZONE 'UTC')::date - 1,
                  coalesce((upper(NEW.period) AT TIME ZONE 'UTC')::date + 1, 'infinity'));
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO occupancy_dirty (space_id, from_date, to_date)
          VALUES (OLD.space_id, (lower(OLD.period) AT TIME ZONE 'UTC')::date - 1,
                  coalesce((upper(OLD.period) AT TIME ZONE 'UTC')::date + 1, 'infinity'));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER occupancy_publications AFTER INSERT OR UPDATE OR DELETE ON space_publications
      FOR EACH ROW EXECUTE FUNCTION occupancy_mark_publication()`);

    await q.query(`INSERT INTO occupancy_dirty (space_id, from_date, to_date)
      SELECT id, '-infinity', 'infinity' FROM spaces`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER occupancy_publications ON space_publications`);
    await q.query(
      `DROP TRIGGER space_publications_status ON spaces; DROP TRIGGER space_publications_insert ON spaces`,
    );
    await q.query(
      `DROP FUNCTION occupancy_mark_publication(); DROP FUNCTION space_publications_follow_status()`,
    );
    await q.query(`DROP TABLE space_publications`);
    await q.query(`INSERT INTO occupancy_dirty (space_id, from_date, to_date)
      SELECT id, '-infinity', 'infinity' FROM spaces`);
  }
}
