import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { NeedMatcher } from './need-matcher';
import { NeedsRepository } from './needs.repository';

/** How often the dirty queue is looked at: a space published meets its needs within a second. */
const REMATCH_MS = 300;
const EXPIRE_MS = 10 * 60_000;

/**
 * The needs' background work: the dirty queue drained (each process that runs jobs, safely side by side:
 * the queue's rows are taken with SKIP LOCKED), the needs never matched matched once, and the needs whose
 * dates have passed expired. All read their work from PostgreSQL, so a lost or doubled run changes nothing.
 */
@Injectable()
export class NeedsJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private jobs: ScheduledJob[] = [];

  constructor(
    @Inject(JOB_SCHEDULER) private readonly scheduler: JobScheduler,
    private readonly matcher: NeedMatcher,
    private readonly needs: NeedsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs = [
      this.scheduler.sweep('needs-rematch', REMATCH_MS, async () => {
        // Until the queue is empty, a batch at a time; then the needs nobody matched yet.
        while ((await this.matcher.drain()) > 0);
        await this.matcher.matchUnmatched();
      }),
      this.scheduler.sweep('needs-expire', EXPIRE_MS, () => this.needs.expire(), { atStart: true }),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.jobs.map((job) => job.stop()));
  }
}
