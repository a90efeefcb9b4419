import { Temporal } from 'temporal-polyfill';
import type { Period } from './periods';

/**
 * The one door to Temporal for this library: `temporal-polyfill`'s side-effect-free export, which is the
 * native Temporal where the runtime has one. Nothing is installed globally, so the API and the browser get
 * the same implementation whether or not a page has loaded the global polyfill for FullCalendar.
 */
export { Temporal };

const DAY_MS = 86_400_000;
const MAX_INSTANT = 8.64e15;

/** An instant seen in a zone; a RangeError for an unknown zone or an instant out of range. */
export function inZone(instant: number, timeZone: string): Temporal.ZonedDateTime {
  try {
    return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
}

/** A local calendar date (YYYY-MM-DD) at the first instant of its day in a zone. */
export function startOfDate(date: string | Temporal.PlainDate, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.PlainDate.from(date).toZonedDateTime(timeZone);
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// One formatter per zone: only zones Intl accepts are kept, so the map is bounded by the zone database.
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The local date and time of an instant in a zone, read through Intl: the polyfill's Temporal takes
 * several times longer for this one direction, which the booking path asks for on every request.
 * Temporal keeps the other direction (a local time to an instant), where daylight-saving gaps and
 * overlaps are decided.
 */
export function wallClock(instant: number, timeZone: string): WallClock {
  let format = formats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone: ${timeZone}`);
    }
    formats.set(timeZone, format);
  }
  if (!(Math.abs(instant) <= MAX_INSTANT)) throw new RangeError(`Not an instant: ${instant}`);
  const f: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  let bc = false;
  for (const p of format.formatToParts(instant)) {
    if (p.type === 'era') bc = p.value.startsWith('B');
    else if (p.type in f) f[p.type as keyof WallClock] = Number(p.value);
  }
  if (bc) f.year = 1 - f.year;
  return f;
}

/** Days since 1970-01-01 of a calendar date. */
export function epochDay(d: { year: number; month: number; day: number }): number {
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day);
  return Math.round(t.getTime() / DAY_MS);
}

/** The calendar date (YYYY-MM-DD) of a day count since 1970-01-01. */
export function isoDateOfEpochDay(days: number): string {
  const iso = new Date(days * DAY_MS).toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  return isoDateOfEpochDay(epochDay(wallClock(instant, timeZone)));
}

// Pure in (date, zone), and the booking path lays the same closures and holidays on every request.
const MAX_DAYS = 20_000;
const days = new Map<string, Period>();

/** A local day as instants, from its first instant to the next day's: 23 or 25 hours on a DST day. */
export function dayPeriod(date: string, timeZone: string): Period {
  const key = `${timeZone}|${date}`;
  let known = days.get(key);
  if (!known) {
    const day = Temporal.PlainDate.from(date);
    known = {
      start: day.toZonedDateTime(timeZone).epochMilliseconds,
      end: day.add({ days: 1 }).toZonedDateTime(timeZone).epochMilliseconds,
    };
    if (days.size >= MAX_DAYS) days.clear();
    days.set(key, known);
  }
  return { ...known };
}
