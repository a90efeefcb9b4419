import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings that change (moved, another number of people):
 * - `requested_at`: when a booking became a request awaiting the manager's answer, if not at its creation (a
 *   confirmed booking its organisation moved on a space that needs approval). The expiry and the managers'
 *   reminder count from it, and the approval judges notice at that moment.
 * - `original_start`: where a moved occurrence of a series was first invited, its iCalendar RECURRENCE-ID
 *   for good (null while it has not moved).
 */
export class BookingChanges1765700100000 implements MigrationInterface {
  name = 'BookingChanges1765700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bookings ADD COLUMN requested_at timestamptz, ADD COLUMN original_start timestamptz`,
    );
    await q.query(`DROP INDEX bookings_pending_age`);
    await q.query(
      `CREATE INDEX bookings_pending_age ON bookings ((coalesce(requested_at, created_at))) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bookings_pending_age`);
    await q.query(`CREATE INDEX bookings_pending_age ON bookings (created_at) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE bookings DROP COLUMN requested_at, DROP COLUMN original_start`);
  }
}
