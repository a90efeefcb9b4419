import Bull from 'bull';

export const QUEUE_INSPECTOR = Symbol('QUEUE_INSPECTOR');

/** Names of the Bull queues the product runs (services mode). */
export const QUEUE_NAMES = ['notifications', 'occupancy'] as const;

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed', number>;

// A scrape must not hang on a Redis that is down: its queue figures are then left out.
const COUNT_TIMEOUT_MS = 1_000;

/**
 * Read-only handles on the queues, for the metrics and the dashboard. They never process jobs: a process
 * with RUN_JOBS=false shows the queues its workers consume.
 */
export class QueueInspector {
  readonly queues: Bull.Queue[];

  constructor(redisUrl: string, prefix: string) {
    this.queues = QUEUE_NAMES.map((name) => new Bull(name, redisUrl, { prefix }));
    // Redis being down is reported by the health check and the missing figures; not worth a crash.
    for (const q of this.queues) q.on('error', () => undefined);
  }

  /** Job counts per queue, or null when Redis does not answer in time. */
  async counts(): Promise<Map<string, QueueCounts> | null> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const all = await Promise.race([
        Promise.all(this.queues.map((q) => q.getJobCounts())),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), COUNT_TIMEOUT_MS);
        }),
      ]);
      if (!all) return null;
      return new Map(
        all.map((c, i) => [
          this.queues[i].name,
          { waiting: c.waiting, active: c.active, delayed: c.delayed, failed: c.failed },
        ]),
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }
}
