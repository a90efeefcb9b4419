/**
 * Check-in: the people of a booking say they have arrived. Pure rules, so that the API, the release sweep
 * and the web agree on the same window.
 *
 * Decisions:
 * - The window opens CHECK_IN_OPENS_MINUTES before the start (people arrive early) and closes at the end,
 *   or at start + N when the space asks for check-in within N minutes (past that the booking is released).
 * - A released booking gives back the rest of its slot from the release time rounded up to the space's step,
 *   counted from the booking's start (so the rest begins on a boundary the booking itself was on, in local
 *   time whatever the zone's offset), to its end; nothing when less than one step is left.
 * - A released booking counts as a no-show and uses no time in occupancy: nobody came.
 */
import type { LifecycleStatus } from './lifecycle';
import type { Period } from './periods';

export const CHECK_IN_OPENS_MINUTES = 15;
const MINUTE = 60_000;

export type CheckInRefusal =
  /** Not a confirmed booking (a request, cancelled, released, over). */
  | 'NOT_CONFIRMED'
  /** The window has not opened yet. */
  | 'TOO_EARLY'
  /** The window has closed. */
  | 'TOO_LATE';

export interface CheckInFacts {
  status: LifecycleStatus;
  start: number;
  end: number;
  /** When the booking was checked in, if it was. */
  checkedInAt: number | null;
  /** The space's rule: check in within this many minutes of the start, or null when not required. */
  checkInMinutes: number | null;
  now: number;
}

/** When check-in is possible, epoch milliseconds, [opens, closes). */
export function checkInWindow(f: Pick<CheckInFacts, 'start' | 'end' | 'checkInMinutes'>): Period {
  const opens = f.start - CHECK_IN_OPENS_MINUTES * MINUTE;
  const closes = f.checkInMinutes === null ? f.end : Math.min(f.end, releaseAt(f.start, f.checkInMinutes));
  return { start: opens, end: closes };
}

/** When a booking that requires check-in and has none is released. */
export function releaseAt(start: number, checkInMinutes: number): number {
  return start + checkInMinutes * MINUTE;
}

/**
 * Whether the booking may be checked in now: 'already' when it was (a second check-in answers the same
 * booking), 'ok' when it may, or why not.
 */
export function checkInDecision(f: CheckInFacts): 'ok' | 'already' | CheckInRefusal {
  if (f.checkedInAt !== null && (f.status === 'confirmed' || f.status === 'completed')) return 'already';
  if (f.status !== 'confirmed') return 'NOT_CONFIRMED';
  const w = checkInWindow(f);
  if (f.now < w.start) return 'TOO_EARLY';
  if (f.now >= w.end) return 'TOO_LATE';
  return 'ok';
}

/** The part of a released booking's slot offered again: from `releasedAt` rounded up to the step, to the end. */
export function releasedRest(period: Period, releasedAt: number, stepMinutes: number): Period | null {
  const step = stepMinutes * MINUTE;
  const from = period.start + Math.max(0, Math.ceil((releasedAt - period.start) / step)) * step;
  return from + step <= period.end ? { start: from, end: period.end } : null;
}
