import { epochDay, isoDateOfEpochDay, startOfDate, wallClock } from './local-time';
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
  const last = epochDay(wallClock(window.end, timeZone));
  for (let day = epochDay(wallClock(window.start, timeZone)); day <= last; day++) {
    const laid = layDay(timeZone, day);
    for (const w of windows) {
      if (w.weekday !== laid.weekday) continue;
      const start = laid.at(w.opens);
      const end = laid.at(w.closes);
      if (start < window.end && end > window.start) {
        out.push({ start: Math.max(start, window.start), end: Math.min(end, window.end) });
      }
    }
  }
  return normalize(out);
}

/** A local day as `openPeriods` needs it: its weekday and its wall times as instants. */
interface LaidDay {
  weekday: number;
  at(hhmm: string): number;
}

// Each zone offset costs a time-zone lookup, and the booking path lays the same few days over and over:
// a day's arithmetic is pure, so it is kept (a bounded memo, dropped whole when full).
const MAX_LAID_DAYS = 20_000;
const laidDays = new Map<string, LaidDay>();

/** `day` counts days since 1970-01-01, a Thursday. */
function layDay(timeZone: string, day: number): LaidDay {
  const key = `${timeZone}|${day}`;
  const known = laidDays.get(key);
  if (known) return known;
  const start = startOfDate(isoDateOfEpochDay(day), timeZone);
  const times = new Map<string, number>();
  const laid: LaidDay = {
    weekday: ((((day + 3) % 7) + 7) % 7) + 1,
    at(hhmm) {
      let t = times.get(hhmm);
      if (t === undefined) {
        // From the day's first instant, so a time in the fall-back overlap takes that day's first offset
        // (the earlier instant) and one in the spring-forward gap moves forward by the gap.
        t = start.with(parseWallTime(hhmm)).epochMilliseconds;
        times.set(hhmm, t);
      }
      return t;
    },
  };
  if (laidDays.size >= MAX_LAID_DAYS) laidDays.clear();
  laidDays.set(key, laid);
  return laid;
}

// Pure in (instant, zone): matching a need asks it of the same occurrences for every candidate space.
const MAX_MINUTES = 20_000;
const minutes = new Map<string, number>();

/** Minutes since local midnight of an instant, in the given zone. */
export function localMinuteOfDay(instant: number, timeZone: string): number {
  const key = `${timeZone}|${instant}`;
  let m = minutes.get(key);
  if (m === undefined) {
    const t = wallClock(instant, timeZone);
    m = t.hour * 60 + t.minute;
    if (minutes.size >= MAX_MINUTES) minutes.clear();
    minutes.set(key, m);
  }
  return m;
}
