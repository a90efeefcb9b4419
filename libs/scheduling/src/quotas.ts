import { startOfDate, Temporal, wallClock } from './local-time';
import type { Period } from './periods';

/**
 * Fair-use quotas: limits an organisation meets at a site, per local week (ISO, from Monday), per local
 * month, and on its bookings at once (pending or confirmed, not yet ended). Weeks and months are the
 * booked site's, in its IANA zone, so a week holding a clock change lasts 167 or 169 hours and a booking
 * counts the hours that really pass. Pure: no clock, no database.
 */

export type QuotaLimitKind = 'weekHours' | 'monthHours' | 'activeBookings';

export interface QuotaRuleLimits {
  /** Minutes a week; null: no weekly limit. */
  weekMinutes: number | null;
  monthMinutes: number | null;
  /** Bookings at once; null: no such limit. */
  maxActive: number | null;
}

export interface QuotaRuleScope {
  id: string;
  /** Null for a national rule, which holds at every site. */
  siteId: string | null;
  /** Null for the rule of every organisation. */
  organisationId: string | null;
  /** Null for every kind of space. */
  spaceKind: string | null;
}

export type QuotaRuleFacts = QuotaRuleScope & QuotaRuleLimits;

/** A booking of the organisation at the site, as the quotas count it. */
export interface CountedBooking extends Period {
  spaceKind: string;
}

/** One limit of one rule, broken or nearly so. */
export interface QuotaStanding {
  rule: QuotaRuleFacts;
  kind: QuotaLimitKind;
  /** Minutes for hours, a number of bookings for `activeBookings`. */
  limit: number;
  used: number;
  remaining: number;
  /** The week or month counted; null for bookings at once. */
  window: Period | null;
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, local) holding an instant, as instants. */
export function weekOf(instant: number, timeZone: string): Period {
  const c = wallClock(instant, timeZone);
  const date = Temporal.PlainDate.from({ year: c.year, month: c.month, day: c.day });
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  return {
    start: startOfDate(monday, timeZone).epochMilliseconds,
    end: startOfDate(monday.add({ weeks: 1 }), timeZone).epochMilliseconds,
  };
}

/** The local calendar month holding an instant, as instants. */
export function monthOf(instant: number, timeZone: string): Period {
  const c = wallClock(instant, timeZone);
  const first = Temporal.PlainDate.from({ year: c.year, month: c.month, day: 1 });
  return {
    start: startOfDate(first, timeZone).epochMilliseconds,
    end: startOfDate(first.add({ months: 1 }), timeZone).epochMilliseconds,
  };
}

const windowOf = { weekHours: weekOf, monthHours: monthOf } as const;

/** Every week or month a period touches, in order. */
export function windowsOf(period: Period, timeZone: string, kind: 'weekHours' | 'monthHours'): Period[] {
  const windows: Period[] = [];
  if (period.end <= period.start) return windows;
  for (let at = period.start; at < period.end;) {
    const w = windowOf[kind](at, timeZone);
    windows.push(w);
    at = w.end;
  }
  return windows;
}

/** Minutes of the periods inside the window (a booking across midnight on Sunday counts in both weeks). */
export function minutesWithin(periods: readonly Period[], window: Period): number {
  let ms = 0;
  for (const p of periods) ms += Math.max(0, Math.min(p.end, window.end) - Math.max(p.start, window.start));
  return Math.round(ms / 60_000);
}

/**
 * The rules that hold for an organisation booking a space of a kind: national and site rules together
 * (each one holds: the tightest wins), where a rule naming the organisation replaces, within its scope
 * (national or the site) and kind of space, the rule of every organisation.
 */
export function rulesFor<R extends QuotaRuleScope>(
  rules: readonly R[],
  organisationId: string,
  spaceKind: string,
): R[] {
  const relevant = rules.filter(
    (r) =>
      (r.organisationId === null || r.organisationId === organisationId) &&
      (r.spaceKind === null || r.spaceKind === spaceKind),
  );
  const overridden = new Set(
    relevant.filter((r) => r.organisationId !== null).map((r) => `${r.siteId}|${r.spaceKind}`),
  );
  return relevant.filter((r) => r.organisationId !== null || !overridden.has(`${r.siteId}|${r.spaceKind}`));
}

