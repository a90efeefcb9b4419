import { Injectable, Logger } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DataSource } from 'typeorm';
import { sqlState } from '../database/database.module';
import { GeographyService } from '../geography/geography.service';
import type { DigestPayload } from '../notifications/occupancy-digest-email';
import { OutboxService } from '../notifications/outbox.service';
import { DigestsRepository } from './digests.repository';
import { monthLabel, ReportsService, THEME_LABELS } from './reports.service';

const UNIQUE_VIOLATION = '23505';

/**
 * The monthly digest: each delegate gets last month's report of each region they hold, once. The
 * `occupancy_digests` row and the outbox event are written in one transaction, and the row's key
 * (delegate, month, region) refuses a second one, however many times or in how many processes this runs.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('OccupancyDigest');

  constructor(
    private readonly db: DataSource,
    private readonly digests: DigestsRepository,
    private readonly reports: ReportsService,
    private readonly geography: GeographyService,
    private readonly outbox: OutboxService,
  ) {}

  /** Sends the digest of `month` (YYYY-MM) to every delegate who has not had it; answers how many were queued. */
  async send(month: string): Promise<number> {
    const ym = Temporal.PlainYearMonth.from(month);
    const from = ym.toPlainDate({ day: 1 }).toString();
    const to = ym.toPlainDate({ day: ym.daysInMonth }).toString();
    const due = await this.digests.due(from);
    let queued = 0;
    for (const { user_id: userId, region_code: regionCode } of due) {
      const scope = `region:${regionCode}`;
      // Computed before the transaction: the embedded database has one connection, held by a transaction.
      const report = await this.reports.occupancy(null, { scope, from, to, groupBy: 'site' }, true);
      const news = await this.digests.projectNews(regionCode, from, to);
      const payload: DigestPayload = {
        userId,
        regionCode,
        regionName: this.geography.regions().find((r) => r.code === regionCode)?.name ?? regionCode,
        month,
        monthLabel: monthLabel(ym),
        offeredSqmHours: report.totals.offeredSqmHours ?? 0,
        usedSqmHours: report.totals.usedSqmHours,
        rate: report.totals.rate,
        bookings: report.totals.bookings,
        organisations: report.totals.organisations,
        csv: this.reports.csv(report),
        csvName: `occupation-region-${regionCode}-${month}.csv`,
        newProjects: news.projects.map((p) => ({
          id: p.id,
          title: p.title,
          theme: THEME_LABELS[p.theme] ?? p.theme,
          organisationName: p.organisation_name,
        })),
        newReports: news.reports.map((r) => ({
          projectTitle: r.title,
          peopleReached: r.people_reached,
          sentence: r.sentence,
        })),
      };
      try {
        await this.db.transaction(async (em) => {
          const eventId = await this.outbox.append(em, 'occupancy.digest', { ...payload });
          await this.digests.record(em, { userId, from, regionCode, eventId });
        });
        queued++;
      } catch (err) {
        // Another run queued it first: its transaction won, ours left nothing.
        if (sqlState(err) !== UNIQUE_VIOLATION) throw err;
      }
    }
    if (queued > 0) {
      this.outbox.kick();
      this.logger.log(`digest of ${month}: ${queued} queued`);
    }
    return queued;
  }
}
