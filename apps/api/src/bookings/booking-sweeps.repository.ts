import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TRANSITIONS } from '@lieux/scheduling';

/**
 * The sweeps' statements: each takes up to `batch` due bookings with FOR UPDATE SKIP LOCKED (two sweepers
 * skip each other's rows), changes them, writes their history and outbox events in the same statement, and
 * answers how many it took.
 */
@Injectable()
export class BookingSweepsRepository {
  constructor(private readonly db: DataSource) {}

  /** Confirmed bookings that have ended become completed. */
  complete(batch: number): Promise<number> {
    const { from, to } = TRANSITIONS.complete;
    return this.count(
      `WITH due AS (SELECT id, status FROM bookings WHERE status = ANY($1::text[]) AND upper(period) <= now()
                     ORDER BY upper(period) LIMIT $3 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET status = $2, updated_at = now() FROM due
                   WHERE bookings.id = due.id RETURNING bookings.id, due.status AS from_status),
            h AS (INSERT INTO booking_history (booking_id, from_status, to_status, changes)
                  SELECT id, from_status, $2, jsonb_build_object('status', jsonb_build_array(from_status, $2::text)) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [from, to, batch],
    );
  }

  /**
   * Requests unanswered for `expirySeconds` (counted from when they became requests: a moved booking may
   * become one again), or whose start has come, free their slot.
   */
  expire(expirySeconds: number, batch: number): Promise<number> {
    const { from, to } = TRANSITIONS.expire;
    return this.count(
      `WITH due AS (SELECT id, status FROM bookings
                     WHERE status = ANY($1::text[])
                       AND (coalesce(requested_at, created_at) <= now() - make_interval(secs => $3) OR lower(period) <= now())
                     ORDER BY coalesce(requested_at, created_at) LIMIT $4 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET status = $2, updated_at = now() FROM due
                   WHERE bookings.id = due.id RETURNING bookings.id, due.status AS from_status),
            h AS (INSERT INTO booking_history (booking_id, from_status, to_status, changes, reason)
                  SELECT id, from_status, $2, jsonb_build_object('status', jsonb_build_array(from_status, $2::text)),
                         'Sans réponse du gestionnaire dans le délai' FROM b),
            o AS (INSERT INTO outbox (type, payload)
                  SELECT 'booking.expired', jsonb_build_object('bookingId', b.id, 'sequence',
                           (SELECT count(*) FROM booking_history x WHERE x.booking_id = b.id)) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [from, to, expirySeconds, batch],
    );
  }

  /** Requests unanswered for `afterSeconds`: the managers are reminded once. */
  remindManagers(afterSeconds: number, batch: number): Promise<number> {
    return this.count(
      `WITH due AS (SELECT id FROM bookings
                     WHERE status = 'pending' AND managers_reminded_at IS NULL
                       AND coalesce(requested_at, created_at) <= now() - make_interval(secs => $1)
                     ORDER BY coalesce(requested_at, created_at) LIMIT $2 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET managers_reminded_at = now() FROM due WHERE bookings.id = due.id
                  RETURNING bookings.id),
            o AS (INSERT INTO outbox (type, payload)
                  SELECT 'booking.request_reminder', jsonb_build_object('bookingId', id) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [afterSeconds, batch],
    );
  }

  /**
   * The reminder before the start, for bookings made long enough before it (one made the evening before
   * has just had its confirmation).
   */
  queueReminders(beforeSeconds: number, batch: number): Promise<number> {
    return this.count(
      `WITH due AS (SELECT id FROM bookings
                     WHERE status = 'confirmed' AND reminder_sent_at IS NULL
                       AND lower(period) > now() AND lower(period) <= now() + make_interval(secs => $1)
                       AND created_at <= lower(period) - make_interval(secs => $1)
                     ORDER BY lower(period) LIMIT $2 FOR UPDATE SKIP LOCKED),
            b AS (UPDATE bookings SET reminder_sent_at = now() FROM due WHERE bookings.id = due.id
                  RETURNING bookings.id),
            o AS (INSERT INTO outbox (type, payload)
                  SELECT 'booking.reminder', jsonb_build_object('bookingId', id) FROM b)
       SELECT count(*)::int AS n FROM b`,
      [beforeSeconds, batch],
    );
  }

  private async count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await this.db.query(sql, params);
    return row.n;
  }
}
