import { DateTime } from 'luxon';
import { openPeriods, type WeeklyWindow } from './opening-hours';
import { subtract, type Period } from './periods';

/** A closure of whole local days, `startsOn` to `endsOn` inclusive (YYYY-MM-DD). */
export interface DateRange {
  startsOn: string;
  endsOn: string;
}

/** Whole local days as instants: from local midnight of the first day to local midnight after the last. */
export function dayRangePeriod(range: DateRange, timeZone: string): Period {
  const start = DateTime.fromISO(range.startsOn, { zone: timeZone }).startOf('day');
  const end = DateTime.fromISO(range.endsOn, { zone: timeZone }).startOf('day').plus({ days: 1 });
  if (!start.isValid || !end.isValid)
    throw new RangeError(`Not a date range: ${range.startsOn}–${range.endsOn}`);
  return { start: start.toMillis(), end: end.toMillis() };
}

/** The local calendar dates a window touches, inclusive, in the site's zone. */
export function localDates(window: Period, timeZone: string): { from: string; to: string } {
  return {
    from: DateTime.fromMillis(window.start, { zone: timeZone }).toISODate()!,
    to: DateTime.fromMillis(Math.max(window.start, window.end - 1), { zone: timeZone }).toISODate()!,
  };
}

export interface SiteCalendar {
  timeZone: string;
  openingHours: readonly WeeklyWindow[];
  closures: readonly DateRange[];
  /** Holidays the site keeps closed, as periods (see holidays.ts). */
  holidays?: readonly Period[];
}

/** When a site is open within a window: opening hours, minus closures, minus holidays. */
export function siteOpenPeriods(site: SiteCalendar, window: Period): Period[] {
  const closed = [...site.closures.map((c) => dayRangePeriod(c, site.timeZone)), ...(site.holidays ?? [])];
  return subtract(openPeriods(site.openingHours, site.timeZone, window), closed);
}
