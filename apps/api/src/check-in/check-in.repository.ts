import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../http/request-id';

/** A booking released by the sweep: what offering the rest of its slot needs. */
export interface ReleasedBooking {
  id: string;
  spaceId: string;
  start: number;
  end: number;
  releasedAt: number;
  slotStepMinutes: number;
  minDurationMinutes: number;
}

/**
 * Check-in and release statements. Each writes the booking, its history line, its audit entry and (for a
 * release) its outbox event in one statement, on the condition that the booking is still as read: a
 * check-in and a release racing each other end with exactly one of them done.
 */
@Injectable()
export class CheckInRepository {
  /**
   * Records the check-in if the booking is still confirmed, not checked in, and its window still open
   * (`closesAt`: a release may not have happened yet when the sweep is late, the deadline holds anyway).
   */
  async checkIn(em: EntityManager, id: string, actorId: string, closesAt: Date): Promise<boolean> {
    const rows = await em.query(
      `WITH b AS (UPDATE bookings SET checked_in_at = now(), checked_in_by = $2, updated_at = now()
                   WHERE id = $1 AND status = 'confirmed' AND checked_in_at IS NULL AND now() < $3
                   RETURNING id, checked_in_at),
            c AS (SELECT id, jsonb_build_object('checkedInAt', jsonb_build_array(NULL, checked_in_at)) AS changes FROM b),
            h AS (INSERT INTO booking_history (booking_id, actor_id, from_status, to_status, changes)
                  SELECT id, $2, 'confirmed', 'confirmed', changes FROM c),
            a AS (INSERT INTO audit_log (actor_id, entity, entity_id, action, changes)
                  SELECT $2, 'booking', id, 'check_in', changes FROM c)
       SELECT id FROM b`,
      [id, actorId, closesAt],
    );
    return rows.length === 1;
  }

  /**
   * Releases up to `batch` confirmed bookings nobody checked in for by their space's deadline. Only
   * bookings starting after the rule was set on the space (`check_in_since`): turning it on does not
   * release what was booked and begun under no such rule. FOR UPDATE SKIP LOCKED: two sweeps take
   * different rows, and the status condition of the UPDATE makes a row released once.
   */
  async release(em: EntityManager, batch: number): Promise<ReleasedBooking[]> {
    const rows: {
      id: string;
      space_id: string;
      s: Date;
      e: Date;
      released_at: Date;
      slot_step_minutes: number;
      min_duration_minutes: number;
    }[] = await em.query(
      `WITH due AS (SELECT b.id FROM bookings b JOIN spaces sp ON sp.id = b.space_id
                     WHERE b.status = 'confirmed' AND b.checked_in_at IS NULL AND sp.check_in_minutes IS NOT NULL
                       AND lower(b.period) >= sp.check_in_since
                       AND lower(b.period) + make_interval(mins => sp.check_in_minutes) <= now()
                     ORDER BY lower(b.period) LIMIT $1 FOR UPDATE OF b SKIP LOCKED),
            b AS (UPDATE bookings SET status = 'released', released_at = now(), updated_at = now() FROM due
                   WHERE bookings.id = due.id AND bookings.status = 'confirmed' AND bookings.checked_in_at IS NULL
                   RETURNING bookings.id, bookings.space_id, bookings.period, bookings.released_at),
            h AS (INSERT INTO booking_history (booking_id, from_status, to_status, changes, reason)
                  SELECT id, 'confirmed', 'released', jsonb_build_object('status', jsonb_build_array('confirmed', 'released')),
                         'Personne n’a signalé son arrivée dans le délai' FROM b),
            a AS (INSERT INTO audit_log (actor_id, entity, entity_id, action, changes)
                  SELECT NULL, 'booking', id, 'release', jsonb_build_object('status', jsonb_build_array('confirmed', 'released')) FROM b),
            o AS (INSERT INTO outbox (type, payload, request_id)
                  SELECT 'booking.released', jsonb_build_object('bookingId', b.id, 'sequence',
                           (SELECT count(*) FROM booking_history x WHERE x.booking_id = b.id)), $2::text FROM b)
       SELECT b.id, b.space_id, lower(b.period) AS s, upper(b.period) AS e, b.released_at,
              sp.slot_step_minutes, sp.min_duration_minutes
         FROM b JOIN spaces sp ON sp.id = b.space_id`,
      [batch, currentRequestId() ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      spaceId: r.space_id,
      start: new Date(r.s).getTime(),
      end: new Date(r.e).getTime(),
      releasedAt: new Date(r.released_at).getTime(),
      slotStepMinutes: r.slot_step_minutes,
      minDurationMinutes: r.min_duration_minutes,
    }));
  }

  /**
   * The waiting entries of the space that wanted part of the released slot now wait for what is left of
   * their wish from `restStart` on, when that is still long enough to be booked; the waiting list's own
   * offering then offers them in queue order. An entry whose organisation already waits for that very
   * period is left as it is (it would be the same wish twice).
   */
  async narrowWaiting(
    em: EntityManager,
    spaceId: string,
    released: { start: Date; end: Date },
    restStart: Date,
    minDurationMinutes: number,
  ): Promise<number> {
    const rows = await em.query(
      `WITH wish AS (
         SELECT DISTINCT ON (w.organisation_id, upper(w.period)) w.id, tstzrange($4, upper(w.period)) AS rest
           FROM waitlist_entries w
          WHERE w.space_id = $1 AND w.status = 'waiting'
            AND w.period && tstzrange($2, $3) AND lower(w.period) < $4
            AND upper(w.period) >= $4::timestamptz + make_interval(mins => $5)
            AND NOT EXISTS (SELECT 1 FROM waitlist_entries x
                             WHERE x.space_id = w.space_id AND x.organisation_id = w.organisation_id
                               AND x.status IN ('waiting', 'offered') AND x.period = tstzrange($4, upper(w.period)))
          ORDER BY w.organisation_id, upper(w.period), w.created_at, w.id)
       UPDATE waitlist_entries w SET period = wish.rest, updated_at = now() FROM wish WHERE w.id = wish.id
       RETURNING w.id`,
      [spaceId, released.start, released.end, restStart, minDurationMinutes],
    );
    return rows.length;
  }
}
