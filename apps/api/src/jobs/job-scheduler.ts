import { Logger } from '@nestjs/common';
import Bull from 'bull';
import { Temporal } from 'temporal-polyfill';
import type { AppConfig } from '../config/app-config';
import {
  BullJobQueue,
  closeBullQueue,
  InProcessJobQueue,
  type ExhaustedHandler,
  type JobHandler,
  type JobQueue,
  type JobQueueOptions,
} from './job-queue';

export type Job = () => Promise<unknown>;

/** Every so often, or once a month at an hour of a zone's clock. */
export type Schedule = { everyMs: number } | { monthly: { day: number; hour: number; zone: string } };

export interface ScheduledJob {
  /** Stops the job and waits for the run under way. */
  stop(): Promise<void>;
}

/**
 * The one way a background job is started: every sweep, repeated job and queue consumer registers here,
 * and none chooses Bull or a timer itself, nor whether this process runs jobs. A process that runs no jobs
 * (`runsJobs`) has a scheduler that starts none; with Redis the shared jobs are Bull's, without it timers.
 */
export interface JobScheduler {
  readonly runsJobs: boolean;
  /**
   * Runs `job` every `everyMs` in each process that runs jobs (and once at start with `atStart`), one run
   * at a time; a failure is logged and the next run comes. For work found in PostgreSQL by statements
   * that several processes may run at once.
   */
  sweep(name: string, everyMs: number, job: Job, opts?: { atStart?: boolean }): ScheduledJob;
  /**
   * Runs `job` at each occurrence of `schedule`: once across the processes (a repeatable Bull job on the
   * queue `queue`, re-declared at each start since Redis may forget it), or on a timer in this process
   * without Redis. The job must read its work from PostgreSQL, so a lost or doubled run changes nothing.
   */
  repeat(queue: string, name: string, schedule: Schedule, job: Job): ScheduledJob;
  /** A queue of jobs keyed by id, which every process may add to. */
  queue(name: string, options: JobQueueOptions): JobQueue;
  /** Consumes `queue` in this process, if it runs jobs. */
  consume(queue: JobQueue, handle: JobHandler, onExhausted: ExhaustedHandler): void;
}

export const JOB_SCHEDULER = Symbol('JOB_SCHEDULER');

/**
 * Whether this process runs the background jobs: the one rule, read by the scheduler alone. RUN_JOBS=false
 * makes a pure API process whose jobs worker processes run; `loadConfig` accepts it only in services mode
 * with Redis, since elsewhere no other process could run them. A worker always runs them, a one-off
 * command never (`AppModule`).
 */
export function runsJobs(config: Pick<AppConfig, 'runJobs'>): boolean {
  return config.runJobs;
}

/** The scheduler of this process, chosen once from its configuration. */
export function createJobScheduler(config: AppConfig): JobScheduler {
  const runs = runsJobs(config);
  return config.redisUrl
    ? new BullJobScheduler(runs, config.redisUrl, config.redisPrefix)
    : new InProcessJobScheduler(runs);
}

const NO_JOB: ScheduledJob = { stop: async () => undefined };

abstract class BaseJobScheduler implements JobScheduler {
  constructor(readonly runsJobs: boolean) {}

  sweep(name: string, everyMs: number, job: Job, opts: { atStart?: boolean } = {}): ScheduledJob {
    if (!this.runsJobs) return NO_JOB;
    return new Interval(name, everyMs, job, opts.atStart ?? false);
  }

  repeat(queue: string, name: string, schedule: Schedule, job: Job): ScheduledJob {
    return this.runsJobs ? this.startRepeat(queue, name, schedule, job) : NO_JOB;
  }

  consume(queue: JobQueue, handle: JobHandler, onExhausted: ExhaustedHandler): void {
    if (this.runsJobs) queue.process(handle, onExhausted);
  }

  abstract queue(name: string, options: JobQueueOptions): JobQueue;
  protected abstract startRepeat(queue: string, name: string, schedule: Schedule, job: Job): ScheduledJob;
}

/** A job on a timer of this process, never two runs at once. */
class Interval implements ScheduledJob {
  private readonly logger: Logger;
  private readonly timer: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    name: string,
    everyMs: number,
    private readonly job: Job,
    atStart: boolean,
  ) {
    this.logger = new Logger(name);
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
    if (atStart) this.tick();
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.job()
      .then(() => undefined)
      .catch((err) => this.logger.warn(`failed: ${(err as Error).message}`))
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}

/** Without Redis: the repeated jobs on timers of this process, the queues in it. */
export class InProcessJobScheduler extends BaseJobScheduler {
  queue(name: string, options: JobQueueOptions): JobQueue {
    return new InProcessJobQueue(name, options);
  }

  protected startRepeat(queue: string, name: string, schedule: Schedule, job: Job): ScheduledJob {
    const logName = `${queue}:${name}`;
    if ('everyMs' in schedule) return new Interval(logName, schedule.everyMs, job, true);
    // Hourly, and the job runs from its hour to the end of that day: the job's own record (digests
    // already sent) makes later runs no-ops, and a process started later that day still runs it.
    const { day, hour, zone } = schedule.monthly;
    return new Interval(
      logName,
      HOUR_MS,
      async () => {
        const now = Temporal.Now.zonedDateTimeISO(zone);
        if (now.day === day && now.hour >= hour) await job();
      },
      true,
    );
  }
}

const HOUR_MS = 3_600_000;

/** With Redis: the repeated jobs and the queues are Bull's, shared by every process that runs jobs. */
export class BullJobScheduler extends BaseJobScheduler {
  private readonly logger = new Logger('JobScheduler');
  /** One Bull queue per name, however many repeated jobs it holds. */
  private readonly repeatQueues = new Map<string, Bull.Queue>();

  constructor(
    runsJobs: boolean,
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {
    super(runsJobs);
  }

  queue(name: string, options: JobQueueOptions): JobQueue {
    return new BullJobQueue(name, this.redisUrl, this.prefix, options);
  }

  protected startRepeat(queueName: string, name: string, schedule: Schedule, job: Job): ScheduledJob {
    const queue = this.repeatQueue(queueName);
    // Rejects when the queue closes before Redis answered (a process stopped right after its start).
    queue
      .process(name, 1, () => job())
      .catch((err) => this.logger.warn(`${queueName}:${name} not consumed: ${(err as Error).message}`));
    const repeat =
      'everyMs' in schedule
        ? { every: schedule.everyMs }
        : {
            cron: `0 ${schedule.monthly.hour} ${schedule.monthly.day} * *`,
            tz: schedule.monthly.zone,
          };
    // Not awaited: with Redis down the add waits for it to come back, and the process must start meanwhile
    // (bookings do not need Redis).
    queue
      .add(name, {}, { repeat, jobId: `${queueName}-${name}` })
      .catch((err) => this.logger.warn(`scheduling ${queueName}:${name} failed: ${(err as Error).message}`));
    return { stop: () => closeBullQueue(queue) };
  }

  private repeatQueue(name: string): Bull.Queue {
    let queue = this.repeatQueues.get(name);
    if (!queue) {
      queue = new Bull(name, this.redisUrl, {
        prefix: this.prefix,
        defaultJobOptions: { removeOnComplete: true, removeOnFail: 100 },
      });
      queue.on('error', (err) => this.logger.warn(`queue ${name} error: ${(err as Error).message}`));
      this.repeatQueues.set(name, queue);
    }
    return queue;
  }
}
