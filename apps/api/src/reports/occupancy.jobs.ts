import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Bull from 'bull';
import { Temporal } from 'temporal-polyfill';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DigestService } from './digest.service';
import { OccupancyService } from './occupancy.service';

const REFRESH_MS = 5_000;
const DIGEST_ZONE = 'Europe/Paris';
/** 07:00 on the first day of each month, Paris time. */
const DIGEST_CRON = '0 7 1 * *';

/** Last month, as YYYY-MM, seen from Paris. */
export function lastMonth(now: number = Date.now()): string {
  return parisDate(now).toPlainYearMonth().subtract({ months: 1 }).toString();
}

const parisDate = (now: number) =>
  Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(DIGEST_ZONE).toPlainDate();

/**
 * Schedules the two occupancy jobs. Services mode: repeatable Bull jobs (re-declared at each start, since
 * Redis may forget them), consumed by any process that runs jobs. Embedded mode: timers in this process.
 * Both jobs read their work from PostgreSQL (the dirty queue, the digests already sent), so a lost or
 * doubled run changes nothing.
 */
@Injectable()
export class OccupancyJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OccupancyJobs');
  private queue?: Bull.Queue;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly occupancy: OccupancyService,
    private readonly digest: DigestService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // RUN_JOBS=false (a pure API process, or a one-off command): another process runs them.
    if (!this.config.runJobs) return;
    if (this.config.redisUrl) {
      this.queue = new Bull('occupancy', this.config.redisUrl, {
        prefix: this.config.redisPrefix,
        defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 },
      });
      this.queue.on('error', (err) => this.logger.warn(`queue error: ${err.message}`));
      void this.queue.process('refresh', 1, () => this.occupancy.drain());
      void this.queue.process('digest', 1, () => this.digest.send(lastMonth()));
      // Not awaited: with Redis down the adds wait for it to come back, and the process must start
      // meanwhile (bookings do not need Redis).
      void this.declareRepeats(this.queue);
      return;
    }
    const refresh = setInterval(() => void this.run('refresh', () => this.occupancy.drain()), REFRESH_MS);
    // Hourly: on the first of the month the digest goes out; the digests table makes later runs no-ops.
    const digest = setInterval(() => void this.digestIfFirst(), 3_600_000);
    this.timers.push(refresh, digest);
    for (const t of this.timers) t.unref();
    void this.run('refresh', () => this.occupancy.drain());
    void this.digestIfFirst();
  }

  private async declareRepeats(queue: Bull.Queue): Promise<void> {
    await this.run('scheduling', async () => {
      await queue.add('refresh', {}, { repeat: { every: REFRESH_MS }, jobId: 'occupancy-refresh' });
      await queue.add(
        'digest',
        {},
        { repeat: { cron: DIGEST_CRON, tz: DIGEST_ZONE }, jobId: 'occupancy-digest' },
      );
    });
  }

  private async digestIfFirst(): Promise<void> {
    if (parisDate(Date.now()).day !== 1) return;
    await this.run('digest', () => this.digest.send(lastMonth()));
  }

  private async run(what: string, job: () => Promise<unknown>): Promise<void> {
    try {
      await job();
    } catch (err) {
      this.logger.warn(`${what} failed: ${(err as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.queue?.close();
  }
}
