import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  compareMatches,
  matchNeedOnSpace,
  needOccurrences,
  occurrencesWindow,
  siteDays,
  type NeedBooker,
  type NeedMatchResult,
  type NeedOccurrencePeriod,
  type Period,
  type SiteDiscount,
} from '@lieux/scheduling';
import type { BookableSpace } from '../sites/sites.types';
import { criteriaOf, NeedsRepository, type NeedRow } from './needs.repository';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A space meeting a need, with how. */
export interface Evaluated {
  space: BookableSpace;
  result: NeedMatchResult;
}

const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** From the first to the last of `occurrences`, widened by the spaces' largest buffers (what a booking would block). */
function spanOf(occurrences: Period[], spaces: BookableSpace[]): Period | null {
  if (occurrences.length === 0) return null;
  let before = 0;
  let after = 0;
  for (const s of spaces) {
    before = Math.max(before, s.policy.bufferBeforeMinutes);
    after = Math.max(after, s.policy.bufferAfterMinutes);
  }
  let start = Infinity;
  let end = -Infinity;
  for (const o of occurrences) {
    start = Math.min(start, o.start);
    end = Math.max(end, o.end);
  }
  return { start: start - before * MINUTE, end: end + after * MINUTE };
}

/** How many matches `GET /needs/{id}/matches` shows: the best ones. */
export const MATCHES_SHOWN = 20;
/** How many more stored matches than shown are judged again (a row may lag its space by the queue). */
const STORED_SLACK = 2;
/** The nearest sites looked at first (× 4 at each widening). */
const FIRST_SITES = 100;

/**
 * The matching engine: a need against the spaces that may meet it (one candidate query, one query of the
 * bookings overlapping its occurrences, the sites' calendars in two), judged in memory by libs/scheduling's
 * `matchNeedOnSpace`, the booking path's own rules; and the incremental re-matching of the needs a changed
 * space may concern, from the dirty queue.
 */
@Injectable()
export class NeedMatcher {
  private readonly log = new Logger(NeedMatcher.name);

  constructor(
    private readonly db: DataSource,
    private readonly needs: NeedsRepository,
  ) {}

  /** The spaces meeting a need now, best first: all of them, or whether one space does. */
  async evaluate(
    need: NeedRow,
    now: number,
    em: EntityManager = this.db.manager,
    spaceId?: string,
  ): Promise<Evaluated[]> {
    const booker = await this.needs.booker(need.organisation_id, em);
    if (!booker || booker.verification !== 'verified') return [];
    const criteria = criteriaOf(need);
    const candidates = await this.needs.candidates(criteria, booker, em, undefined, spaceId);
    return this.judge(need, booker, candidates, now, em);
  }

  /**
   * The `shown` best spaces meeting a need, for `GET /needs/{id}/matches`: read from its stored matches
   * (kept current by the re-matching, within a second of a change), the best `STORED_SLACK` × `shown`
   * of them judged again now, occurrence by occurrence, so none is listed that a booking would refuse.
   * A need never matched yet (just declared, or written without matching) is matched live (`best`).
   */
  async shown(need: NeedRow, now: number, shown = MATCHES_SHOWN): Promise<Evaluated[]> {
    if (need.matched_at === null) return this.best(need, now, shown);
    const [booker, ids] = await Promise.all([
      this.needs.booker(need.organisation_id),
      this.needs.storedBest(need.id, shown * STORED_SLACK),
    ]);
    if (!booker || booker.verification !== 'verified' || ids.length === 0) return [];
    const candidates = await this.needs.candidates(criteriaOf(need), booker, this.db.manager, undefined, ids);
    return (await this.judge(need, booker, candidates, now, this.db.manager)).slice(0, shown);
  }

