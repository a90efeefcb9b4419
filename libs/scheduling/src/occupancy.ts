import { dayPeriod, epochDay, isoDateOfEpochDay, Temporal } from './local-time';
import { holidayPeriods } from './holidays';
import { duration, intersect, normalize, type Period } from './periods';
import { siteOpenPeriods, type DateRange } from './site-calendar';
import type { WeeklyWindow } from './opening-hours';

/**
 * Occupancy arithmetic (PRODUCT.md, "Occupancy — definitions"), per space and local day while it was
 * published: offered = opening hours minus closures and holidays in the site's zone; booked = confirmed and
 * completed bookings clipped to what is offered. Roll-ups add minutes and m²·minutes, then divide.
 */

/** Statuses whose hours count as booked. A no-show or a cancellation frees nothing it did not use. */
export const BOOKED_STATUSES = ['confirmed', 'completed'] as const;

export interface OccupancyBooking {
  start: number;
  end: number;
  status: string;
  organisationId: string;
}

export interface OccupancyCalendar {
  timeZone: string;
  /** The space's weekly hours (its own, or its site's). */
  openingHours: readonly WeeklyWindow[];
  closures: readonly DateRange[];
  /** INSEE département of the site, for its public holidays; null when it has no calendar of ours. */
  departementCode: string | null;
  /** Holidays the site opens on (YYYY-MM-DD). */
  holidayOpenings: ReadonlySet<string>;
  /** When the space was published, `end` Infinity while it still is. */
  published: readonly Period[];
}

export interface SpaceDay {
  /** Local date, YYYY-MM-DD. */
  date: string;
  offeredMinutes: number;
  bookedMinutes: number;
  /** Confirmed or completed bookings that start on this local day. */
  bookings: number;
  /** No-shows that start on this local day. */
  noShows: number;
  /** Booked minutes of this day per organisation. */
  byOrganisation: Record<string, number>;
}

const MINUTE = 60_000;

/** The local day as instants: 23 or 25 hours on a daylight-saving day. */
export function localDay(date: string, timeZone: string): Period {
  try {
    return dayPeriod(date, timeZone);
  } catch {
    throw new RangeError(`Not a date or zone: ${date} ${timeZone}`);
  }
}

/**
 * Offered and booked minutes of one space for each local date from `from` to `to`, both included. A date
 * counts whole if the space was published at any moment of it, so the day it is archived keeps the
 * bookings it held; on the other dates it offered nothing and nothing counts.
 */
export function spaceDays(
  calendar: OccupancyCalendar,
  bookings: readonly OccupancyBooking[],
  from: string,
  to: string,
): SpaceDay[] {
  const out: SpaceDay[] = [];
  const counted = bookings.filter((b) => (BOOKED_STATUSES as readonly string[]).includes(b.status));
  const booked = normalize(counted);
  const last = epochDay(Temporal.PlainDate.from(to));
  for (let day = epochDay(Temporal.PlainDate.from(from)); day <= last; day++) {
    const date = isoDateOfEpochDay(day);
    const window = localDay(date, calendar.timeZone);
    if (!calendar.published.some((p) => p.start < window.end && window.start < p.end)) {
      out.push({ date, offeredMinutes: 0, bookedMinutes: 0, bookings: 0, noShows: 0, byOrganisation: {} });
      continue;
    }
    const holidays = calendar.departementCode
      ? holidayPeriods(calendar.departementCode, calendar.timeZone, window, calendar.holidayOpenings)
      : [];
    const open = siteOpenPeriods({ ...calendar, holidays }, window);
    const byOrganisation: Record<string, number> = {};
    for (const b of counted) {
      const minutes = duration(intersect(open, [b])) / MINUTE;
      if (minutes > 0) byOrganisation[b.organisationId] = (byOrganisation[b.organisationId] ?? 0) + minutes;
    }
    const startsToday = (b: OccupancyBooking) => b.start >= window.start && b.start < window.end;
    out.push({
      date,
      offeredMinutes: duration(open) / MINUTE,
      bookedMinutes: duration(intersect(open, booked)) / MINUTE,
      bookings: counted.filter(startsToday).length,
      noShows: bookings.filter((b) => b.status === 'no_show' && startsToday(b)).length,
      byOrganisation,
    });
  }
  return out;
}

/** What adds up across spaces and days. m²·minutes are kept apart because areas differ per space. */
export interface OccupancySums {
  offeredMinutes: number;
  bookedMinutes: number;
  offeredSqmMinutes: number;
  usedSqmMinutes: number;
  bookings: number;
}

export const ZERO_SUMS: OccupancySums = {
  offeredMinutes: 0,
  bookedMinutes: 0,
  offeredSqmMinutes: 0,
  usedSqmMinutes: 0,
  bookings: 0,
};

/** The sums of one space's days, weighted by its area. */
export function spaceSums(areaSqm: number, days: readonly SpaceDay[]): OccupancySums {
  return days.reduce<OccupancySums>(
    (s, d) => ({
      offeredMinutes: s.offeredMinutes + d.offeredMinutes,
      bookedMinutes: s.bookedMinutes + d.bookedMinutes,
      offeredSqmMinutes: s.offeredSqmMinutes + areaSqm * d.offeredMinutes,
      usedSqmMinutes: s.usedSqmMinutes + areaSqm * d.bookedMinutes,
      bookings: s.bookings + d.bookings,
    }),
    ZERO_SUMS,
  );
}

/** A roll-up: the parts are added, never their rates averaged. */
export function rollUp(parts: readonly OccupancySums[]): OccupancySums {
  return parts.reduce<OccupancySums>(
    (s, p) => ({
      offeredMinutes: s.offeredMinutes + p.offeredMinutes,
      bookedMinutes: s.bookedMinutes + p.bookedMinutes,
      offeredSqmMinutes: s.offeredSqmMinutes + p.offeredSqmMinutes,
      usedSqmMinutes: s.usedSqmMinutes + p.usedSqmMinutes,
      bookings: s.bookings + p.bookings,
    }),
    ZERO_SUMS,
  );
}

/** Booked hours over offered hours of the summed parts (PRODUCT.md); null when nothing is offered. */
export function occupancyRate(s: Pick<OccupancySums, 'offeredMinutes' | 'bookedMinutes'>): number | null {
  return s.offeredMinutes > 0 ? s.bookedMinutes / s.offeredMinutes : null;
}
