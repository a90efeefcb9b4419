import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '../config/app-config';
import { createJobScheduler, type JobScheduler } from './job-scheduler';

const QUEUE = {
  attempts: 1,
  backoffMs: 1,
  concurrency: 1,
  lockMs: 1000,
  stalledCheckMs: 1000,
  maxStalled: 1,
};

function scheduler(runJobs: boolean): JobScheduler {
  return createJobScheduler({ runJobs, redisPrefix: 'lieux' } as AppConfig);
}

/** Registers one of each kind of job and says, a little later, which ran. */
async function whatRuns(jobs: JobScheduler): Promise<string[]> {
  const ran = new Set<string>();
  const started = [
    jobs.sweep('sweep', 10, async () => void ran.add('sweep'), { atStart: true }),
    jobs.repeat('reports', 'refresh', { everyMs: 10 }, async () => void ran.add('repeat')),
  ];
  const queue = jobs.queue('mail', QUEUE);
  jobs.consume(
    queue,
    async (id) => void ran.add(`queue ${id}`),
    async () => undefined,
  );
  await queue.add('e1');
  await sleep(50);
  await Promise.all(started.map((job) => job.stop()));
  await queue.close();
  return [...ran].sort();
}

describe('the job scheduler', () => {
  it('runs every kind of job in a process that runs jobs', async () => {
    expect(await whatRuns(scheduler(true))).toEqual(['queue e1', 'repeat', 'sweep']);
  });

  it('runs none in a process that does not, though others may add to its queues', async () => {
    expect(await whatRuns(scheduler(false))).toEqual([]);
  });

  it('runs a sweep once at a time, and waits for the run under way when stopped', async () => {
    let running = 0;
    let most = 0;
    let finished = 0;
    const job = scheduler(true).sweep(
      'slow',
      5,
      async () => {
        most = Math.max(most, ++running);
        await sleep(30);
        running--;
        finished++;
      },
      { atStart: true },
    );
    await sleep(40);
    await job.stop();
    expect(most).toBe(1);
    expect(running).toBe(0);
    expect(finished).toBeGreaterThanOrEqual(1);
  });
});

describe('a monthly job without Redis', () => {
  /** Whether the job runs in a process started at `now` (an ISO instant). */
  async function runsAt(now: string): Promise<boolean> {
    jest.useFakeTimers({
      now: new Date(now),
      doNotFake: ['nextTick', 'queueMicrotask', 'setInterval', 'clearInterval'],
    });
    try {
      let ran = false;
      const job = scheduler(true).repeat(
        'reports',
        'digest',
        { monthly: { day: 1, hour: 7, zone: 'Europe/Paris' } },
        async () => void (ran = true),
      );
      await job.stop();
      return ran;
    } finally {
      jest.useRealTimers();
    }
  }

  it('runs from its hour to the end of its day, in its zone', async () => {
    expect(await runsAt('2026-12-01T05:59:00Z')).toBe(false); // 06:59 in Paris
    expect(await runsAt('2026-12-01T06:00:00Z')).toBe(true);
    expect(await runsAt('2026-12-01T22:59:00Z')).toBe(true);
    expect(await runsAt('2026-12-01T23:00:00Z')).toBe(false); // the 2nd in Paris
    expect(await runsAt('2026-11-30T23:30:00Z')).toBe(false); // the 1st at 00:30 in Paris
  });
});
