import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recurring bookings and the waiting list. A series keeps its rule and first slot; its occurrences are
 * ordinary bookings pointing to it, so every guarantee on bookings (no overlap, history) holds for them.
 * A waiting-list entry queues an organisation for a taken period; an offer is the entry's own state with
 * its deadline, so a sweep of the table finds what expired even after a crash.
 */
export class SeriesAndWaitlist1764720000000 implements MigrationInterface {
  name = 'SeriesAndWaitlist1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE booking_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES spaces (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        rrule text NOT NULL CHECK (length(rrule) BETWEEN 1 AND 500),
        time_zone text NOT NULL,
        first_period tstzrange NOT NULL CHECK (NOT isempty(first_period)),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        attendees integer NOT NULL CHECK (attendees > 0),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        cancelled_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX booking_series_organisation ON booking_series (organisation_id, created_at DESC)`,
    );
    await q.query(`ALTER TABLE bookings ADD COLUMN series_id uuid REFERENCES booking_series (id)`);
    await q.query(
      `CREATE INDEX bookings_series ON bookings (series_id, lower(period)) WHERE series_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE waitlist_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        space_id uuid NOT NULL REFERENCES spaces (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        period tstzrange NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        attendees integer NOT NULL CHECK (attendees > 0),
        status text NOT NULL DEFAULT 'waiting'
          CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'withdrawn')),
        offered_at timestamptz,
        offer_expires_at timestamptz,
        booking_id uuid REFERENCES bookings (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'offered' OR offer_expires_at IS NOT NULL)
      )`);
    // One live entry per organisation and period: queueing twice would only jump one's own place.
    await q.query(`CREATE UNIQUE INDEX waitlist_live_once ON waitlist_entries (space_id, organisation_id, period)
      WHERE status IN ('waiting', 'offered')`);
    await q.query(`CREATE INDEX waitlist_queue ON waitlist_entries USING gist (space_id, period)
      WHERE status IN ('waiting', 'offered')`);
    await q.query(
      `CREATE INDEX waitlist_offer_deadline ON waitlist_entries (offer_expires_at) WHERE status = 'offered'`,
    );
    await q.query(
      `CREATE INDEX waitlist_organisation ON waitlist_entries (organisation_id, created_at DESC)`,
    );

    // The waiting list's consumer reads the events that free a slot; this keeps that read off the rest.
    await q.query(`CREATE INDEX outbox_freed_slots ON outbox (created_at)
      WHERE type IN ('booking.cancelled', 'booking.rejected', 'booking.expired')`);
    // A freed-slot event is turned into offers once: its id is recorded in the transaction that makes them.
    await q.query(`
      CREATE TABLE waitlist_handled_events (
        event_id uuid PRIMARY KEY REFERENCES outbox (id),
        handled_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE waitlist_handled_events`);
    await q.query(`DROP INDEX outbox_freed_slots`);
    await q.query(`DROP TABLE waitlist_entries`);
    await q.query(`ALTER TABLE bookings DROP COLUMN series_id`);
    await q.query(`DROP TABLE booking_series`);
  }
}
