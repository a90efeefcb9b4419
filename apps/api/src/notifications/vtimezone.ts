import { DateTime } from 'luxon';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const offsetOf = (t: number, zone: string) => DateTime.fromMillis(t, { zone }).offset;
const hhmm = (minutes: number) => {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};
/** The wall-clock time of an instant at an offset, as iCalendar writes a local DATE-TIME. */
const wall = (t: number, offset: number) =>
  DateTime.fromMillis(t + offset * MINUTE, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");

/**
 * A VTIMEZONE for an IANA zone over `[from, to]` (RFC 5545 §3.6.5), for the calendar clients that do not
 * know the zone by name: the offset in force at `from`, then every change of offset up to `to`, each as an
 * observance of its own, read from the time-zone database through Luxon (ical-generator has none).
 */
export function vtimezone(zone: string, from: number, to: number): string {
  const start = from - DAY;
  const end = to + DAY;
  const observance = (t: number, before: number, after: number) => {
    const kind = DateTime.fromMillis(t, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD';
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
