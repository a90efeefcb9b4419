import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { releasedRest } from '@lieux/scheduling';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { OutboxService } from '../notifications/outbox.service';
import { WaitlistSweeper } from '../bookings/waitlist-sweeper';
import { CheckInRepository } from './check-in.repository';

const BATCH = 100;

/**
 * Releases confirmed bookings nobody checked in for by their space's deadline. In one transaction per
 * batch: the status (`released`, a no-show in the reports), history, audit, the `booking.released` event
 * (the organisation's e-mail and webhook, through the outbox: never lost, never doubled), and the waiting
 * list offered the rest of each slot. Rows are taken FOR UPDATE SKIP LOCKED, so sweeps running side by
 * side release each booking once; a process that dies mid-batch leaves nothing half-written.
 */
@Injectable()
export class CheckInSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private job?: ScheduledJob;

  constructor(
    private readonly db: DataSource,
    private readonly checkIns: CheckInRepository,
    private readonly waitlist: WaitlistSweeper,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.job = this.jobs.sweep('CheckInRelease', this.config.checkInSweepSeconds * 1000, () => this.sweep(), {
      atStart: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** One pass over every booking due for release. Exposed for tests. */
  async sweep(): Promise<{ released: number; offers: number }> {
    let released = 0;
    let offers = 0;
    for (;;) {
      const batch = await this.db.transaction(async (em) => {
        const rows = await this.checkIns.release(em, BATCH);
        let offered = 0;
        for (const r of rows) {
          const rest = releasedRest(r, r.releasedAt, r.slotStepMinutes);
          if (!rest) continue;
          await this.checkIns.narrowWaiting(
            em,
            r.spaceId,
            { start: new Date(r.start), end: new Date(r.end) },
            new Date(rest.start),
            r.minDurationMinutes,
          );
        }
        for (const spaceId of new Set(rows.map((r) => r.spaceId)))
          offered += await this.waitlist.offer(em, spaceId);
        return { released: rows.length, offered };
      });
      released += batch.released;
      offers += batch.offered;
      if (batch.released < BATCH) break;
    }
    if (released > 0) this.outbox.kick();
    return { released, offers };
  }
}
