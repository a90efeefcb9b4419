import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { describeSeries } from '@lieux/scheduling';
import type { BookingSeries } from '@lieux/contracts';

export interface NewSeries {
  id: string;
  spaceId: string;
  organisationId: string;
  createdBy: string;
  rrule: string;
  timeZone: string;
  firstStart: number;
  firstEnd: number;
  title: string;
  attendees: number;
  projectId?: string;
}

interface SeriesRow {
  id: string;
  space_id: string;
  space_name: string;
  site_name: string;
  site_id: string;
  time_zone: string;
  organisation_id: string;
  rrule: string;
  first_start: Date;
  first_end: Date;
  title: string;
  attendees: number;
  status: 'active' | 'cancelled';
  created_at: Date;
}

const SELECT_SERIES = `
  SELECT se.id, se.space_id, sp.name AS space_name, s.name AS site_name, s.id AS site_id, se.time_zone,
         se.organisation_id, se.rrule, lower(se.first_period) AS first_start, upper(se.first_period) AS first_end,
         se.title, se.attendees, se.status, se.created_at
    FROM booking_series se JOIN spaces sp ON sp.id = se.space_id JOIN sites s ON s.id = sp.site_id`;

const range = (start: number, end: number) =>
  `[${new Date(start).toISOString()},${new Date(end).toISOString()})`;

@Injectable()
export class SeriesRepository {
  constructor(private readonly db: DataSource) {}

  async insert(em: EntityManager, s: NewSeries): Promise<void> {
    await em.query(
      `INSERT INTO booking_series (id, space_id, organisation_id, created_by, rrule, time_zone, first_period, title, attendees,
                                   project_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7::tstzrange, $8, $9, $10)`,
      [
        s.id,
        s.spaceId,
        s.organisationId,
        s.createdBy,
        s.rrule,
        s.timeZone,
        range(s.firstStart, s.firstEnd),
        s.title,
        s.attendees,
        s.projectId ?? null,
      ],
    );
  }

  async find(
    id: string,
    em: EntityManager = this.db.manager,
  ): Promise<(BookingSeries & { siteId: string }) | null> {
    const rows: SeriesRow[] = await em.query(`${SELECT_SERIES} WHERE se.id = $1`, [id]);
    return rows[0] ? toSeries(rows[0]) : null;
  }

  async markCancelled(em: EntityManager, id: string): Promise<void> {
    await em.query(
      `UPDATE booking_series SET status = 'cancelled', cancelled_at = now() WHERE id = $1 AND status = 'active'`,
      [id],
    );
  }

  /**
   * After a cancellation: whether any of the series' bookings still stands (held, or past and kept), and
   * the SEQUENCE its calendar cancellation takes, above every change of any of its dates.
   */
  async afterCancel(id: string, em: EntityManager): Promise<{ standing: number; sequence: number }> {
    const [row] = await em.query(
      `SELECT (SELECT count(*)::int FROM bookings
                WHERE series_id = $1 AND status NOT IN ('cancelled', 'rejected', 'expired')) AS standing,
              (SELECT coalesce(max(n), 0)::int + 1 FROM (
                 SELECT count(*) AS n FROM booking_history h JOIN bookings b ON b.id = h.booking_id
                  WHERE b.series_id = $1 GROUP BY h.booking_id) changes) AS sequence`,
      [id],
    );
    return row;
  }

  /**
   * The series' bookings still active and not yet started, with the start each was invited at (its
   * RECURRENCE-ID: where the rule put it, even once moved).
   */
  async futureActive(
    id: string,
    now: number,
    em: EntityManager = this.db.manager,
  ): Promise<{ id: string; invitedAt: string }[]> {
    const rows: { id: string; invited_at: Date }[] = await em.query(
      `SELECT id, coalesce(original_start, lower(period)) AS invited_at FROM bookings
        WHERE series_id = $1 AND status IN ('pending', 'confirmed') AND lower(period) > $2
        ORDER BY lower(period) FOR UPDATE`,
      [id, new Date(now).toISOString()],
    );
    return rows.map((r) => ({ id: r.id, invitedAt: new Date(r.invited_at).toISOString() }));
  }
}

function toSeries(r: SeriesRow): BookingSeries & { siteId: string } {
  const firstStart = new Date(r.first_start).getTime();
  const firstEnd = new Date(r.first_end).getTime();
  return {
    id: r.id,
    spaceId: r.space_id,
    spaceName: r.space_name,
    siteName: r.site_name,
    siteId: r.site_id,
    timeZone: r.time_zone,
    organisationId: r.organisation_id,
    rrule: r.rrule,
    firstStart: new Date(firstStart).toISOString(),
    firstEnd: new Date(firstEnd).toISOString(),
    title: r.title,
    attendees: r.attendees,
    status: r.status,
    summary: describeSeries({ firstStart, firstEnd, rrule: r.rrule, timeZone: r.time_zone }, 'fr'),
    createdAt: new Date(r.created_at).toISOString(),
  };
}
