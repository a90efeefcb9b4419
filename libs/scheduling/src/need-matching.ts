import { siteDays, type SiteDays } from './closed-days';
import {
  needOccurrences,
  needWeeks,
  type NeedOccurrencePeriod,
  type NeedScheduleSpec,
} from './need-occurrences';
import type { WeeklyWindow } from './opening-hours';
import { overlaps, type Period } from './periods';
import {
  audienceAdmits,
  blockedPeriod,
  checkBooking,
  type Audience,
  type BookingRules,
  type Buffers,
  type PolicyViolation,
} from './policy';
import { solidarityPrice, type SiteDiscount } from './price';
import { buildRule } from './series';

const DAY = 86_400_000;

/** What a need asks of a space (see contracts' Need). */
export interface NeedCriteria {
  kind: string | null;
  minAreaM2: number | null;
  attendees: number;
  equipment: readonly string[];
  stepFree: boolean;
  /** After the organisation's discount; 0: free spaces only; null: no ceiling. */
  maxHourlyRateCents: number | null;
  /** A commune's centre and a radius, or a département (radiusKm null). */
  place: { latitude: number; longitude: number; radiusKm: number | null; departementCode: string };
  schedule: NeedScheduleSpec;
}

/** A space as matching reads it: what the catalogue filters and the booking rules look at. */
export interface MatchableSpace {
  id: string;
  kind: string;
  areaSqm: number;
  capacity: number;
  equipment: readonly string[];
  stepFree: boolean;
  status: string;
  policy: Omit<BookingRules, 'capacity'> & Buffers & { approvalRequired: boolean; audience: Audience };
  price: { hourlyRateCents: number };
  site: {
    timeZone: string;
    departementCode: string;
    regionCode: string;
    latitude: number;
    longitude: number;
  };
  openingHours: readonly WeeklyWindow[];
}

/** The organisation of the need, as the booking path judges it at one site (with that site's discounts). */
export interface NeedBooker {
  verification: string;
  legalForm: string;
  esus: boolean;
  departementCode: string;
  regionCode: string;
  discounts: readonly SiteDiscount[];
}

/** A site's closures and holiday openings around the need (see `SiteDays`). */
export type NeedSiteCalendar = Pick<SiteDays, 'closures' | 'holidayOpenings'>;

export type NeedRefusal = PolicyViolation | 'SLOT_TAKEN';

export interface EvaluatedOccurrence extends Period {
  free: boolean;
  /** The booking path's refusal code when not free. */
  reason: NeedRefusal | null;
}

export interface NeedMatchResult {
  spaceId: string;
  distanceKm: number | null;
  occurrences: EvaluatedOccurrence[];
  occurrencesWanted: number;
  /** Free occurrences counted as the need wants them (for `perWeek`, at most that many a week). */
  occurrencesFree: number;
  hourlyRateCents: number;
  discountPercent: number;
  /** What the counted free occurrences would cost, after the discount. */
  totalCents: number;
}

/** Great-circle distance in km, as the catalogue's SQL computes it (spaces.repository.ts). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

/** The distance from the need's commune, or null for a département need; undefined when out of reach. */
export function reachOf(
  need: Pick<NeedCriteria, 'place'>,
  site: MatchableSpace['site'],
): number | null | undefined {
  const { place } = need;
  if (place.radiusKm === null) return site.departementCode === place.departementCode ? null : undefined;
  const d = distanceKm(place.latitude, place.longitude, site.latitude, site.longitude);
  return d <= place.radiusKm ? d : undefined;
}

/** The hourly rate the organisation would pay at the space, after its solidarity discount. */
export function hourlyRateFor(space: Pick<MatchableSpace, 'price'>, booker: NeedBooker) {
  const p = solidarityPrice({
    hourlyRateCents: space.price.hourlyRateCents,
    minutes: 60,
    legalForm: booker.legalForm,
    esus: booker.esus,
    discounts: booker.discounts,
  });
  return { hourlyRateCents: p.priceCents, discountPercent: p.discountPercent };
}

/**
 * Whether the space meets the need before any date is looked at: the catalogue's filters (published,
 * kind, area, people, equipment, step-free, price after discount), within reach, and a booker the
 * booking path admits (verified, inside the space's audience).
 */
export function spaceFitsNeed(need: NeedCriteria, space: MatchableSpace, booker: NeedBooker | null): boolean {
  if (!booker || booker.verification !== 'verified') return false;
  if (space.status !== 'published') return false;
  if (need.kind !== null && space.kind !== need.kind) return false;
  if (need.minAreaM2 !== null && space.areaSqm < need.minAreaM2) return false;
  if (space.capacity < need.attendees) return false;
  if (need.stepFree && !space.stepFree) return false;
  if (!need.equipment.every((e) => space.equipment.includes(e))) return false;
  if (reachOf(need, space.site) === undefined) return false;
  if (!audienceAdmits(space.policy.audience, space.site, booker)) return false;
  if (
    need.maxHourlyRateCents !== null &&
    hourlyRateFor(space, booker).hourlyRateCents > need.maxHourlyRateCents
  )
    return false;
  return true;
}

/** The window of a site's calendar that judging the occurrences needs: a day either side. */
export function occurrencesWindow(occurrences: readonly Period[]): Period {
  return { start: occurrences[0].start - DAY, end: occurrences[occurrences.length - 1].end + DAY };
}

/**
 * Each occurrence of the need on the space, judged as a booking of it would be: the space's rules first
 * (without the calendar, as `BookingCreation.checkPolicy` does), then its open and closed days
 * (`siteDays`, the same as the booking path lays), then the active bookings it would overlap with its
 * buffers (what the exclusion constraint refuses). `days` may be given when the caller laid them already
 * for this calendar over `occurrencesWindow`.
 */
