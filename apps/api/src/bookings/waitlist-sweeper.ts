import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { OutboxService } from '../notifications/outbox.service';
import { WaitlistRepository } from './waitlist.repository';

const BATCH = 100;

/**
 * The waiting list's time-driven side, without HTTP (an API process and a worker both load it, and
 * whichever runs jobs sweeps). Offers are state in PostgreSQL (an entry `offered` with its deadline), so
 * whatever process dies, the next sweep finds freed slots and lapsed offers and passes them on. Freed-slot
 * events of the booking lifecycle are consumed once each (their id is recorded with the offers they cause).
 */
@Injectable()
export class WaitlistSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private job?: ScheduledJob;

  constructor(
    private readonly db: DataSource,
    private readonly entries: WaitlistRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.job = this.jobs.sweep('Waitlist', this.config.waitlistSweepSeconds * 1000, () => this.sweep());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** Offers the space's free waited-for slots, in queue order, inside the caller's transaction. */
  async offer(em: EntityManager, spaceId: string): Promise<number> {
    const offered = await this.entries.offerFree(em, spaceId, this.config.waitlistOfferMinutes);
    for (const entryId of offered) {
      await this.outbox.append(em, 'waitlist.offered', { entryId });
    }
    return offered.length;
  }

  /**
   * One pass: freed-slot events into offers (each event once), lapsed offers to the next in line, entries
   * whose slot has begun closed, and any waiting entry whose slot is free offered (a slot may have freed
   * while its entry was being written). Safe to run in many processes at once. Exposed for tests.
   */
  async sweep(): Promise<{ offers: number }> {
    let offers = 0;
    for (const event of await this.entries.unhandledFreeingEvents(BATCH)) {
      offers += await this.db.transaction(async (em) => {
        if (!(await this.entries.claimEvent(em, event.id))) return 0;
        const spaceId = event.bookingId ? await this.entries.spaceOfBooking(em, event.bookingId) : null;
        return spaceId ? this.offer(em, spaceId) : 0;
      });
    }
    for (const due of await this.entries.dueOffers(BATCH)) {
      offers += await this.db.transaction(async (em) => {
        if (!(await this.entries.expireOffer(em, due.id))) return 0;
        await this.audit.record(em, {
          actorId: null,
          entity: 'waitlist_entry',
          entityId: due.id,
          action: 'offer_expired',
          changes: { status: ['offered', 'expired'] },
        });
        return this.offer(em, due.spaceId);
      });
    }
    await this.entries.expireStale();
    for (const spaceId of await this.entries.spacesWithWaiting(BATCH)) {
      offers += await this.db.transaction((em) => this.offer(em, spaceId));
    }
    if (offers > 0) this.outbox.kick();
    return { offers };
  }
}
