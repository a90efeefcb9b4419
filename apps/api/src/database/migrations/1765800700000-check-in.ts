import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-in and release: a space may ask its bookings to be checked in within N minutes of their start
 * (null: not asked), and since when (`check_in_since`: bookings that began before the rule was set are
 * never released by it); a booking records when and by whom it was checked in, and a new final status
 * `released` for a confirmed booking nobody checked in for in time. The exclusion constraint keeps its
 * `status IN ('pending', 'confirmed')` predicate: a released booking holds no slot, so the rest of it can
 * be booked again. The partial index serves the release sweep (confirmed, not checked in).
 */
export class CheckIn1765800700000 implements MigrationInterface {
  name = 'CheckIn1765800700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE spaces ADD COLUMN check_in_minutes integer
        CONSTRAINT spaces_check_in_minutes_check CHECK (check_in_minutes BETWEEN 5 AND 240),
        ADD COLUMN check_in_since timestamptz,
        ADD CONSTRAINT spaces_check_in_since_check CHECK ((check_in_minutes IS NULL) = (check_in_since IS NULL))`);
    await q.query(`
      ALTER TABLE bookings
        ADD COLUMN checked_in_at timestamptz,
        ADD COLUMN checked_in_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN released_at timestamptz,
        DROP CONSTRAINT bookings_status_check,
        ADD CONSTRAINT bookings_status_check
          CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show', 'expired', 'released'))`);
    await q.query(`
      CREATE INDEX bookings_awaiting_check_in ON bookings (lower(period))
        WHERE status = 'confirmed' AND checked_in_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bookings_awaiting_check_in`);
    await q.query(`UPDATE bookings SET status = 'no_show' WHERE status = 'released'`);
    await q.query(`
      ALTER TABLE bookings DROP CONSTRAINT bookings_status_check,
        DROP COLUMN checked_in_at, DROP COLUMN checked_in_by, DROP COLUMN released_at,
        ADD CONSTRAINT bookings_status_check
          CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show', 'expired'))`);
    await q.query(`ALTER TABLE spaces DROP COLUMN check_in_minutes, DROP COLUMN check_in_since`);
  }
}
