import { DateTime } from 'luxon';
import type { Period } from './periods';
import { normalize } from './periods';

/** A weekly opening window in the site's local time; weekday 1 = Monday … 7 = Sunday (ISO). */
export interface WeeklyWindow {
  weekday: number;
  opens: string;
  closes: string;
}

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseWallTime(hhmm: string): { hour: number; minute: number } {
  const m = WALL_TIME.exec(hhmm);
  if (!m) throw new RangeError(`Not a wall time (HH:mm): ${hhmm}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/**
 * The open periods of a weekly schedule that meet `[from, to)`, each computed on its own local date so
 * that 09:00 stays 09:00 local on both sides of a daylight-saving change.
 */
export function openPeriods(windows: readonly WeeklyWindow[], timeZone: string, window: Period): Period[] {
  const out: Period[] = [];
  let day = DateTime.fromMillis(window.start, { zone: timeZone }).startOf('day');
  const last = DateTime.fromMillis(window.end, { zone: timeZone }).startOf('day');
  if (!day.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  while (day <= last) {
    for (const w of windows) {
      if (w.weekday !== day.weekday) continue;
      const start = day.set(parseWallTime(w.opens)).toMillis();
      const end = day.set(parseWallTime(w.closes)).toMillis();
      if (start < window.end && end > window.start) {
        out.push({ start: Math.max(start, window.start), end: Math.min(end, window.end) });
      }
    }
    day = day.plus({ days: 1 });
  }
  return normalize(out);
}

/** Minutes since local midnight of an instant, in the given zone. */
export function localMinuteOfDay(instant: number, timeZone: string): number {
  const t = DateTime.fromMillis(instant, { zone: timeZone });
  return t.hour * 60 + t.minute;
}
