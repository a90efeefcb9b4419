import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import Bull from 'bull';

export type JobHandler = (id: string) => Promise<void>;
export type ExhaustedHandler = (id: string, error: string) => Promise<void>;

/**
 * A queue of jobs keyed by an id (a job added twice under one id is held once). Every process may add;
 * only a process that runs jobs consumes, through `JobScheduler.consume`.
 */
export interface JobQueue {
  readonly kind: 'bull' | 'in-process';
  /** Adds a job; resolves once the queue holds it. */
  add(id: string): Promise<void>;
  /** Adds several at once (one Redis round trip for Bull); resolves once the queue holds them all. */
  addAll(ids: readonly string[]): Promise<void>;
  /** Starts consuming in this process. Call it through `JobScheduler.consume`, which applies the rule. */
  process(handle: JobHandler, onExhausted: ExhaustedHandler): void;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface JobQueueOptions {
  /** Attempts of a job before `onExhausted`; the wait between two doubles from `backoffMs`. */
  attempts: number;
  backoffMs: number;
  /** Jobs run at once in one process (Bull). */
  concurrency: number;
  /**
   * Bull's lock on a job, renewed at half of it while the job runs, how often workers look for jobs whose
   * lock ran out, and how many times a job may lose its worker before it fails.
   */
  lockMs: number;
  stalledCheckMs: number;
  maxStalled: number;
}

// The name and data of the jobs that were the notification queue's alone, kept so that the jobs already in
// Redis when an installation upgrades are still consumed.
const JOB = 'deliver';

export class BullJobQueue implements JobQueue {
  readonly kind = 'bull';
  private readonly queue: Bull.Queue<{ eventId: string }>;
  private readonly logger: Logger;

  constructor(
    name: string,
    redisUrl: string,
    prefix: string,
    private readonly options: JobQueueOptions,
  ) {
    this.logger = new Logger(`JobQueue:${name}`);
    this.queue = new Bull(name, redisUrl, {
      prefix,
      settings: {
        lockDuration: options.lockMs,
        stalledInterval: options.stalledCheckMs,
        maxStalledCount: options.maxStalled,
      },
      defaultJobOptions: {
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        // Completed jobs leave Redis: the row in PostgreSQL is the record.
        removeOnComplete: true,
        removeOnFail: 1000,
      },
    });
    this.queue.on('error', (err) => this.logger.warn(`queue error: ${err.message}`));
  }

  async add(id: string): Promise<void> {
    await this.queue.add(JOB, { eventId: id }, { jobId: id });
  }

  async addAll(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dropFailed(ids);
    await this.queue.addBulk(ids.map((id) => ({ name: JOB, data: { eventId: id }, opts: { jobId: id } })));
  }

  /**
   * A failed job kept in Redis blocks a new one with its id: an event handed out again after its job failed
   * without the event being parked (stalled too often, or the database was away when it gave up) would
   * never run again. Such a job makes way for a fresh one.
   */
  private async dropFailed(ids: readonly string[]): Promise<void> {
    const failedKey = this.queue.toKey('failed');
    const scores = await this.queue.client.pipeline(ids.map((id) => ['zscore', failedKey, id])).exec();
    for (const [i, id] of ids.entries()) {
      if (scores?.[i]?.[1] != null) await (await this.queue.getJob(id))?.remove();
    }
  }

  process(handle: JobHandler, onExhausted: ExhaustedHandler): void {
    // Rejects when the queue closes before Redis answered (a process stopped right after its start).
    this.queue
      .process(JOB, this.options.concurrency, (job) => handle(job.data.eventId))
      .catch((err) => this.logger.warn(`not consumed: ${(err as Error).message}`));
    this.queue.on('failed', (job, err) => {
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) void onExhausted(job.data.eventId, err.message);
    });
  }

  async ping(): Promise<boolean> {
    return (await this.queue.client.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    await closeBullQueue(this.queue);
  }
}

/**
 * The queue without Redis: the same handler, run in this process with the same retries. Jobs held here
 * die with the process; whatever added them must hand them out again (the outbox sweep does).
 */
export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process';
  private handle?: JobHandler;
  private onExhausted?: ExhaustedHandler;
  private readonly inFlight = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logger: Logger;
  private closed = false;

  constructor(
    name: string,
    private readonly options: JobQueueOptions,
  ) {
    this.logger = new Logger(`JobQueue:${name}`);
  }

  async add(id: string): Promise<void> {
    if (this.inFlight.has(id) || this.closed) return;
    this.inFlight.add(id);
    this.schedule(id, 1, 0);
  }

  async addAll(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.add(id);
  }

  process(handle: JobHandler, onExhausted: ExhaustedHandler): void {
    this.handle = handle;
    this.onExhausted = onExhausted;
  }

  private schedule(id: string, attempt: number, delay: number): void {
    const t = setTimeout(async () => {
      this.timers.delete(t);
      if (this.closed || !this.handle) return void this.inFlight.delete(id);
      try {
        await this.handle(id);
        this.inFlight.delete(id);
      } catch (err) {
        const message = (err as Error).message;
        if (attempt >= this.options.attempts) {
          this.inFlight.delete(id);
          await this.onExhausted?.(id, message);
        } else {
          this.logger.warn(`job ${id} failed (attempt ${attempt}): ${message}`);
          this.schedule(id, attempt + 1, this.options.backoffMs * 2 ** (attempt - 1));
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

/** How long a closing queue waits for Redis to have answered its first commands. */
const READY_WAIT_MS = 2_000;

/**
 * Closes a Bull queue once its connections are up (or after READY_WAIT_MS, Redis being away): closed
 * while they still start, Bull leaves their first commands failing with "Connection is closed" and no one
 * to catch it, an unhandled rejection (a process stopped right after its start; OptimalBits/bull#2222).
 */
export async function closeBullQueue(queue: Bull.Queue): Promise<void> {
  await untilConnected(queue.clients, READY_WAIT_MS);
  await queue.close();
}

/**
 * Waits (`ms` at most) until none of `clients` is still connecting: a Redis client closed while it
 * connects fails the commands it queued with "Connection is closed", and nothing awaits them.
 */
export async function untilConnected(clients: readonly { status: string }[], ms: number): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (clients.some((c) => c.status === 'connecting' || c.status === 'connect') && Date.now() < giveUpAt)
    await sleep(20);
}
