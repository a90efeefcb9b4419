import { Temporal } from 'temporal-polyfill';
import { intersect, localDay, normalize, subtract, type Period } from '@lieux/scheduling';

/**
 * A space's availability for one local day, as the booking screens read it: the free periods one may
 * still book, what a typed slot runs into, the times a picker offers. Pure, over epoch milliseconds.
 */

const MINUTE = 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `GET /spaces/{id}/availability`'s answer, or the part of it that matters here. */
export interface AvailabilityLike {
  open: readonly { start: string; end: string }[];
  busy: readonly { start: string; end: string }[];
  free: readonly { start: string; end: string }[];
}

export interface DayAvailability {
  /** The local day, from its first instant to the next day's (23 or 25 hours on a DST day). */
  day: Period;
  open: Period[];
  busy: Period[];
  free: Period[];
}

export interface SlotPolicy {
  slotStepMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  minNoticeMinutes: number;
}

const periods = (list: readonly { start: string; end: string }[]): Period[] =>
  normalize(list.map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) })));

export const isIsoDate = (date: string) => {
  if (!DATE.test(date)) return false;
  try {
    Temporal.PlainDate.from(date, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
};

/** The request window of a local day, `from` and `to` as ISO instants. */
export function dayWindow(date: string, timeZone: string): { from: string; to: string } {
  const { start, end } = localDay(date, timeZone);
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The request window of the Monday-to-Sunday week holding `date`. */
export function weekWindow(date: string, timeZone: string): { from: string; to: string } {
  const days = weekDates(date);
  return {
    from: new Date(localDay(days[0], timeZone).start).toISOString(),
    to: new Date(localDay(days[6], timeZone).end).toISOString(),
  };
}

/** The seven dates (`YYYY-MM-DD`) of the Monday-to-Sunday week holding `date`. */
export function weekDates(date: string): string[] {
  const d = Temporal.PlainDate.from(date);
  const monday = d.subtract({ days: d.dayOfWeek - 1 });
  return Array.from({ length: 7 }, (_, i) => monday.add({ days: i }).toString());
}

export const addDays = (date: string, days: number) => Temporal.PlainDate.from(date).add({ days }).toString();

/** One day of an availability answer (which may cover a week): each list cut to the day. */
export function availabilityOfDay(
  availability: AvailabilityLike,
  date: string,
  timeZone: string,
): DayAvailability {
  const day = localDay(date, timeZone);
  const cut = (list: AvailabilityLike['free']) => intersect(periods(list), [day]);
  return { day, open: cut(availability.open), busy: cut(availability.busy), free: cut(availability.free) };
}

/** The earliest instant a booking may start: now plus the minimum notice. */
export const bookableFrom = (policy: Pick<SlotPolicy, 'minNoticeMinutes'>, now: number) =>
  now + policy.minNoticeMinutes * MINUTE;

/** The free periods still bookable: after the notice, each at least the minimum duration long. */
export function bookableFree(day: DayAvailability, policy: SlotPolicy, now: number): Period[] {
  const from = bookableFrom(policy, now);
  const step = policy.slotStepMinutes * MINUTE;
  return day.free
    .map((f) => {
      // A booking starts on the step (counted from the day's first instant): the first one after `from`.
      const earliest = Math.max(f.start, from);
      const start = day.day.start + Math.ceil((earliest - day.day.start) / step) * step;
      return { start, end: f.end };
    })
    .filter((f) => f.end - f.start >= policy.minDurationMinutes * MINUTE);
}

/** What a typed slot runs into, judged on its day's availability. */
export type SlotVerdict =
  | { kind: 'free' }
  /** Another booking (or its buffer) overlaps it: `busy` is what it overlaps, joined. */
  | { kind: 'taken'; busy: Period[] }
  /** The space is closed the whole day. */
  | { kind: 'closedDay' }
  /** Part of the slot falls outside the opening hours, `open` being that day's. */
  | { kind: 'closed'; open: Period[] };

export function slotVerdict(slot: Period, day: DayAvailability): SlotVerdict {
  if (day.free.some((f) => f.start <= slot.start && slot.end <= f.end)) return { kind: 'free' };
  const busy = intersect(day.busy, [slot]);
  if (busy.length > 0)
    return { kind: 'taken', busy: day.busy.filter((b) => b.start < slot.end && slot.start < b.end) };
  if (day.open.length === 0) return { kind: 'closedDay' };
  return subtract([slot], day.open).length > 0 ? { kind: 'closed', open: day.open } : { kind: 'free' };
}

/** The starts a picker offers in a free period: on the step, leaving room for the minimum duration. */
export function startChoices(free: Period, policy: SlotPolicy): number[] {
  const step = policy.slotStepMinutes * MINUTE;
  const out: number[] = [];
  for (let t = free.start; t + policy.minDurationMinutes * MINUTE <= free.end; t += step) out.push(t);
  return out;
}

/** The ends a picker offers for a start: on the step, within the free period and the allowed durations. */
export function endChoices(free: Period, start: number, policy: SlotPolicy): number[] {
  const step = policy.slotStepMinutes * MINUTE;
  const last = Math.min(free.end, start + policy.maxDurationMinutes * MINUTE);
  const out: number[] = [];
  for (let t = start + Math.max(step, policy.minDurationMinutes * MINUTE); t <= last; t += step) out.push(t);
  return out;
}

/** The end a picker proposes first: an hour (or the minimum duration) after the start, as allowed. */
export function defaultEnd(free: Period, start: number, policy: SlotPolicy): number {
  const ends = endChoices(free, start, policy);
  const wanted = start + Math.max(60, policy.minDurationMinutes) * MINUTE;
  return ends.find((e) => e >= wanted) ?? ends[ends.length - 1] ?? start;
}
