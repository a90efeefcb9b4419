import { Temporal } from 'temporal-polyfill';

/** Conversions between instants and the wall-clock time of a site's IANA zone, through Temporal. */

type InstantInput = string | number | Date;
const toDate = (i: InstantInput) => (i instanceof Date ? i : new Date(i));

/** The wall-clock date (`YYYY-MM-DD`) and time (`HH:mm`) of an instant in a zone. */
export function toWallClock(instant: InstantInput, timeZone: string): { date: string; time: string } {
  const zdt = Temporal.Instant.fromEpochMilliseconds(toDate(instant).getTime()).toZonedDateTimeISO(timeZone);
  return {
    date: zdt.toPlainDate().toString(),
    time: zdt.toPlainTime().toString({ smallestUnit: 'minute' }),
  };
}

/**
 * The instant of a wall-clock date and time in a zone, as ISO 8601 with its offset
 * (`2026-03-03T14:30:00+01:00`). Gaps of a daylight-saving change move forward ('compatible').
 */
export function fromWallClock(date: string, time: string, timeZone: string): string {
  return Temporal.PlainDateTime.from(`${date}T${time}`)
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' })
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** Today's date (`YYYY-MM-DD`) in a zone. */
export function todayIn(timeZone: string, now: number = Date.now()): string {
  return toWallClock(now, timeZone).date;
}
