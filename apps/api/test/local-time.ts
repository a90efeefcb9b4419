import { Temporal } from 'temporal-polyfill';

/** Dates the suites pick, in a site's zone, and written as the API takes them. */
export { Temporal };

export const PARIS = 'Europe/Paris';

/** Now, on the wall clock of a zone. */
export const nowIn = (zone = PARIS) => Temporal.Now.zonedDateTimeISO(zone);

/** Local midnight `days` after today, in a zone. */
export const dayFromToday = (days: number, zone = PARIS) =>
  Temporal.Now.plainDateISO(zone).add({ days }).toZonedDateTime(zone);

/** A local date (YYYY-MM-DD) at the start of its day in a zone. */
export const dayOf = (date: string, zone = PARIS) => Temporal.PlainDate.from(date).toZonedDateTime(zone);

/** ISO 8601 with the offset and milliseconds: `2026-03-03T14:30:00.000+01:00`. */
export const iso = (t: Temporal.ZonedDateTime) =>
  t.toString({ timeZoneName: 'never', fractionalSecondDigits: 3 });

/** The same instant in UTC: `2026-03-03T13:30:00.000Z`. */
export const isoUtc = (t: Temporal.ZonedDateTime) => t.toInstant().toString({ fractionalSecondDigits: 3 });

/** The local calendar date, YYYY-MM-DD. */
export const dateOf = (t: Temporal.ZonedDateTime) => t.toPlainDate().toString();
