import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { WaitlistEntry, WaitlistStatus } from '@lieux/contracts';
import type { Period } from '@lieux/scheduling';

const range = (p: Period) => `[${new Date(p.start).toISOString()},${new Date(p.end).toISOString()})`;

const SELECT_ENTRY = `
  SELECT w.id, w.space_id, sp.name AS space_name, s.name AS site_name, s.time_zone, w.organisation_id,
         lower(w.period) AS start_at, upper(w.period) AS end_at, w.title, w.attendees, w.status,
         w.offer_expires_at, w.booking_id, w.created_at, w.user_id
    FROM waitlist_entries w JOIN spaces sp ON sp.id = w.space_id JOIN sites s ON s.id = sp.site_id`;

/** Freed-slot events of the booking lifecycle, which the waiting list turns into offers. */
// A booking moved (`booking.updated`) frees its former period, or part of it.
export const FREEING_EVENTS = ['booking.cancelled', 'booking.rejected', 'booking.expired', 'booking.updated'];

export interface NewEntry {
  spaceId: string;
  organisationId: string;
  userId: string;
  period: Period;
  title: string;
  attendees: number;
}

export type StoredEntry = WaitlistEntry & { userId: string | null };

@Injectable()
export class WaitlistRepository {
  constructor(private readonly db: DataSource) {}

