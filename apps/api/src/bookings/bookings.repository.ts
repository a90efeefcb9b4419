import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Booking, BookingStatus } from '@lieux/contracts';
import type { Period } from '@lieux/scheduling';

export interface NewBooking {
  id: string;
  spaceId: string;
  organisationId: string;
  bookedBy: string;
  status: BookingStatus;
  period: Period;
  blocked: Period;
  title: string;
  attendees: number;
  priceCents: number;
  /** The series the booking is an occurrence of. */
  seriesId?: string;
}

const range = (p: Period) => `[${new Date(p.start).toISOString()},${new Date(p.end).toISOString()})`;

const SELECT_BOOKING = `
  SELECT b.id, b.space_id, sp.name AS space_name, s.name AS site_name, s.time_zone, b.organisation_id, b.status,
         lower(b.period) AS start_at, upper(b.period) AS end_at, b.title, b.attendees, b.price_cents, b.created_at
    FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id`;

@Injectable()
export class BookingsRepository {
  constructor(private readonly db: DataSource) {}

  /** Raises SQLSTATE 23P01 when an active booking of the space overlaps `blocked`. */
  async insert(em: EntityManager, b: NewBooking): Promise<void> {
    // The constraint alone is the guarantee. The lock only queues writers of the same space: without it,
    // simultaneous inserts that meet on the exclusion constraint wait for each other's in-progress rows
    // and deadlock (seen here: 20 requests for one slot, up to 19 aborted as deadlock victims).
    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [b.spaceId]);
    await em.query(
      `INSERT INTO bookings (id, space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees, price_cents, series_id)
       VALUES ($1, $2, $3, $4, $5, $6::tstzrange, $7::tstzrange, $8, $9, $10, $11)`,
      [
        b.id,
        b.spaceId,
        b.organisationId,
        b.bookedBy,
        b.status,
        range(b.period),
        range(b.blocked),
        b.title,
        b.attendees,
        b.priceCents,
        b.seriesId ?? null,
      ],
    );
  }

  async findById(id: string, em: EntityManager = this.db.manager): Promise<Booking | null> {
    const rows = await em.query(`${SELECT_BOOKING} WHERE b.id = $1`, [id]);
    return rows[0] ? toBooking(rows[0]) : null;
  }

  /** Active bookings' blocked periods meeting the window, without anything that names who booked. */
  async findBusy(spaceId: string, window: Period): Promise<Period[]> {
    const rows: { s: Date; e: Date }[] = await this.db.query(
      `SELECT lower(blocked_period) AS s, upper(blocked_period) AS e
         FROM bookings
        WHERE space_id = $1 AND status IN ('pending', 'confirmed') AND blocked_period && $2::tstzrange
        ORDER BY lower(blocked_period)`,
      [spaceId, range(window)],
    );
    return rows.map((r) => ({ start: new Date(r.s).getTime(), end: new Date(r.e).getTime() }));
  }

  /** Keyset page of an organisation's bookings, latest start first. */
  async listForOrganisation(
    organisationId: string,
    limit: number,
    after?: { start: string; id: string },
  ): Promise<Booking[]> {
    const rows = after
      ? await this.db.query(
          `${SELECT_BOOKING} WHERE b.organisation_id = $1 AND (lower(b.period), b.id) < ($2::timestamptz, $3::uuid)
            ORDER BY lower(b.period) DESC, b.id DESC LIMIT $4`,
          [organisationId, after.start, after.id, limit],
        )
      : await this.db.query(
          `${SELECT_BOOKING} WHERE b.organisation_id = $1 ORDER BY lower(b.period) DESC, b.id DESC LIMIT $2`,
          [organisationId, limit],
        );
    return rows.map(toBooking);
  }
}

/** The bookings of a series, in order, every status. */
export async function listBySeries(db: DataSource, seriesId: string): Promise<Booking[]> {
  const rows = await db.query(`${SELECT_BOOKING} WHERE b.series_id = $1 ORDER BY lower(b.period), b.id`, [
    seriesId,
  ]);
  return rows.map(toBooking);
}

interface BookingRow {
  id: string;
  space_id: string;
  space_name: string;
  site_name: string;
  time_zone: string;
  organisation_id: string;
  status: BookingStatus;
  start_at: Date;
  end_at: Date;
  title: string;
  attendees: number;
  price_cents: number;
  created_at: Date;
}

function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    spaceId: r.space_id,
    spaceName: r.space_name,
    siteName: r.site_name,
    timeZone: r.time_zone,
    organisationId: r.organisation_id,
    status: r.status,
    start: new Date(r.start_at).toISOString(),
    end: new Date(r.end_at).toISOString(),
    title: r.title,
    attendees: r.attendees,
    priceCents: r.price_cents,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
