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
   * over) that start within [from, to). The bookings come from the partial index on their start, which
   * carries the organisation and the period: an index-only scan of the year's held bookings.
   */
  async figures(from: Date, to: Date): Promise<NationalFigures> {
    const [row] = await this.db.query(
      `SELECT o.sites_open, o.spaces, o.area_sqm, b.organisations, b.seconds
         FROM (SELECT count(DISTINCT site_id)::int AS sites_open, count(*)::int AS spaces,
                      coalesce(sum(area_sqm), 0)::float8 AS area_sqm
                 FROM spaces WHERE status = 'published') o,
              (SELECT count(DISTINCT organisation_id)::int AS organisations,
                      coalesce(sum(extract(epoch FROM upper(period) - lower(period))), 0)::float8 AS seconds
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
