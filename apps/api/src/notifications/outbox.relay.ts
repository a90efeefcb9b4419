import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_SCHEDULER, type JobScheduler, type ScheduledJob } from '../jobs/job-scheduler';
import { NOTIFICATION_QUEUE, type NotificationQueue } from './notification.queue';
import { OutboxRepository } from './outbox.repository';

const BATCH = 100;
const ADD_TIMEOUT_MS = 5_000;
/**
 * Under load, kicks come faster than dispatches: the next dispatch waits this long, so that it hands out
 * the events of many requests at once instead of running one query (which reads the pending events) per
 * request.
 */
const KICK_GAP_MS = 25;
/** The longest an undelivered event waits between two hand-outs. */
const MAX_RETRY_SECONDS = 3_600;

/**
 * Hands committed outbox events to the queue, keyed by event id. An event handed out but still not done
 * after OUTBOX_SWEEP_SECONDS is handed out again: Redis may have lost it, or its worker may have died.
 * The wait grows with the event's age (a quarter of it, at most an hour), so that a backlog no worker
 * drains is not re-sent in full at every sweep. Handing out twice is harmless, the processor delivers
 * each event once.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private sweeps?: ScheduledJob;
  private running?: Promise<void>;
  /** What to do after the dispatch under way: nothing, fresh events, or a full sweep. */
  private again: Scope | null = null;
  private stopped = false;
  /** Events committed already marked handed out, waiting for the queue (see `handOut`). */
  private toHandOut: string[] = [];
  private handing?: Promise<void>;

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_SCHEDULER) private readonly jobs: JobScheduler,
  ) {}

  /** The sweep is a job: a process that runs none hands out its own commits only (`kick`). */
  onApplicationBootstrap(): void {
    this.sweeps = this.jobs.sweep(
      'OutboxRelay',
      this.config.outboxSweepSeconds * 1000,
      async () => this.kick('all'),
      { atStart: true },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeps?.stop();
    await this.running;
    await this.handing;
  }

  /**
   * Hands to the queue events whose row says handed out already (a booking's, see
   * `BookingsRepository.insert`): no query, and the events of requests that commit meanwhile go in the
   * same Redis round trip. An event the queue does not take is handed out again by the sweep.
   */
  handOut(eventId: string): void {
    this.toHandOut.push(eventId);
    if (this.handing) return;
    this.handing = (async () => {
      while (this.toHandOut.length > 0) {
        const ids = this.toHandOut;
        this.toHandOut = [];
        await withTimeout(
          this.queue.addAll(ids),
          ADD_TIMEOUT_MS,
          `queue did not take ${ids.length} events`,
        ).catch((err) => this.logger.warn(`hand-out failed, left to the sweep: ${(err as Error).message}`));
      }
    })().finally(() => {
      this.handing = undefined;
    });
  }

  /**
   * Runs a dispatch now, or once more shortly after the one under way. A commit asks for its fresh events
   * only (cheap, by the index of events never handed out); the timer asks for a full sweep.
   */
  kick(scope: Scope = 'fresh'): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = this.again === 'all' || scope === 'all' ? 'all' : 'fresh';
      return;
    }
    this.running = this.dispatch(scope)
      .then(() => undefined)
      .catch((err) => this.logger.warn(`dispatch failed: ${(err as Error).message}`))
      .then(() => (this.again && !this.stopped ? sleep(KICK_GAP_MS) : undefined))
      .finally(() => {
        this.running = undefined;
        const next = this.again;
        this.again = null;
        if (next) this.kick(next);
      });
  }

  /** Hands out every event due (or only those never handed out); resolves when the queue holds them. */
  async dispatch(scope: Scope = 'all'): Promise<number> {
    let total = 0;
    for (;;) {
      const ids =
        scope === 'fresh'
          ? await this.outbox.handOutFresh(BATCH)
          : await this.outbox.handOutDue(this.config.outboxSweepSeconds, BATCH, MAX_RETRY_SECONDS);
      // One round trip for the batch: under load a dispatch picks up every booking of the previous one.
      await withTimeout(this.queue.addAll(ids), ADD_TIMEOUT_MS, `queue did not take ${ids.length} events`);
      total += ids.length;
      if (ids.length < BATCH || this.stopped) return total;
    }
  }
}

type Scope = 'fresh' | 'all';

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      t = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}
