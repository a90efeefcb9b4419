import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { DigestService } from './digest.service';
import { OccupancyService } from './occupancy.service';

const REFRESH_MS = 5_000;
const DIGEST_ZONE = 'Europe/Paris';

/** Last month, as YYYY-MM, seen from Paris. */
export function lastMonth(now: number = Date.now()): string {
  return parisDate(now).toPlainYearMonth().subtract({ months: 1 }).toString();
}

const parisDate = (now: number) =>
  Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(DIGEST_ZONE).toPlainDate();

/**
 * The two occupancy jobs: the rollups refreshed from the dirty queue every few seconds, and the monthly
 * digest at 07:00 on the first, Paris time. Both read their work from PostgreSQL (the dirty queue, the
 * digests already sent), so a lost or doubled run changes nothing.
 */
@Injectable()
export class OccupancyJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private jobs: ScheduledJob[] = [];

  constructor(
    @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler,
    private readonly occupancy: OccupancyService,
    private readonly digest: DigestService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs = [
      this.scheduler.repeat('occupancy', 'refresh', { everyMs: REFRESH_MS }, () => this.occupancy.drain()),
      this.scheduler.repeat('occupancy', 'digest', { monthly: { day: 1, hour: 7, zone: DIGEST_ZONE } }, () =>
        this.digest.send(lastMonth()),
      ),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.jobs.map((job) => job.stop()));
  }
}
