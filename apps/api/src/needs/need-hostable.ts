import { Temporal } from 'temporal-polyfill';
import { holidaysBetween } from '@lieux/scheduling';

/** A need's schedule as stored (local wall times, in whichever site's zone would host it). */
export interface StoredSchedule {
  from: string;
  until: string;
  startTime: string;
  endTime: string;
  weekdays: number[];
  perWeek: number | null;
}

/** One wanted occurrence, in a site's zone: its local date, ISO week and instants. */
export interface LocalOccurrence {
  date: string;
  /** `YYYY-Www`: "n per week" counts within it. */
  week: string;
  start: number;
  end: number;
}

/**
 * The days a schedule names (every day of from…until whose weekday is listed; all days when none is),
 * at its wall times in `timeZone`. A "n per week" schedule lists each candidate day: any n of them serve.
 */
export function candidateOccurrences(s: StoredSchedule, timeZone: string): LocalOccurrence[] {
  const out: LocalOccurrence[] = [];
  const until = Temporal.PlainDate.from(s.until);
  const start = Temporal.PlainTime.from(s.startTime);
  const end = Temporal.PlainTime.from(s.endTime);
  for (
    let d = Temporal.PlainDate.from(s.from);
    Temporal.PlainDate.compare(d, until) <= 0;
    d = d.add({ days: 1 })
  ) {
    if (s.weekdays.length > 0 && !s.weekdays.includes(d.dayOfWeek)) continue;
    const at = (t: Temporal.PlainTime) =>
      d.toZonedDateTime({ timeZone, plainTime: t }).toInstant().epochMilliseconds;
    const week = `${d.yearOfWeek}-W${String(d.weekOfYear).padStart(2, '0')}`;
    out.push({ date: d.toString(), week, start: at(start), end: at(end) });
  }
  return out;
}

/** How many occurrences a schedule wants: one per candidate day, or `perWeek` (at most) per week. */
export function occurrencesWanted(s: StoredSchedule, timeZone = 'Europe/Paris'): number {
  const all = candidateOccurrences(s, timeZone);
  if (!s.perWeek) return all.length;
  return countPerWeek(all, s.perWeek);
}

function countPerWeek(occurrences: LocalOccurrence[], perWeek: number): number {
  const byWeek = new Map<string, number>();
  for (const o of occurrences) byWeek.set(o.week, (byWeek.get(o.week) ?? 0) + 1);
  let n = 0;
  for (const days of byWeek.values()) n += Math.min(perWeek, days);
  return n;
}

/** What stops a site from hosting an occurrence even with the doors open: its calendar and its bookings. */
export interface SiteCalendarFacts {
  timeZone: string;
  departementCode: string;
  /** Closures, local dates, both ends included. */
  closures: { from: string; to: string }[];
  /** Public holidays the site opens anyway. */
  holidayOpenings: Set<string>;
  /** The site's fitting spaces' busy periods (bookings widened by buffers), by space. */
  busy: Map<string, { start: number; end: number }[]>;
}

/**
 * How many of a need's wanted occurrences the site could host if it opened at those hours: occurrences
 * still to come, on a day the site is not closed (a closure, a public holiday it does not open), with at
 * least one of `spaceIds` free for the whole occurrence. For "n per week", at most n a week.
 */
export function occurrencesHostable(
  s: StoredSchedule,
  spaceIds: string[],
  site: SiteCalendarFacts,
  now: number = Date.now(),
): number {
  if (spaceIds.length === 0) return 0;
  const holidays = new Set(holidaysBetween(s.from, s.until, site.departementCode).map((h) => h.date));
  const hostable = candidateOccurrences(s, site.timeZone).filter(
    (o) =>
      o.start >= now &&
      !(holidays.has(o.date) && !site.holidayOpenings.has(o.date)) &&
      !site.closures.some((c) => c.from <= o.date && o.date <= c.to) &&
      spaceIds.some((id) => !(site.busy.get(id) ?? []).some((b) => b.start < o.end && o.start < b.end)),
  );
  return s.perWeek ? countPerWeek(hostable, s.perWeek) : hostable.length;
}