  /**
   * The `shown` best spaces meeting a need now, the same as the first of `evaluate`, without judging
   * every space within reach: among the sites nearest its point first (the sites' GiST index), widened
   * until the `shown`-th match with every occurrence free is nearer than any site not looked at yet
   * could be (no farther space can rank before it: more free occurrences there cannot be).
   */
  async best(
    need: NeedRow,
    now: number,
    shown = MATCHES_SHOWN,
    firstSites = FIRST_SITES,
  ): Promise<Evaluated[]> {
    const booker = await this.needs.booker(need.organisation_id);
    if (!booker || booker.verification !== 'verified') return [];
    const criteria = criteriaOf(need);
    const { place } = criteria;
    if (place.radiusKm === null) return (await this.evaluate(need, now)).slice(0, shown);
    // A site `d` degrees away (the index's measure) is at least this far, within a degree of the need's
    // latitude (a radius is 100 km at most); 2 % kept for the sphere.
    const kmPerDegree = 0.98 * 111.2 * Math.cos((Math.min(89, Math.abs(place.latitude) + 1) * Math.PI) / 180);
    for (let nearest = firstSites; ; nearest *= 4) {
      const reach = await this.needs.nearestReach(place.latitude, place.longitude, nearest);
      const candidates = await this.needs.candidates(
        criteria,
        booker,
        this.db.manager,
        reach === null ? undefined : nearest,
      );
      const matches = await this.judge(need, booker, candidates, now, this.db.manager);
      if (reach === null || kmPerDegree * reach > place.radiusKm) return matches.slice(0, shown);
      const full = matches.filter((m) => m.result.occurrencesFree === m.result.occurrencesWanted);
      const last = full[shown - 1];
      if (last && (last.result.distanceKm ?? 0) + 0.01 < kmPerDegree * reach) return matches.slice(0, shown);
    }
  }

  /** The candidates judged occurrence by occurrence, best first. */
  private async judge(
    need: NeedRow,
    booker: NeedBooker,
    candidates: (BookableSpace & { discounts: SiteDiscount[] })[],
    now: number,
    em: EntityManager,
  ): Promise<Evaluated[]> {
    const criteria = criteriaOf(need);
    if (candidates.length === 0) return [];
    const byZone = new Map<string, NeedOccurrencePeriod[]>();
    for (const c of candidates) {
      if (!byZone.has(c.site.timeZone))
        byZone.set(c.site.timeZone, needOccurrences(criteria.schedule, c.site.timeZone));
    }
    const all = [...byZone.values()].flat();
    if (all.length === 0) return [];
    const siteIds = [...new Set(candidates.map((c) => c.site.id))];
    // Side by side on the pool; one after the other in a transaction (its one connection).
    const readCalendars = () =>
      this.needs.calendars(siteIds, shiftDate(need.date_from, -2), shiftDate(need.date_until, 2), em);
    const readTaken = () =>
      this.needs.taken(
        candidates.map((c) => c.id),
        spanOf(all, candidates),
        em,
      );
    const [calendars, taken] = em.queryRunner
      ? [await readCalendars(), await readTaken()]
      : await Promise.all([readCalendars(), readTaken()]);
    // Sites with the same zone, holidays, hours and calendar lay the same days: once per distinct one.
    const laid = new Map<string, ReturnType<typeof siteDays>>();
    const out: Evaluated[] = [];
    for (const space of candidates) {
      const calendar = calendars.get(space.site.id)!;
      const occurrences = byZone.get(space.site.timeZone)!;
      const { timeZone, departementCode } = space.site;
      const key = JSON.stringify([timeZone, departementCode, space.openingHours, calendar]);
      let days = laid.get(key);
      if (!days && occurrences.length > 0) {
        days = siteDays(
          { timeZone, departementCode, openingHours: space.openingHours, ...calendar },
          occurrencesWindow(occurrences),
        );
        laid.set(key, days);
      }
      const result = matchNeedOnSpace(
        criteria,
        space,
        { ...booker, discounts: space.discounts },
        calendar,
        taken.get(space.id) ?? [],
        now,
        days,
        occurrences,
      );
      if (result) out.push({ space, result });
    }
    return out.sort((a, b) => compareMatches(a.result, b.result));
  }

  /**
   * Matches one need from scratch and rewrites its rows, if it is live (and with `unmatchedOnly`, if
   * nobody matched it meanwhile); in `em`'s transaction or its own.
   */
  async rematch(needId: string, em?: EntityManager, unmatchedOnly = false): Promise<void> {
    const run = async (tx: EntityManager) => {
      const need = await this.needs.find(needId, tx, true);
      if (!need || !['open', 'matched'].includes(need.status)) return;
      if (unmatchedOnly && need.matched_at !== null) return;
      const matches = await this.evaluate(need, Date.now(), tx);
      await this.needs.rewrite(
        tx,
        needId,
        matches.map((m) => ({
          spaceId: m.space.id,
          occurrencesFree: m.result.occurrencesFree,
          distanceKm: m.result.distanceKm,
        })),
      );
    };
    if (em) await run(em);
    else await this.db.transaction(run);
  }

