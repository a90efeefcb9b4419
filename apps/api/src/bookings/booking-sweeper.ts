import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { OutboxService } from '../notifications/outbox.service';
import { BookingSweepsRepository } from './booking-sweeps.repository';

const BATCH = 500;

export interface SweepCounts {
  completed: number;
  expired: number;
  requestsReminded: number;
  remindersQueued: number;
}

/**
 * What happens to bookings with time alone: confirmed ones complete once they end, requests left
 * unanswered are reminded to the managers and then expire, and the day-before reminder is queued. Each is
 * found in the database by a conditional UPDATE, never held in a timer of some process: a process that
 * dies loses nothing, another one (or the next start) picks it up, and two sweeping at once skip each
 * other's rows. The e-mail reads the booking again when it is written, so a reminder for a booking that
 * changed in between sends nothing.
 */
@Injectable()
export class BookingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private job?: ScheduledJob;
  private stopped = false;

  constructor(
    private readonly sweeps: BookingSweepsRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.job = this.jobs.sweep('BookingSweeper', this.config.bookingSweepSeconds * 1000, () => this.sweep(), {
      atStart: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.job?.stop();
  }

  /** One pass over everything due. Exposed for tests. */
  async sweep(): Promise<SweepCounts> {
    const counts: SweepCounts = {
      completed: await this.drain(() => this.sweeps.complete(BATCH)),
      expired: await this.drain(() => this.sweeps.expire(this.config.pendingExpiryHours * 3600, BATCH)),
      requestsReminded: await this.drain(() =>
        this.sweeps.remindManagers(this.config.pendingReminderHours * 3600, BATCH),
      ),
      remindersQueued: await this.drain(() =>
        this.sweeps.queueReminders(this.config.bookingReminderHours * 3600, BATCH),
      ),
    };
    if (counts.expired + counts.requestsReminded + counts.remindersQueued > 0) this.outbox.kick();
    return counts;
  }

  private async drain(step: () => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await step();
      total += n;
      if (n < BATCH || this.stopped) return total;
    }
  }
}
