import { dayPeriod, localDate } from './local-time';
import { openPeriods, type WeeklyWindow } from './opening-hours';
import { subtract, type Period } from './periods';

/** A closure of whole local days, `startsOn` to `endsOn` inclusive (YYYY-MM-DD). */
export interface DateRange {
  startsOn: string;
  endsOn: string;
}

/** Whole local days as instants: from local midnight of the first day to local midnight after the last. */
export function dayRangePeriod(range: DateRange, timeZone: string): Period {
  try {
    return { start: dayPeriod(range.startsOn, timeZone).start, end: dayPeriod(range.endsOn, timeZone).end };
  } catch {
    throw new RangeError(`Not a date range: ${range.startsOn}–${range.endsOn}`);
  }
}

/** The local calendar dates a window touches, inclusive, in the site's zone. */
export function localDates(window: Period, timeZone: string): { from: string; to: string } {
  return {
    from: localDate(window.start, timeZone),
    to: localDate(Math.max(window.start, window.end - 1), timeZone),
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
