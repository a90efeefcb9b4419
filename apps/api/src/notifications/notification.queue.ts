import type { JobQueue, JobQueueOptions } from '../jobs/job-queue';

/** The queue of outbox events to deliver, keyed by event id: Bull on Redis in production, in process otherwise. */
export type NotificationQueue = JobQueue;

export const NOTIFICATION_QUEUE = Symbol('NOTIFICATION_QUEUE');

/**
 * A dead worker's jobs go back to the queue within 10–20 s (Bull's lock of 15 s, looked for every 5 s), in
 * step with the event's lease (outbox-lease.ts). A job whose workers died 3 times fails; the outbox sweep
 * hands it out again.
 */
export const NOTIFICATION_QUEUE_OPTIONS: JobQueueOptions = {
  attempts: 8,
  backoffMs: 2_000,
  // A job mostly waits (the database, the SMTP server): 4 at once left a worker's core idle.
  concurrency: 16,
  lockMs: 15_000,
  stalledCheckMs: 5_000,
  maxStalled: 3,
};
