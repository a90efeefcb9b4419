import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { createOrganisation, createSite, insertBooking, insertWaitlistEntry } from './fixtures';
import { MODE, startApp, waitFor, type TestApp } from './harness';

/**
 * Who runs the background jobs (`runsJobs`): every job obeys the same answer. One of each kind is left
 * due: a booking that has ended (booking sweep), a waiting-list entry whose slot is free (waiting-list
 * sweep, whose offer is an outbox event for the relay and the notification queue), and the occupancy
 * rollups that the booking's insert made stale (repeated occupancy job).
 */
const FAST = { BOOKING_SWEEP_SECONDS: '1', WAITLIST_SWEEP_SECONDS: '1', OUTBOX_SWEEP_SECONDS: '1' };
const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

interface Due {
  ended: string;
  entry: string;
}

async function leaveJobsDue(t: TestApp): Promise<Due> {
  const { spaceId } = await createSite(t.db, { holidays: 'closed' });
  const organisationId = await createOrganisation(t.db);
  return {
    ended: await insertBooking(t.db, { spaceId, organisationId, start: at(-3), end: at(-2) }),
    entry: await insertWaitlistEntry(t.db, { spaceId, organisationId, start: at(30), end: at(31) }),
  };
}

/** What the jobs have done so far about `due`. */
async function doneAbout(t: TestApp, due: Due) {
  const one = async (sql: string, params: unknown[]) => (await t.db.query(sql, params))[0];
  return {
    booking: (await one(`SELECT status FROM bookings WHERE id = $1`, [due.ended])).status as string,
    entry: (await one(`SELECT status FROM waitlist_entries WHERE id = $1`, [due.entry])).status as string,
    offerDelivered: (
      await one(
        `SELECT count(*)::int AS n FROM outbox
          WHERE type = 'waitlist.offered' AND payload->>'entryId' = $1 AND done_at IS NOT NULL`,
        [due.entry],
      )
    ).n as number,
    staleRollups: (await one(`SELECT count(*)::int AS n FROM occupancy_dirty`, [])).n as number,
  };
}

const allDone = { booking: 'completed', entry: 'offered', offerDelivered: 1, staleRollups: 0 };

describe(`who runs the jobs (${MODE})`, () => {
  it('a process with the default settings runs every job itself', async () => {
    const t = await startApp({ env: FAST });
    try {
      const due = await leaveJobsDue(t);
      await waitFor(
        'every job to run',
        async () => {
          const done = await doneAbout(t, due);
          return JSON.stringify(done) === JSON.stringify(allDone);
        },
        30_000,
      );
    } finally {
      await t.close();
    }
  });

  (MODE === 'embedded' ? it : it.skip)(
    'the embedded process refuses RUN_JOBS=false: no other process could run its jobs',
    async () => {
      await expect(startApp({ env: { ...FAST, RUN_JOBS: 'false' } })).rejects.toThrow(/RUN_JOBS/);
    },
  );

  (MODE === 'services' ? it : it.skip)(
    'an API with RUN_JOBS=false runs none of them, waiting-list offers included; a worker runs them all',
    async () => {
      const api = await startApp({ env: { ...FAST, RUN_JOBS: 'false' } });
      try {
        const due = await leaveJobsDue(api);
        // Several periods of every sweep, and of the occupancy job (5 s).
        await new Promise((r) => setTimeout(r, 6_000));
        expect(await doneAbout(api, due)).toEqual({
          booking: 'confirmed',
          entry: 'waiting',
          offerDelivered: 0,
          staleRollups: expect.any(Number),
        });
        expect((await doneAbout(api, due)).staleRollups).toBeGreaterThan(0);
        const worker = await NestFactory.createApplicationContext(AppModule.forWorker(api.config), {
          logger: false,
        });
        await worker.init();
        try {
          await waitFor(
            'the worker to run every job',
            async () => {
              const done = await doneAbout(api, due);
              return JSON.stringify(done) === JSON.stringify(allDone);
            },
            30_000,
          );
        } finally {
          await worker.close();
        }
      } finally {
        await api.close();
      }
    },
  );
});
