import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { holidays } from '@lieux/scheduling';
import { OccupancyRepository } from './occupancy.repository';

/** Dirty rows taken per transaction: a few hundred spaces, so that one transaction stays short. */
const DIRTY_BATCH = 2_000;
/** Spaces per transaction of a rebuild: large enough for set-based SQL to pay, small enough to stay in memory. */
const REBUILD_BATCH = 1_000;

/**
 * Keeps the occupancy rollups current. Triggers queue what changed (occupancy_dirty) in the change's own
 * transaction; `drain` recomputes and dequeues in one transaction, so a crash loses nothing and a second
 * run does the same work again. `rebuild` recomputes everything from the same SQL.
 */
@Injectable()
export class OccupancyService {
  private readonly logger = new Logger('Occupancy');
  private readonly holidaysDone = new Set<string>();
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly repo: OccupancyRepository,
  ) {}

  /** Runs one recomputation at a time in this process (the advisory lock covers other processes). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Recomputes everything the queue holds; resolves with the number of queue rows handled. */
  drain(): Promise<number> {
    return this.serial(async () => {
      let total = 0;
      for (;;) {
        const keys: string[] = [];
        const done = await this.db.transaction(async (em) => {
          await this.repo.lockRollups(em);
          await this.repo.extendCoverage(em);
          const { ids, targets } = await this.repo.takeDirty(em, DIRTY_BATCH);
          if (ids.length === 0) return 0;
          keys.push(...(await this.ensureHolidays(em)));
          await this.repo.recompute(em, targets);
          await this.repo.deleteDirty(em, ids);
          return ids.length;
        });
        for (const k of keys) this.holidaysDone.add(k);
        total += done;
        if (done < DIRTY_BATCH) return total;
      }
    });
  }

  /**
   * Recomputes every space over the coverage (optionally moved to whole months `from`–`to` first).
   * The queue rows present at the start are covered by it and removed at the end; later ones stay.
   */
  rebuild(coverage?: { from: string; to: string }): Promise<{ spaces: number; ms: number }> {
    return this.serial(async () => {
      const started = Date.now();
      const { lastId, range, keys } = await this.db.transaction(async (em) => {
        await this.repo.lockRollups(em);
        if (coverage) await this.repo.setCoverage(em, coverage.from, coverage.to);
        await this.repo.emptyRollups(em);
        const keys = await this.ensureHolidays(em);
        return { lastId: await this.repo.lastDirtyId(em), range: await this.repo.coverage(em), keys };
      });
      for (const k of keys) this.holidaysDone.add(k);
      let spaces = 0;
      let after: string | null = null;
      for (;;) {
        const ids = await this.repo.spaceIds(this.db.manager, after, REBUILD_BATCH);
        if (ids.length === 0) break;
        await this.db.transaction(async (em) => {
          await this.repo.lockRollups(em);
          await this.repo.recompute(
            em,
            ids.map((spaceId) => ({ spaceId, from: range.from, to: range.to })),
            // Each batch meets nearly every département and kind: their areas are summed once, below,
            // and the running totals too, so that their rows lie by month.
            { areas: false, monthPrefixes: false },
          );
        });
        spaces += ids.length;
        after = ids[ids.length - 1];
        this.logger.log(`rebuild: ${spaces} spaces`);
      }
      await this.db.transaction(async (em) => {
        await this.repo.lockRollups(em);
        await this.repo.recomputeAreas(em, await this.repo.allAreaRanges(em));
        await this.repo.allMonthPrefixes(em);
      });
      if (lastId) await this.repo.deleteDirtyUpTo(this.db.manager, lastId);
      await this.repo.analyzeRollups();
      return { spaces, ms: Date.now() - started };
    });
  }

  /**
   * Writes the public holidays of every département with a site, for each year of the coverage; answers
   * the keys written, to be remembered once the transaction commits.
   */
  private async ensureHolidays(em: EntityManager): Promise<string[]> {
    const keys: string[] = [];
    const { from, to } = await this.repo.coverage(em);
    const deps: string[] = [];
    const dates: string[] = [];
    for (const dep of await this.repo.departements(em)) {
      for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
        const key = `${dep}:${year}`;
        if (this.holidaysDone.has(key)) continue;
        keys.push(key);
        let list: { date: string }[] = [];
        try {
          list = holidays(year, dep);
        } catch {
          // A territory without a holiday calendar of ours (Pacific collectivités): none known.
        }
        for (const h of list) {
          deps.push(dep);
          dates.push(h.date);
        }
      }
    }
    await this.repo.addHolidays(em, deps, dates);
    return keys;
  }
}
