import { Logger } from '@nestjs/common';
import Bull from 'bull';

export type DeliverFn = (eventId: string) => Promise<void>;

/** What the relay and the processors need of a queue; Bull on Redis in production, in process otherwise. */
export interface NotificationQueue {
  readonly kind: 'bull' | 'in-process';
  /** Adds a job keyed by the event id; resolves once the queue holds it. */
  add(eventId: string): Promise<void>;
  /** Adds several at once (one Redis round trip for Bull); resolves once the queue holds them all. */
  addAll(eventIds: readonly string[]): Promise<void>;
  /** Starts consuming in this process. */
  process(deliver: DeliverFn, onExhausted: (eventId: string, error: string) => Promise<void>): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const NOTIFICATION_QUEUE = Symbol('NOTIFICATION_QUEUE');
export const MAX_ATTEMPTS = 8;
const BACKOFF_MS = 2_000;
const JOB = 'deliver';
/**
 * Bull's lock on a job, renewed at half of it while the job runs, and how often workers look for jobs whose
 * lock ran out: a dead worker's jobs go back to the queue within 10–20 s, in step with the event's lease
 * (outbox-lease.ts). A job whose workers died this many times fails; the outbox sweep hands it out again.
 */
const LOCK_MS = 15_000;
const STALLED_CHECK_MS = 5_000;
const MAX_STALLED = 3;

export class BullNotificationQueue implements NotificationQueue {
  readonly kind = 'bull';
  private readonly queue: Bull.Queue<{ eventId: string }>;
  private readonly logger = new Logger('NotificationQueue');

  constructor(redisUrl: string, prefix: string) {
    this.queue = new Bull('notifications', redisUrl, {
      prefix,
      settings: { lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: MAX_STALLED },
      defaultJobOptions: {
        attempts: MAX_ATTEMPTS,
        backoff: { type: 'exponential', delay: BACKOFF_MS },
        // Completed jobs leave Redis: the outbox row in PostgreSQL is the record.
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    });
    this.queue.on('error', (err) => this.logger.warn(`queue error: ${err.message}`));
  }

  async add(eventId: string): Promise<void> {
    await this.queue.add(JOB, { eventId }, { jobId: eventId });
  }

  async addAll(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await this.dropFailed(eventIds);
    await this.queue.addBulk(
      eventIds.map((eventId) => ({ name: JOB, data: { eventId }, opts: { jobId: eventId } })),
    );
  }

  /**
   * A failed job kept in Redis blocks a new one with its id: an event handed out again after its job failed
   * without the event being parked (stalled too often, or the database was away when it gave up) would
   * never run again. Such a job makes way for a fresh one.
   */
  private async dropFailed(eventIds: readonly string[]): Promise<void> {
    const failedKey = this.queue.toKey('failed');
    const scores = await this.queue.client.pipeline(eventIds.map((id) => ['zscore', failedKey, id])).exec();
    for (const [i, id] of eventIds.entries()) {
      if (scores?.[i]?.[1] != null) await (await this.queue.getJob(id))?.remove();
    }
  }

  process(deliver: DeliverFn, onExhausted: (eventId: string, error: string) => Promise<void>): void {
    void this.queue.process(JOB, 4, (job) => deliver(job.data.eventId));
    this.queue.on('failed', (job, err) => {
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) void onExhausted(job.data.eventId, err.message);
    });
  }

  async ping(): Promise<boolean> {
    return (await this.queue.client.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

/**
 * The embedded mode's queue: the same processor, run in this process with the same retries. Jobs held
 * here die with the process; the outbox sweeper hands them out again after a restart.
 */
export class InProcessNotificationQueue implements NotificationQueue {
  readonly kind = 'in-process';
  private deliver?: DeliverFn;
  private onExhausted?: (eventId: string, error: string) => Promise<void>;
  private readonly inFlight = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger = new Logger('NotificationQueue');
  private closed = false;

  async add(eventId: string): Promise<void> {
    if (this.inFlight.has(eventId) || this.closed) return;
    this.inFlight.add(eventId);
    this.schedule(eventId, 1, 0);
  }

  async addAll(eventIds: readonly string[]): Promise<void> {
    for (const id of eventIds) await this.add(id);
  }

  process(deliver: DeliverFn, onExhausted: (eventId: string, error: string) => Promise<void>): void {
    this.deliver = deliver;
    this.onExhausted = onExhausted;
  }

  private schedule(eventId: string, attempt: number, delay: number): void {
    const t = setTimeout(async () => {
      this.timers.delete(t);
      if (this.closed || !this.deliver) return void this.inFlight.delete(eventId);
      try {
        await this.deliver(eventId);
        this.inFlight.delete(eventId);
      } catch (err) {
        const message = (err as Error).message;
        if (attempt >= MAX_ATTEMPTS) {
          this.inFlight.delete(eventId);
          await this.onExhausted?.(eventId, message);
        } else {
          this.logger.warn(`delivery of ${eventId} failed (attempt ${attempt}): ${message}`);
          this.schedule(eventId, attempt + 1, BACKOFF_MS * 2 ** (attempt - 1));
        }
      }
    }, delay);
    this.timers.add(t);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
