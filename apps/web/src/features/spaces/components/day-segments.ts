import { intersect, subtract, type Period } from '@lieux/scheduling';
import type { DayAvailability } from '../../../lib/day-availability';

/** One line of the day view, in time order. */
export type DaySegment =
  | { kind: 'free' | 'busy' | 'closed' | 'past'; start: number; end: number }
  | { kind: 'mine'; start: number; end: number; id: string; title: string };

/**
 * A day as the phone's day view lists it: the free periods one may still book (`bookable`, from
 * `bookableFree`), other bookings (buffers included, without names), one's own bookings, the open time
 * already past or inside the notice, and the closures between opening hours. Leftovers too short to book
 * between two bookings are left out.
 */
export function daySegments(
  day: DayAvailability,
  bookable: readonly Period[],
  mine: readonly { id: string; start: number; end: number; title: string }[],
  bookableFrom: number,
): DaySegment[] {
  const own = mine.flatMap((b) =>
    intersect([b], [day.day]).map((p) => ({ kind: 'mine' as const, ...p, id: b.id, title: b.title })),
  );
  const busy = subtract(day.busy, own).map((p) => ({ kind: 'busy' as const, ...p }));
  const past = intersect(subtract(day.open, [...day.busy, ...bookable]), [
    { start: day.day.start, end: bookableFrom },
  ]).map((p) => ({ kind: 'past' as const, ...p }));
  const closed =
    day.open.length > 1
      ? subtract([{ start: day.open[0].start, end: day.open[day.open.length - 1].end }], day.open).map(
          (p) => ({
            kind: 'closed' as const,
            ...p,
          }),
        )
      : [];
  const free = bookable.map((p) => ({ kind: 'free' as const, start: p.start, end: p.end }));
  return [...free, ...busy, ...own, ...past, ...closed].sort((a, b) => a.start - b.start || a.end - b.end);
}