const counts = (rule: QuotaRuleScope, b: CountedBooking) =>
  rule.spaceKind === null || rule.spaceKind === b.spaceKind;

/**
 * The first limit that adding `adding` to `existing` breaks, with what was left before them; null when
 * everything fits. `existing` are the organisation's active bookings at the site (a moved booking left
 * out); bookings at once count those not ended at `now`.
 */
export function quotaBreach(input: {
  rules: readonly QuotaRuleFacts[];
  timeZone: string;
  existing: readonly CountedBooking[];
  adding: readonly CountedBooking[];
  now: number;
}): QuotaStanding | null {
  const { rules, timeZone, existing, adding, now } = input;
  for (const rule of rules) {
    const ours = existing.filter((b) => counts(rule, b));
    const added = adding.filter((b) => counts(rule, b));
    if (added.length === 0) continue;
    for (const kind of ['weekHours', 'monthHours'] as const) {
      const limit = kind === 'weekHours' ? rule.weekMinutes : rule.monthMinutes;
      if (limit === null) continue;
      const windows = new Map<number, Period>();
      for (const b of added) for (const w of windowsOf(b, timeZone, kind)) windows.set(w.start, w);
      for (const window of [...windows.values()].sort((a, b) => a.start - b.start)) {
        const used = minutesWithin(ours, window);
        if (used + minutesWithin(added, window) > limit) {
          return { rule, kind, limit, used, remaining: Math.max(0, limit - used), window };
        }
      }
    }
    if (rule.maxActive !== null) {
      const used = ours.filter((b) => b.end > now).length;
      if (used + added.filter((b) => b.end > now).length > rule.maxActive) {
        const remaining = Math.max(0, rule.maxActive - used);
        return { rule, kind: 'activeBookings', limit: rule.maxActive, used, remaining, window: null };
      }
    }
  }
  return null;
}

/** Each limit of each rule as it stands for a booking at `at`: the week and month holding it, and now. */
export function quotaStandings(input: {
  rules: readonly QuotaRuleFacts[];
  timeZone: string;
  existing: readonly CountedBooking[];
  spaceKind: string;
  at: number;
  now: number;
}): QuotaStanding[] {
  const { rules, timeZone, existing, spaceKind, at, now } = input;
  const standings: QuotaStanding[] = [];
  for (const rule of rules) {
    if (rule.spaceKind !== null && rule.spaceKind !== spaceKind) continue;
    const ours = existing.filter((b) => counts(rule, b));
    for (const kind of ['weekHours', 'monthHours'] as const) {
      const limit = kind === 'weekHours' ? rule.weekMinutes : rule.monthMinutes;
      if (limit === null) continue;
      const window = windowOf[kind](at, timeZone);
      const used = minutesWithin(ours, window);
      standings.push({ rule, kind, limit, used, remaining: Math.max(0, limit - used), window });
    }
    if (rule.maxActive !== null) {
      const used = ours.filter((b) => b.end > now).length;
      const remaining = Math.max(0, rule.maxActive - used);
      standings.push({ rule, kind: 'activeBookings', limit: rule.maxActive, used, remaining, window: null });
    }
  }
  return standings;
}

/** The tightest of each kind of limit: what the organisation may still book. */
export function tightest(standings: readonly QuotaStanding[]): Record<QuotaLimitKind, QuotaStanding | null> {
  const best: Record<QuotaLimitKind, QuotaStanding | null> = {
    weekHours: null,
    monthHours: null,
    activeBookings: null,
  };
  for (const s of standings) {
    const b = best[s.kind];
    if (!b || s.remaining < b.remaining) best[s.kind] = s;
  }
  return best;
}

/** Minutes in French or English words: `2 h 30`, `10 h`, `45 min`. */
export function formatMinutes(minutes: number, lang: 'fr' | 'en' = 'fr'): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'en') return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}
