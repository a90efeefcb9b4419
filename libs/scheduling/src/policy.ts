import type { Period } from './periods';
import { contains, overlaps } from './periods';
import { localMinuteOfDay } from './opening-hours';

export interface BookingRules {
  slotStepMinutes: number;
  minDurationMinutes: number;
  maxDurationMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  capacity: number;
}

export interface BookingAttempt {
  period: Period;
  attendees: number;
  /** The moment the request is judged at. */
  now: number;
  timeZone: string;
  /** Open periods of the space around the attempt (opening hours minus closures and holidays). */
  open: readonly Period[];
  /** The days the site is shut around the attempt (see `closedDays`), so that a refusal can say why. */
  closed?: readonly ClosedDay[];
}

/** A whole local day the site is shut: one of its closures, or a public holiday it keeps, with its name. */
export interface ClosedDay {
  period: Period;
  kind: 'CLOSED' | 'HOLIDAY';
  /** The closure's reason, or the holiday's French name. */
  name: string;
}

export type PolicyViolation =
  | 'IN_THE_PAST'
  | 'TOO_LATE'
  | 'BEYOND_HORIZON'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'OFF_STEP'
  | 'TOO_MANY_ATTENDEES'
  | 'CLOSED'
  | 'HOLIDAY'
  | 'OUTSIDE_OPENING_HOURS';

const MINUTE = 60_000;

export interface Buffers {
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/**
 * What a booking keeps from every other: its period with the space's set-up time before and clean-down
 * time after. The exclusion constraint compares these, so buffers cannot be double-booked either.
 */
export function blockedPeriod(period: Period, buffers: Buffers): Period {
  return {
    start: period.start - buffers.bufferBeforeMinutes * MINUTE,
    end: period.end + buffers.bufferAfterMinutes * MINUTE,
  };
}

/**
 * Every rule the attempt breaks, most fundamental first. Shared by the API (which refuses) and the web
 * (which only offers what will be accepted).
 */
export function checkBooking(rules: BookingRules, a: BookingAttempt): PolicyViolation[] {
  const v: PolicyViolation[] = [];
  const { start, end } = a.period;
  const minutes = (end - start) / MINUTE;
  if (start < a.now) v.push('IN_THE_PAST');
  else if (start < a.now + rules.minNoticeMinutes * MINUTE) v.push('TOO_LATE');
  if (start > a.now + rules.horizonDays * 1440 * MINUTE) v.push('BEYOND_HORIZON');
  if (minutes < rules.minDurationMinutes) v.push('TOO_SHORT');
  if (minutes > rules.maxDurationMinutes) v.push('TOO_LONG');
  const step = rules.slotStepMinutes;
  const offStep = (t: number) => t % MINUTE !== 0 || localMinuteOfDay(t, a.timeZone) % step !== 0;
  if (offStep(start) || offStep(end)) v.push('OFF_STEP');
  if (a.attendees > rules.capacity) v.push('TOO_MANY_ATTENDEES');
  if (!a.open.some((o) => contains(o, a.period))) v.push(closedDayOf(a)?.kind ?? 'OUTSIDE_OPENING_HOURS');
  return v;
}

/**
 * The closed day that shuts the attempt out, if one does: a period outside the open ones that meets a
 * closure or a holiday is refused for that day (`CLOSED`, `HOLIDAY`), named, rather than for the hours.
 */
export function closedDayOf(a: Pick<BookingAttempt, 'period' | 'closed'>): ClosedDay | undefined {
  return a.closed?.find((d) => overlaps(d.period, a.period));
}

export type Audience = 'all' | 'departement' | 'region';

interface Place {
  departementCode: string;
  regionCode: string;
}

/** Whether a space open to `audience` at `site` may be booked by an organisation based at `organisation`. */
export function audienceAdmits(audience: Audience, site: Place, organisation: Place): boolean {
  if (audience === 'departement') return organisation.departementCode === site.departementCode;
  if (audience === 'region') return organisation.regionCode === site.regionCode;
  return true;
}
