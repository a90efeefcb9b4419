import { Injectable } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import type { NationalStats } from '@lieux/contracts';
import { NationalStatsRepository } from './national-stats.repository';

/** The home page's figures change slowly and are asked by every visitor: computed once a minute at most. */
export const NATIONAL_STATS_TTL_MS = 60_000;
const ZONE = 'Europe/Paris';

@Injectable()
export class NationalStatsService {
  private cached?: { at: number; stats: Promise<NationalStats> };

  constructor(private readonly repository: NationalStatsRepository) {}

  get(now = Date.now()): Promise<NationalStats> {
    if (!this.cached || now - this.cached.at >= NATIONAL_STATS_TTL_MS) {
      const stats = this.compute(now);
      this.cached = { at: now, stats };
      // A failure is not kept: the next visitor asks the database again.
      stats.catch(() => {
        if (this.cached?.stats === stats) this.cached = undefined;
      });
    }
    return this.cached.stats;
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
