import { holidaysBetween } from './holidays';
import type { Period } from './periods';
import type { ClosedDay } from './policy';
import { dayRangePeriod, localDates, siteOpenPeriods, type DateRange } from './site-calendar';
import type { WeeklyWindow } from './opening-hours';

/** What a site's calendar holds around a window: its hours, its closures, the holidays it opens on. */
export interface SiteDays {
  timeZone: string;
  /** INSEE code: which public holidays apply. */
  departementCode: string;
  openingHours: readonly WeeklyWindow[];
  closures: readonly (DateRange & { reason: string })[];
  /** Holidays (YYYY-MM-DD) the site has chosen to open on. */
  holidayOpenings?: readonly string[];
}

/**
 * The days a site is shut within a window, closures first then the holidays it keeps, each with its name:
 * what the booking, the approval, the waiting list and the series all refuse with, in the same words.
 */
export function closedDays(site: SiteDays, window: Period): ClosedDay[] {
  const { from, to } = localDates(window, site.timeZone);
  const opensOn = new Set(site.holidayOpenings ?? []);
  const closures: ClosedDay[] = site.closures.map((c) => ({
    period: dayRangePeriod(c, site.timeZone),
    kind: 'CLOSED',
    name: c.reason,
  }));
  const holidays: ClosedDay[] = holidaysBetween(from, to, site.departementCode)
    .filter((h) => !opensOn.has(h.date))
    .map((h) => ({
      period: dayRangePeriod({ startsOn: h.date, endsOn: h.date }, site.timeZone),
      kind: 'HOLIDAY',
      name: h.name,
    }));
  return [...closures, ...holidays];
}

/** When the site is open within a window, and the closed days that explain the gaps. */
export function siteDays(site: SiteDays, window: Period): { open: Period[]; closed: ClosedDay[] } {
  const closed = closedDays(site, window);
  const open = siteOpenPeriods(
    {
      timeZone: site.timeZone,
      openingHours: site.openingHours,
      closures: [],
      holidays: closed.map((d) => d.period),
    },
    window,
  );
  return { open, closed };
}