  /**
   * One batch of the dirty queue: for each changed space, the live needs it may concern are judged
   * again against that space alone, and their row for it written or deleted; all in one transaction with
   * the queue's rows. Returns how many rows were taken.
   */
  async drain(limit = 200): Promise<number> {
    return this.db.transaction(async (em) => {
      await this.needs.lockDrain(em);
      const { ids, spaces } = await this.needs.takeDirty(em, limit);
      if (ids.length === 0) return 0;
      const now = Date.now();
      for (const changed of spaces) await this.rematchSpace(em, changed, now);
      await this.needs.deleteDirty(em, ids);
      return ids.length;
    });
  }

  private async rematchSpace(
    em: EntityManager,
    changed: { spaceId: string; from: string; to: string; matchedOnly: boolean },
    now: number,
  ): Promise<void> {
    const space = await this.needs.space(changed.spaceId, em);
    const concerned = await this.needs.concerned(
      em,
      space,
      changed.spaceId,
      changed.from,
      changed.to,
      changed.matchedOnly,
    );
    if (concerned.length === 0) return;
    const ids = concerned.map((n) => n.id);
    if (!space) {
      await this.needs.deleteMatch(em, ids, changed.spaceId);
      await this.needs.recount(
        em,
        concerned.filter((n) => n.had_match).map((n) => n.id),
      );
      return;
    }
    const from = concerned.map((n) => n.date_from).reduce((a, b) => (a < b ? a : b));
    const until = concerned.map((n) => n.date_until).reduce((a, b) => (a > b ? a : b));
    const occurrences = new Map(
      concerned.map((n) => [n.id, needOccurrences(criteriaOf(n).schedule, space.site.timeZone)]),
    );
    const bookers = await this.needs.bookersAt(
      [...new Set(concerned.map((n) => n.organisation_id))],
      space.site.id,
      em,
    );
    const calendars = await this.needs.calendars(
      [space.site.id],
      shiftDate(from, -2),
      shiftDate(until, 2),
      em,
    );
    const taken = await this.needs.taken([space.id], spanOf([...occurrences.values()].flat(), [space]), em);
    const calendar = calendars.get(space.site.id)!;
    // The site's open and closed days laid once, over every concerned need's occurrences.
    const every = [...occurrences.values()].flat().sort((a, b) => a.start - b.start);
    const days =
      every.length > 0
        ? siteDays(
            {
              timeZone: space.site.timeZone,
              departementCode: space.site.departementCode,
              openingHours: space.openingHours,
              ...calendar,
            },
            occurrencesWindow(every),
          )
        : undefined;
    const kept: { needId: string; spaceId: string; occurrencesFree: number; distanceKm: number | null }[] =
      [];
    const gone: string[] = [];
    // Only the needs whose set of matches changes are counted again.
    const changedNeeds: string[] = [];
    for (const need of concerned) {
      const result = matchNeedOnSpace(
        criteriaOf(need),
        space,
        bookers.get(need.organisation_id) ?? null,
        calendar,
        taken.get(space.id) ?? [],
        now,
        days,
        occurrences.get(need.id),
      );
      if (result) {
        kept.push({
          needId: need.id,
          spaceId: space.id,
          occurrencesFree: result.occurrencesFree,
          distanceKm: result.distanceKm,
        });
        if (!need.had_match) changedNeeds.push(need.id);
      } else if (need.had_match) {
        gone.push(need.id);
        changedNeeds.push(need.id);
      }
    }
    await this.needs.deleteMatch(em, gone, space.id);
    await this.needs.upsertForSpace(em, space.id, kept);
    await this.needs.recount(em, changedNeeds);
    this.log.debug(`space ${space.id}: ${kept.length} needs met, ${gone.length} no longer, of ${ids.length}`);
  }

  /**
   * Needs written without matching (demo data, imports, a declaration whose process stopped before
   * matching it): matched once, a few at a time so the dirty queue is not kept waiting; one the API is
   * matching already is skipped once it is done (its row is locked meanwhile).
   */
  async matchUnmatched(limit = 5): Promise<number> {
    const ids = await this.needs.unmatched(limit);
    for (const id of ids) await this.rematch(id, undefined, true);
    return ids.length;
  }
}
