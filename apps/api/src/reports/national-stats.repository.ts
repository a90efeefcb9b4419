import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface NationalFigures {
  sitesOpen: number;
  spaces: number;
  areaSqm: number;
  organisationsHosted: number;
  hoursBooked: number;
}

@Injectable()
export class NationalStatsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The offer (published spaces, their sites and m²) and the bookings held (confirmed, or completed once
   * over) that start within [from, to). The hours come from the partial index on the held bookings' start,
   * which carries their period (an index-only scan of the year); the organisations by one probe each of
   * the index on (organisation, start), rather than a sort of the year's bookings for a distinct count.
   */
  async figures(from: Date, to: Date): Promise<NationalFigures> {
    const [row] = await this.db.query(
      `SELECT o.sites_open, o.spaces, o.area_sqm, b.seconds,
              (SELECT count(*)::int FROM organisations g
                WHERE EXISTS (SELECT 1 FROM bookings h
                               WHERE h.organisation_id = g.id AND h.status IN ('confirmed', 'completed')
                                 AND lower(h.period) >= $1 AND lower(h.period) < $2)) AS organisations
         FROM (SELECT count(DISTINCT site_id)::int AS sites_open, count(*)::int AS spaces,
                      coalesce(sum(area_sqm), 0)::float8 AS area_sqm
                 FROM spaces WHERE status = 'published') o,
              (SELECT coalesce(sum(extract(epoch FROM upper(period) - lower(period))), 0)::float8 AS seconds
                 FROM bookings
                WHERE status IN ('confirmed', 'completed') AND lower(period) >= $1 AND lower(period) < $2) b`,
      [from.toISOString(), to.toISOString()],
    );
    return {
      sitesOpen: row.sites_open,
      spaces: row.spaces,
      areaSqm: row.area_sqm,
      organisationsHosted: row.organisations,
      hoursBooked: row.seconds / 3600,
    };
  }
}