  /** Raises 23505 when the organisation already waits for this very period. */
  async insert(em: EntityManager, e: NewEntry): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO waitlist_entries (space_id, organisation_id, user_id, period, title, attendees)
       VALUES ($1, $2, $3, $4::tstzrange, $5, $6) RETURNING id`,
      [e.spaceId, e.organisationId, e.userId, range(e.period), e.title, e.attendees],
    );
    return row.id;
  }

  async find(id: string, em: EntityManager = this.db.manager): Promise<StoredEntry | null> {
    const rows = await em.query(`${SELECT_ENTRY} WHERE w.id = $1`, [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  async listForOrganisation(organisationId: string, limit = 100): Promise<WaitlistEntry[]> {
    const rows = await this.db.query(
      `${SELECT_ENTRY} WHERE w.organisation_id = $1 ORDER BY w.created_at DESC, w.id DESC LIMIT $2`,
      [organisationId, limit],
    );
    return rows.map((r: EntryRow) => strip(toEntry(r)));
  }

  /** Moves an entry from one state to another; false when it was not in `from` any more. */
  async move(
    em: EntityManager,
    id: string,
    from: WaitlistStatus[],
    to: WaitlistStatus,
    bookingId: string | null = null,
  ): Promise<boolean> {
    const rows = await em.query(
      `WITH moved AS (
         UPDATE waitlist_entries SET status = $3, booking_id = coalesce($4, booking_id), updated_at = now()
          WHERE id = $1 AND status = ANY($2::text[])
          RETURNING id)
       SELECT id FROM moved`,
      [id, from, to, bookingId],
    );
    return rows.length > 0;
  }

  /** An offered entry back in line, keeping its place (its slot was taken again before it could accept). */
  async backInLine(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE waitlist_entries SET status = 'waiting', offer_expires_at = NULL, offered_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'offered'`,
      [id],
    );
  }

  /**
   * Offers, in queue order, every waiting entry of the space whose period (with the space's buffers) is free
   * of active bookings and of outstanding offers. Runs under the space's booking lock, so an offer is never
   * made for a slot being booked at the same moment. Returns the ids offered.
   */
  async offerFree(em: EntityManager, spaceId: string, offerMinutes: number): Promise<string[]> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [spaceId]);
    const candidates: { id: string }[] = await em.query(
      `SELECT id FROM waitlist_entries
        WHERE space_id = $1 AND status = 'waiting' AND lower(period) > now()
        ORDER BY created_at, id FOR UPDATE`,
      [spaceId],
    );
    const offered: string[] = [];
    for (const { id } of candidates) {
      const rows = await em.query(
        `WITH me AS (
           SELECT tstzrange(lower(w.period) - make_interval(mins => sp.buffer_before_minutes),
                            upper(w.period) + make_interval(mins => sp.buffer_after_minutes)) AS blocked,
                  sp.buffer_before_minutes AS before, sp.buffer_after_minutes AS after
             FROM waitlist_entries w JOIN spaces sp ON sp.id = w.space_id WHERE w.id = $1),
         offered AS (
           UPDATE waitlist_entries SET status = 'offered', offered_at = now(),
                  offer_expires_at = now() + make_interval(mins => $3), updated_at = now()
            WHERE id = $1 AND status = 'waiting'
              AND NOT EXISTS (SELECT 1 FROM bookings b, me
                               WHERE b.space_id = $2 AND b.status IN ('pending', 'confirmed')
                                 AND b.blocked_period && me.blocked)
              AND NOT EXISTS (SELECT 1 FROM waitlist_entries o, me
                               WHERE o.space_id = $2 AND o.status = 'offered' AND o.id <> $1
                                 AND tstzrange(lower(o.period) - make_interval(mins => me.before),
                                               upper(o.period) + make_interval(mins => me.after)) && me.blocked)
            RETURNING id)
         SELECT id FROM offered`,
        [id, spaceId, offerMinutes],
      );
      if (rows.length > 0) offered.push(id);
    }
    return offered;
  }

  /** Freed-slot events not yet turned into offers (a month back at most), oldest first. */
  async unhandledFreeingEvents(limit: number): Promise<{ id: string; bookingId: string | null }[]> {
    const rows: { id: string; booking_id: string | null }[] = await this.db.query(
      `SELECT o.id, o.payload->>'bookingId' AS booking_id FROM outbox o
        WHERE o.type = ANY($1::text[]) AND o.created_at > now() - interval '30 days'
          AND NOT EXISTS (SELECT 1 FROM waitlist_handled_events h WHERE h.event_id = o.id)
        ORDER BY o.created_at LIMIT $2`,
      [FREEING_EVENTS, limit],
    );
    return rows.map((r) => ({ id: r.id, bookingId: r.booking_id }));
  }

  /** Claims an event for this transaction; false when another run handled it already. */
  async claimEvent(em: EntityManager, eventId: string): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO waitlist_handled_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_id`,
      [eventId],
    );
    return rows.length > 0;
  }

  async spaceOfBooking(em: EntityManager, bookingId: string): Promise<string | null> {
    const [row] = await em.query(`SELECT space_id FROM bookings WHERE id = $1`, [bookingId]);
    return row?.space_id ?? null;
  }

  async dueOffers(limit: number): Promise<{ id: string; spaceId: string }[]> {
    const rows: { id: string; space_id: string }[] = await this.db.query(
      `SELECT id, space_id FROM waitlist_entries WHERE status = 'offered' AND offer_expires_at <= now()
        ORDER BY offer_expires_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, spaceId: r.space_id }));
  }

  /** An offer past its deadline, expired; false when it was accepted, declined or expired meanwhile. */
  async expireOffer(em: EntityManager, id: string): Promise<boolean> {
    const rows = await em.query(
      `WITH gone AS (
         UPDATE waitlist_entries SET status = 'expired', updated_at = now()
          WHERE id = $1 AND status = 'offered' AND offer_expires_at <= now() RETURNING id)
       SELECT id FROM gone`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * Waiting entries whose slot has begun: nothing left to wait for, unless a booking in their way may
   * still be released for want of a check-in (the rest of its slot is then offered, see CheckInSweeper).
   */
  async expireStale(): Promise<void> {
    await this.db.query(
      `UPDATE waitlist_entries w SET status = 'expired', updated_at = now()
        WHERE w.status = 'waiting' AND lower(w.period) <= now()
          AND NOT (upper(w.period) > now() AND EXISTS (
                SELECT 1 FROM bookings b JOIN spaces sp ON sp.id = b.space_id
                 WHERE b.space_id = w.space_id AND b.period && w.period AND b.status = 'confirmed'
                   AND b.checked_in_at IS NULL AND sp.check_in_minutes IS NOT NULL
                   AND lower(b.period) >= sp.check_in_since))`,
    );
  }

  async spacesWithWaiting(limit: number): Promise<string[]> {
    const rows: { space_id: string }[] = await this.db.query(
      `SELECT DISTINCT space_id FROM waitlist_entries WHERE status = 'waiting' AND lower(period) > now() LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.space_id);
  }
}

interface EntryRow {
  id: string;
  space_id: string;
  space_name: string;
  site_name: string;
  time_zone: string;
  organisation_id: string;
  start_at: Date;
  end_at: Date;
  title: string;
  attendees: number;
  status: WaitlistStatus;
  offer_expires_at: Date | null;
  booking_id: string | null;
  created_at: Date;
  user_id: string | null;
}

function toEntry(r: EntryRow): StoredEntry {
  return {
    id: r.id,
    spaceId: r.space_id,
    spaceName: r.space_name,
    siteName: r.site_name,
    timeZone: r.time_zone,
    organisationId: r.organisation_id,
    start: new Date(r.start_at).toISOString(),
    end: new Date(r.end_at).toISOString(),
    title: r.title,
    attendees: r.attendees,
    status: r.status,
    offerExpiresAt:
      r.status === 'offered' && r.offer_expires_at ? new Date(r.offer_expires_at).toISOString() : null,
    bookingId: r.booking_id,
    createdAt: new Date(r.created_at).toISOString(),
    userId: r.user_id,
  };
}

export function strip({ userId: _u, ...entry }: StoredEntry): WaitlistEntry {
  return entry;
}
