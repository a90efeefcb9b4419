import { Temporal } from './local-time';
import { epochDay, isoDateOfEpochDay } from './local-time';
import type { Period } from './periods';

/** When a need wants a space, in the local time of whichever site would host it (see contracts' NeedSchedule). */
export interface NeedScheduleSpec {
  from: string;
  until: string;
  startTime: string;
  endTime: string;
  /** ISO weekdays (1 = Monday); all seven when empty. */
  weekdays: readonly number[];
  /** Any `perWeek` of the listed weekdays each week, rather than all of them. */
  perWeek: number | null;
}

/** One local date of a need, with the Monday of its ISO week (what `perWeek` counts in). */
export interface NeedDate {
  date: string;
  weekday: number;
  week: string;
}

/** One wanted occurrence in a zone. */
export interface NeedOccurrencePeriod extends Period {
  date: string;
  week: string;
}

const epochOf = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return epochDay({ year, month, day });
};

/** The ISO weekday (1 = Monday) of a day count since 1970-01-01, a Thursday. */
const weekdayOf = (days: number) => ((((days + 3) % 7) + 7) % 7) + 1;

/** Every local date the schedule names, in order: the days of `from`…`until` on its weekdays. */
export function needDates(s: NeedScheduleSpec): NeedDate[] {
  const first = epochOf(s.from);
  const last = epochOf(s.until);
  const days = new Set(s.weekdays.length > 0 ? s.weekdays : [1, 2, 3, 4, 5, 6, 7]);
  const out: NeedDate[] = [];
  for (let d = first; d <= last; d++) {
    const weekday = weekdayOf(d);
    if (!days.has(weekday)) continue;
    out.push({ date: isoDateOfEpochDay(d), weekday, week: isoDateOfEpochDay(d - weekday + 1) });
  }
  return out;
}

/** The dates grouped by ISO week, in order. */
export function needWeeks<T extends { week: string }>(dates: readonly T[]): T[][] {
  const weeks: T[][] = [];
  for (const d of dates) {
    const last = weeks[weeks.length - 1];
    if (last && last[0].week === d.week) last.push(d);
    else weeks.push([d]);
  }
  return weeks;
}

/**
 * How many occurrences the need wants: every date, or for `perWeek` that many a week (fewer in a week
 * that holds fewer of its weekdays, at its ends).
 */
export function occurrencesWanted(s: NeedScheduleSpec): number {
  const dates = needDates(s);
  if (!s.perWeek) return dates.length;
  return needWeeks(dates).reduce((n, week) => n + Math.min(s.perWeek!, week.length), 0);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Hours wanted in all: occurrences wanted × the length of one. */
export function hoursWanted(s: NeedScheduleSpec): number {
  return (occurrencesWanted(s) * (minutesOf(s.endTime) - minutesOf(s.startTime))) / 60;
}

// Pure in (date, time, zone): every candidate site of a zone lays the same instants.
const instants = new Map<string, number>();
const MAX_CACHED = 50_000;

function instantOf(date: string, time: string, timeZone: string): number {
  const key = `${timeZone}|${date}|${time}`;
  let t = instants.get(key);
  if (t === undefined) {
    // As a series lays its dates (from the day's first instant, compatible with DST gaps and overlaps).
    t = Temporal.PlainDate.from(date).toZonedDateTime({
      timeZone,
      plainTime: Temporal.PlainTime.from(time),
    }).epochMilliseconds;
    if (instants.size >= MAX_CACHED) instants.clear();
    instants.set(key, t);
  }
  return t;
}

/** The need's candidate occurrences as instants in a site's zone, in order. */
export function needOccurrences(s: NeedScheduleSpec, timeZone: string): NeedOccurrencePeriod[] {
  return needDates(s).map(({ date, week }) => ({
    date,
    week,
    start: instantOf(date, s.startTime, timeZone),
    end: instantOf(date, s.endTime, timeZone),
  }));
}