export function judgeOccurrences(
  space: MatchableSpace,
  occurrences: readonly Period[],
  attendees: number,
  now: number,
  calendar: NeedSiteCalendar,
  taken: readonly Period[],
  days?: ReturnType<typeof siteDays>,
): EvaluatedOccurrence[] {
  const rules: BookingRules = { ...space.policy, capacity: space.capacity };
  const timeZone = space.site.timeZone;
  let laid = days;
  return occurrences.map(({ start, end }) => {
    const period = { start, end };
    const attempt = { period, attendees, now, timeZone };
    const early = checkBooking(rules, { ...attempt, open: [period] })[0];
    if (early) return { start, end, free: false, reason: early };
    laid ??= siteDays(
      {
        timeZone,
        departementCode: space.site.departementCode,
        openingHours: space.openingHours,
        ...calendar,
      },
      occurrencesWindow(occurrences),
    );
    const late = checkBooking(rules, { ...attempt, ...laid })[0];
    if (late) return { start, end, free: false, reason: late };
    const blocked = blockedPeriod(period, space.policy);
    if (taken.some((b) => overlaps(b, blocked))) return { start, end, free: false, reason: 'SLOT_TAKEN' };
    return { start, end, free: true, reason: null };
  });
}

/**
 * The need on one space: null when the space does not meet it or no occurrence is free; otherwise how
 * many are free, the distance and the price after discount.
 */
export function matchNeedOnSpace(
  need: NeedCriteria,
  space: MatchableSpace,
  booker: NeedBooker | null,
  calendar: NeedSiteCalendar,
  taken: readonly Period[],
  now: number,
  days?: Parameters<typeof judgeOccurrences>[6],
  /** The need's occurrences in the space's zone, when the caller laid them already. */
  laid?: NeedOccurrencePeriod[],
): NeedMatchResult | null {
  if (!spaceFitsNeed(need, space, booker)) return null;
  const candidates = laid ?? needOccurrences(need.schedule, space.site.timeZone);
  if (candidates.length === 0) return null;
  const occurrences = judgeOccurrences(space, candidates, need.attendees, now, calendar, taken, days);
  const counted = countedFree(need.schedule, candidates, occurrences);
  if (counted.length === 0) return null;
  const { hourlyRateCents, discountPercent } = hourlyRateFor(space, booker!);
  const totalCents = counted.reduce(
    (sum, o) =>
      sum +
      solidarityPrice({
        hourlyRateCents: space.price.hourlyRateCents,
        minutes: (o.end - o.start) / 60_000,
        legalForm: booker!.legalForm,
        esus: booker!.esus,
        discounts: booker!.discounts,
      }).priceCents,
    0,
  );
  const wanted = need.schedule.perWeek
    ? needWeeks(candidates).reduce((n, w) => n + Math.min(need.schedule.perWeek!, w.length), 0)
    : candidates.length;
  const distance = reachOf(need, space.site);
  return {
    spaceId: space.id,
    distanceKm: distance === null || distance === undefined ? null : Math.round(distance * 100) / 100,
    occurrences,
    occurrencesWanted: wanted,
    occurrencesFree: counted.length,
    hourlyRateCents,
    discountPercent,
    totalCents,
  };
}

/**
 * The free occurrences the need would book: all of them, or for `perWeek` the first that many of each
 * week (what `POST /needs/{id}/book` books).
 */
export function countedFree(
  schedule: Pick<NeedScheduleSpec, 'perWeek'>,
  candidates: readonly { week: string }[],
  occurrences: readonly EvaluatedOccurrence[],
): EvaluatedOccurrence[] {
  if (!schedule.perWeek) return occurrences.filter((o) => o.free);
  const out: EvaluatedOccurrence[] = [];
  const perWeek = new Map<string, number>();
  occurrences.forEach((o, i) => {
    if (!o.free) return;
    const week = candidates[i].week;
    const n = perWeek.get(week) ?? 0;
    if (n >= schedule.perWeek!) return;
    perWeek.set(week, n + 1);
    out.push(o);
  });
  return out;
}

/** Best first: most free occurrences, then nearest, then cheapest, then by space id (a stable order). */
export function compareMatches(
  a: Pick<NeedMatchResult, 'occurrencesFree' | 'distanceKm' | 'hourlyRateCents' | 'spaceId'>,
  b: Pick<NeedMatchResult, 'occurrencesFree' | 'distanceKm' | 'hourlyRateCents' | 'spaceId'>,
): number {
  return (
    b.occurrencesFree - a.occurrencesFree ||
    (a.distanceKm ?? 0) - (b.distanceKm ?? 0) ||
    a.hourlyRateCents - b.hourlyRateCents ||
    (a.spaceId < b.spaceId ? -1 : a.spaceId > b.spaceId ? 1 : 0)
  );
}

/**
 * How to book every occurrence of a regular need at once as a series: weekly on its weekdays (all seven:
 * every day) from its first free occurrence until its last day; null for `perWeek` or a single date.
 */
export function needSeriesRule(
  schedule: NeedScheduleSpec,
  occurrences: readonly EvaluatedOccurrence[],
  timeZone: string,
): { firstStart: number; firstEnd: number; rrule: string } | null {
  if (schedule.perWeek) return null;
  const first = occurrences.find((o) => o.free);
  if (!first || occurrences.length < 2 || occurrences[occurrences.length - 1] === first) return null;
  const weekdays = schedule.weekdays.length > 0 ? [...schedule.weekdays] : [1, 2, 3, 4, 5, 6, 7];
  const rrule = buildRule({ kind: 'weekly', weekdays }, { until: schedule.until }, first.start, timeZone);
  return { firstStart: first.start, firstEnd: first.end, rrule };
}
