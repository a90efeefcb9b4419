import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { OutboxService } from '../notifications/outbox.service';
import { NeedsDemandRepository } from './needs-demand.repository';

const BATCH = 200;

/**
 * The e-mail of new matches: for each live need that wants them, with matches not announced yet and no
 * e-mail in the last 24 hours, ONE outbox event naming those spaces, written in the same transaction that
 * marks them (and the need) as told. The outbox then delivers it at least once, its lease and delivery
 * records keeping it to once; a sweep that dies before committing leaves everything to the next one, and
 * two sweeps at once skip each other's needs (row lock, then the condition checked again).
 */
@Injectable()
export class NeedMatchMailer implements OnApplicationBootstrap, OnApplicationShutdown {
  private job?: ScheduledJob;
  private readonly logger = new Logger('NeedMatchMail');

  constructor(
    private readonly db: DataSource,
    private readonly repo: NeedsDemandRepository,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.job = this.jobs.sweep('NeedMatchMail', this.config.needMailSweepSeconds * 1000, () => this.sweep(), {
      atStart: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** One pass: answers how many e-mails (events) were queued. Exposed for tests. */
  async sweep(): Promise<number> {
    let queued = 0;
    for (;;) {
      const due = await this.repo.dueForMatchMail(BATCH);
      let round = 0;
      for (const { id } of due) {
        try {
          const done = await this.db.transaction(async (em) => {
            const claim = await this.repo.claimMatchMail(em, id);
            if (!claim) return false;
            await this.outbox.append(em, 'need.matches', { needId: id, spaceIds: claim.spaceIds });
            return true;
          });
          if (done) round++;
        } catch (err) {
          // Rolled back: the need's matches stay unannounced for the next sweep; the others go on.
          this.logger.error(`e-mail of new matches for need ${id} not queued: ${(err as Error).message}`);
        }
      }
      queued += round;
      if (due.length < BATCH || round === 0) break;
    }
    if (queued > 0) this.outbox.kick();
    return queued;
  }
}
