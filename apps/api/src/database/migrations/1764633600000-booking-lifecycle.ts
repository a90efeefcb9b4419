import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The life of a booking after it is made: decisions, cancellations (late ones flagged for occupancy),
 * no-shows, completion and expiry; the bookkeeping of reminders, so that a sweep over the database (not a
 * timer in some process) decides when one is due; the frozen solidarity discount; and the history of every
 * change, written in the transaction of the change.
 */
export class BookingLifecycle1764633600000 implements MigrationInterface {
  name = 'BookingLifecycle1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_status_check`);
    await q.query(`
      ALTER TABLE bookings
        ADD CONSTRAINT bookings_status_check
          CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show', 'expired')),
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN rejection_reason text CHECK (length(rejection_reason) <= 500),
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancelled_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN cancellation_reason text CHECK (length(cancellation_reason) <= 500),
        ADD COLUMN late_cancellation boolean NOT NULL DEFAULT false,
        ADD COLUMN no_show_at timestamptz,
        ADD COLUMN managers_reminded_at timestamptz,
        ADD COLUMN reminder_sent_at timestamptz,
        ADD COLUMN list_price_cents integer CHECK (list_price_cents >= price_cents),
        ADD COLUMN discount_percent smallint NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        ADD COLUMN discount_basis text`);

    // What the sweeps look for: pending requests by age, confirmed bookings by end and by start.
    await q.query(`CREATE INDEX bookings_pending_age ON bookings (created_at) WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX bookings_confirmed_end ON bookings (upper(period)) WHERE status = 'confirmed'`,
    );
    await q.query(
      `CREATE INDEX bookings_reminder_due ON bookings (lower(period)) WHERE status = 'confirmed' AND reminder_sent_at IS NULL`,
    );
    // Scoped lists: a site's or a space's bookings by start.
    await q.query(`CREATE INDEX bookings_space_start ON bookings (space_id, lower(period) DESC, id DESC)`);

    await q.query(`
      CREATE TABLE booking_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        from_status text,
        to_status text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}',
        reason text
      )`);
    await q.query(`CREATE INDEX booking_history_booking ON booking_history (booking_id, id)`);
    await q.query(`
      INSERT INTO booking_history (booking_id, at, actor_id, from_status, to_status)
      SELECT id, created_at, booked_by, NULL, status FROM bookings`);

    // A site's solidarity discounts: a percent for a legal form, or for a current ESUS approval ('esus').
    await q.query(`
      CREATE TABLE site_discounts (
        site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
        basis text NOT NULL CHECK (basis IN ('association', 'scop', 'scic', 'cae', 'cooperative', 'mutual',
          'foundation', 'esus_company', 'ess_company', 'esus')),
        percent smallint NOT NULL CHECK (percent BETWEEN 1 AND 100),
        PRIMARY KEY (site_id, basis)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE site_discounts`);
    await q.query(`DROP TABLE booking_history`);
    await q.query(
      `DROP INDEX bookings_space_start, bookings_reminder_due, bookings_confirmed_end, bookings_pending_age`,
    );
    await q.query(`UPDATE bookings SET status = 'cancelled' WHERE status = 'expired'`);
    await q.query(`
      ALTER TABLE bookings DROP CONSTRAINT bookings_status_check,
        DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN rejection_reason, DROP COLUMN cancelled_at,
        DROP COLUMN cancelled_by, DROP COLUMN cancellation_reason, DROP COLUMN late_cancellation,
        DROP COLUMN no_show_at, DROP COLUMN managers_reminded_at, DROP COLUMN reminder_sent_at,
        DROP COLUMN list_price_cents, DROP COLUMN discount_percent, DROP COLUMN discount_basis,
        ADD CONSTRAINT bookings_status_check
          CHECK (status IN ('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show'))`);
  }
}
