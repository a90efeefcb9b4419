import { Temporal } from 'temporal-polyfill';

/**
 * The one door to Temporal for this library: `temporal-polyfill`'s side-effect-free export, which is the
 * native Temporal where the runtime has one. Nothing is installed globally, so the API and the browser get
 * the same implementation whether or not a page has loaded the global polyfill for FullCalendar.
 */
export { Temporal };

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
