import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts of paid bookings. Their numbers run without gaps per series (the issuer's prefix) and calendar
 * year: a counter row, locked by the update that takes the next number in the transaction that confirms
 * the booking, rather than a sequence, whose numbers a rolled-back transaction would leave unused. A
 * receipt is never deleted nor renumbered: a booking cancelled afterwards marks it cancelled, and one
 * moved or repriced afterwards gets a new receipt, the old one marked cancelled.
 */
export class Receipts1765700600000 implements MigrationInterface {
  name = 'Receipts1765700600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_counters (
        series text NOT NULL,
        year smallint NOT NULL,
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (series, year)
      )`);
    await q.query(`
      CREATE TABLE receipts (
        number text PRIMARY KEY,
        booking_id uuid NOT NULL REFERENCES bookings (id),
        series text NOT NULL,
        year smallint NOT NULL,
        sequence integer NOT NULL CHECK (sequence > 0),
        issued_at timestamptz NOT NULL,
        facts jsonb NOT NULL,
        cancelled_at timestamptz,
        CONSTRAINT receipts_sequence_unique UNIQUE (series, year, sequence)
      )`);
    // One standing receipt a booking; a booking moved after its receipt gets a new one, the old cancelled.
    await q.query(
      `CREATE UNIQUE INDEX receipts_standing ON receipts (booking_id) WHERE cancelled_at IS NULL`,
    );
    await q.query(`CREATE INDEX receipts_booking ON receipts (booking_id, issued_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE receipts`);
    await q.query(`DROP TABLE receipt_counters`);
  }
}
