import { Temporal } from 'temporal-polyfill';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const at = (t: number, zone: string) => Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone);
/** The zone's offset from UTC at an instant, in minutes. */
const offsetOf = (t: number, zone: string) => at(t, zone).offsetNanoseconds / 60e9;
const hhmm = (minutes: number) => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};
/** A date-time's wall-clock fields as iCalendar writes a local DATE-TIME: `20260303T143000`. */
export const icsLocal = (t: Temporal.ZonedDateTime) =>
  t.toPlainDateTime().toString({ smallestUnit: 'second' }).replace(/[-:]/g, '');
/** The wall-clock time of an instant at an offset. */
const wall = (t: number, offset: number) => icsLocal(at(t + offset * MINUTE, 'UTC'));
/** Summer time: an offset ahead of the zone's offset in January or in May of that year (as Luxon decided). */
const isInDst = (t: number, zone: string) => {
  const here = at(t, zone);
  return (
    here.offsetNanoseconds > here.with({ month: 1, day: 1 }).offsetNanoseconds ||
    here.offsetNanoseconds > here.with({ month: 5 }).offsetNanoseconds
  );
};

/**
 * A VTIMEZONE for an IANA zone over `[from, to]` (RFC 5545 §3.6.5), for the calendar clients that do not
 * know the zone by name: the offset in force at `from`, then every change of offset up to `to`, each as an
 * observance of its own, read from the time-zone database through Temporal (ical-generator has none).
 */
export function vtimezone(zone: string, from: number, to: number): string {
  const start = from - DAY;
  const end = to + DAY;
  const observance = (t: number, before: number, after: number) => {
    const kind = isInDst(t, zone) ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${wall(t, before)}`,
      `TZOFFSETFROM:${hhmm(before)}`,
      `TZOFFSETTO:${hhmm(after)}`,
      `END:${kind}`,
    ];
  };
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let offset = offsetOf(start, zone);
  lines.push(...observance(start, offset, offset));
  // Day by day, then to the minute where the offset moves: a few hundred steps for a year of series.
  for (let day = start; day < end; day += DAY) {
    const next = Math.min(day + DAY, end);
    if (offsetOf(next, zone) === offset) continue;
    let lo = day;
    let hi = next;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetOf(mid, zone) === offset) lo = mid;
      else hi = mid;
    }
    const after = offsetOf(hi, zone);
    lines.push(...observance(hi, offset, after));
    offset = after;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
