import { Injectable, Logger } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import type { NationalStats } from '@lieux/contracts';
import { NationalStatsRepository } from './national-stats.repository';

/**
 * How old the home page's figures may be. Counted live they cost about a second of the database on the
 * national data set (a year of held bookings): once a minute per process, never once per visitor.
 */
export const NATIONAL_STATS_TTL_MS = 60_000;
const ZONE = 'Europe/Paris';

@Injectable()
export class NationalStatsService {
  private readonly logger = new Logger('NationalStats');
  private cached?: { at: number; stats: NationalStats };
  private refreshing?: Promise<NationalStats>;

  constructor(private readonly repository: NationalStatsRepository) {}

  /**
   * The figures, counted again once they are a minute old: the first visitor after that gets the previous
   * ones at once while they are counted (only the very first visitor of a process waits).
   */
  async get(now = Date.now()): Promise<NationalStats> {
    if (this.cached && now - this.cached.at < NATIONAL_STATS_TTL_MS) return this.cached.stats;
    const refresh = this.refresh(now);
    if (!this.cached) return refresh;
    refresh.catch((e: unknown) =>
      this.logger.warn({ msg: 'national figures not refreshed', err: String(e) }),
    );
    return this.cached.stats;
  }

  private refresh(now: number): Promise<NationalStats> {
    this.refreshing ??= this.compute(now)
      .then((stats) => {
        this.cached = { at: now, stats };
        return stats;
      })
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async compute(now: number): Promise<NationalStats> {
    const year = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(ZONE).year;
    const startOf = (y: number) =>
      new Date(
        Temporal.PlainDate.from({ year: y, month: 1, day: 1 }).toZonedDateTime(ZONE).epochMilliseconds,
      );
    const f = await this.repository.figures(startOf(year), startOf(year + 1));
    return {
      year,
      sitesOpen: f.sitesOpen,
      spaces: f.spaces,
      areaSqm: Math.round(f.areaSqm * 100) / 100,
      organisationsHosted: f.organisationsHosted,
      hoursBooked: Math.round(f.hoursBooked * 100) / 100,
    };
  }
}
