import { z, CalendarDate, Instant, Uuid, page, pageQuery } from './common';
import { Equipment, SiteSummary, SpaceKind } from './spaces';
import { BookingTitle } from './bookings';
import { BookingSeries, SeriesOccurrence } from './series';
import { msg } from './messages';

/**
 * The controlled list of ESS domains a need (and later a project) is for. Codes, not labels: the web and
 * the CSV name them in the reader's language.
 */
export const ESS_THEMES = [
  'insertion',
  'alimentation',
  'numerique',
  'culture',
  'transition_energetique',
  'mobilite',
  'services_proximite',
  'sante',
  'education',
  'acces_droits',
  'sport',
  'autre',
] as const;
export const EssTheme = z.enum(ESS_THEMES);
export type EssTheme = z.infer<typeof EssTheme>;

/** open: no space meets it yet; matched: at least one does; booked: the organisation booked from a match. */
export const NEED_STATUSES = ['open', 'matched', 'booked', 'closed', 'expired'] as const;
export const NeedStatus = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof NeedStatus>;

export const NEED_CLOSE_REASONS = ['found_elsewhere', 'project_stopped', 'no_longer_needed'] as const;
export const NeedCloseReason = z.enum(NEED_CLOSE_REASONS);
export type NeedCloseReason = z.infer<typeof NeedCloseReason>;

/** The longest a need may run, from its first to its last day, and the most occurrences it may want. */
export const NEED_MAX_DAYS = 366;
export const NEED_MAX_OCCURRENCES = 120;
export const NEED_MAX_RADIUS_KM = 100;

const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: msg('time.format') });
const Weekday = z
  .number()
  .int()
  .min(1, { error: msg('weekday.min') })
  .max(7, { error: msg('weekday.max') });

/**
 * When the space is wanted, in the local time of whichever site would host it: every day of
 * `from`…`until` whose ISO weekday is in `weekdays` (all seven when empty), from `startTime` to `endTime`.
 * One date range is `from`…`until` with no weekday; "every Tuesday afternoon" is `weekdays: [2]`;
 * "two half-days a week" is `perWeek: 2` among the weekdays listed (any two of them each week).
 */
export const NeedSchedule = z
  .strictObject({
    from: CalendarDate,
    until: CalendarDate,
    startTime: WallTime,
    endTime: WallTime,
    weekdays: z.array(Weekday).max(7).default([]),
    perWeek: z.number().int().min(1).max(7).nullable().default(null),
  })
  .refine((s) => s.from <= s.until, { path: ['until'], error: msg('period.endNotBeforeStart') })
  .refine((s) => s.startTime < s.endTime, { path: ['endTime'], error: msg('period.endAfterStart') })
  .refine((s) => (Date.parse(s.until) - Date.parse(s.from)) / 86_400_000 < NEED_MAX_DAYS, {
    path: ['until'],
    error: msg('need.tooLong', { days: NEED_MAX_DAYS }),
  })
  .openapi('NeedSchedule', {
    example: { from: '2027-01-05', until: '2027-03-30', startTime: '14:00', endTime: '17:00', weekdays: [2] },
  });
export type NeedSchedule = z.infer<typeof NeedSchedule>;

/** Where: around a commune (INSEE code) within a radius, or anywhere in a département. */
export const NeedPlace = z
  .union([
    z.strictObject({
      communeCode: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, { error: msg('commune.code') }),
      radiusKm: z.number().positive().max(NEED_MAX_RADIUS_KM).default(20),
    }),
    z.strictObject({
      departementCode: z.string().regex(/^(\d{2,3}|2[AB])$/, { error: msg('departement.code') }),
    }),
  ])
  .openapi('NeedPlace');
export type NeedPlace = z.infer<typeof NeedPlace>;

const NeedFields = {
  /** null: any kind of space. */
  kind: SpaceKind.nullable().default(null),
  minAreaM2: z.number().positive().max(10_000).nullable().default(null),
  attendees: z.number().int().min(1).max(1000),
  equipment: z.array(Equipment).max(14).default([]),
  stepFree: z.boolean().default(false),
  schedule: NeedSchedule,
  place: NeedPlace,
  /** The most the organisation can pay per hour, after its discount; 0: free spaces only; null: no ceiling. */
  maxHourlyRateCents: z.number().int().min(0).max(100_000).nullable().default(null),
  purpose: z
    .string()
    .trim()
    .min(2, { error: msg('text.atLeastTwo') })
    .max(280, { error: msg('text.atMost', { max: 280 }) }),
  theme: EssTheme,
  /** Whether site managers may see the organisation's name and write to it. */
  contactable: z.boolean().default(false),
  /** Whether the organisation gets an e-mail (at most one a day) when new spaces meet the need. */
  notifyMatches: z.boolean().default(true),
};

export const CreateNeedRequest = z.strictObject(NeedFields).openapi('CreateNeedRequest');
export type CreateNeedRequest = z.infer<typeof CreateNeedRequest>;

export const UpdateNeedRequest = z
  .strictObject({
    kind: SpaceKind.nullable().optional(),
    minAreaM2: z.number().positive().max(10_000).nullable().optional(),
    attendees: NeedFields.attendees.optional(),
    equipment: z.array(Equipment).max(14).optional(),
    stepFree: z.boolean().optional(),
    schedule: NeedSchedule.optional(),
    place: NeedPlace.optional(),
    maxHourlyRateCents: z.number().int().min(0).max(100_000).nullable().optional(),
    purpose: NeedFields.purpose.optional(),
    theme: EssTheme.optional(),
    contactable: z.boolean().optional(),
    notifyMatches: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { error: msg('update.nothing') })
  .openapi('UpdateNeedRequest');
export type UpdateNeedRequest = z.infer<typeof UpdateNeedRequest>;

export const CloseNeedRequest = z.strictObject({ reason: NeedCloseReason }).openapi('CloseNeedRequest');
export type CloseNeedRequest = z.infer<typeof CloseNeedRequest>;

/** The place as stored: the commune's name and centre, or the département's; always its région. */
export const NeedPlaceDetail = z
  .object({
    communeCode: z.string().nullable(),
    communeName: z.string().nullable(),
    radiusKm: z.number().nullable(),
    departementCode: z.string(),
    departementName: z.string(),
    regionCode: z.string(),
    latitude: z.number(),
    longitude: z.number(),
  })
  .openapi('NeedPlaceDetail');
export type NeedPlaceDetail = z.infer<typeof NeedPlaceDetail>;

export const Need = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    kind: SpaceKind.nullable(),
    minAreaM2: z.number().nullable(),
    attendees: z.number().int(),
    equipment: z.array(Equipment),
    stepFree: z.boolean(),
    schedule: z.object({
      from: CalendarDate,
      until: CalendarDate,
      startTime: z.string(),
      endTime: z.string(),
      weekdays: z.array(z.number().int()),
      perWeek: z.number().int().nullable(),
    }),
    place: NeedPlaceDetail,
    maxHourlyRateCents: z.number().int().nullable(),
    purpose: z.string(),
    theme: EssTheme,
    contactable: z.boolean(),
    notifyMatches: z.boolean(),
    status: NeedStatus,
    closedReason: NeedCloseReason.nullable(),
    /** Occurrences wanted in all (for `perWeek`: weeks × perWeek). */
    occurrencesWanted: z.number().int(),
    /** Spaces meeting it when last matched. */
    matchCount: z.number().int(),
    matchedAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .openapi('Need');
export type Need = z.infer<typeof Need>;

export const NeedParams = z.object({ id: Uuid });

export const NeedListQuery = z
  .object({
    status: z
      .union([NeedStatus, z.array(NeedStatus)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    ...pageQuery,
  })
  .openapi('NeedListQuery');
export type NeedListQuery = z.infer<typeof NeedListQuery>;

export const NeedPage = page(Need).openapi('NeedPage');

/** One wanted occurrence on one space: free, or why a booking of it would be refused. */
export const NeedOccurrence = z
  .object({
    start: Instant,
    end: Instant,
    free: z.boolean(),
    /** The booking path's refusal code when not free (`SLOT_TAKEN`, `CLOSED`, `HOLIDAY`, `OUTSIDE_OPENING_HOURS`, …). */
    reason: z.string().nullable(),
  })
  .openapi('NeedOccurrence');
export type NeedOccurrence = z.infer<typeof NeedOccurrence>;

export const NeedMatch = z
  .object({
    spaceId: z.uuid(),
    spaceName: z.string(),
    kind: SpaceKind,
    areaM2: z.number(),
    capacity: z.number().int(),
    equipment: z.array(Equipment),
    stepFree: z.boolean(),
    approvalRequired: z.boolean(),
    site: SiteSummary,
    /** From the need's commune; null when the need names a département. */
    distanceKm: z.number().nullable(),
    occurrencesWanted: z.number().int(),
    occurrencesFree: z.number().int(),
    /** Hourly rate after the organisation's solidarity discount, and what the free occurrences would cost. */
    hourlyRateCents: z.number().int(),
    discountPercent: z.number().int(),
    totalCents: z.number().int(),
    occurrences: z.array(NeedOccurrence),
    /**
     * How to book every free occurrence at once through `POST /booking-series`, when the pattern is a
     * regular one (weekly on fixed days, or daily); null when occurrences must be booked one by one.
     */
    series: z.object({ firstStart: Instant, firstEnd: Instant, rrule: z.string() }).nullable(),
  })
  .openapi('NeedMatch');
export type NeedMatch = z.infer<typeof NeedMatch>;

export const NeedMatchList = z
  .object({ needId: z.uuid(), computedAt: Instant, items: z.array(NeedMatch) })
  .openapi('NeedMatchList');
export type NeedMatchList = z.infer<typeof NeedMatchList>;

export const NearbyNeedsQuery = z.object({ siteId: Uuid, ...pageQuery }).openapi('NearbyNeedsQuery');
export type NearbyNeedsQuery = z.infer<typeof NearbyNeedsQuery>;

/** An open need as a site manager sees it: what and when, never who unless the organisation allows it. */
export const NearbyNeed = z
  .object({
    needId: z.uuid(),
    kind: SpaceKind.nullable(),
    minAreaM2: z.number().nullable(),
    attendees: z.number().int(),
    equipment: z.array(Equipment),
    stepFree: z.boolean(),
    schedule: Need.shape.schedule,
    theme: EssTheme,
    purpose: z.string(),
    communeName: z.string().nullable(),
    departementCode: z.string(),
    distanceKm: z.number().nullable(),
    occurrencesWanted: z.number().int(),
    /**
     * How many wanted occurrences the site's fitting spaces could host if the site opened at those hours
     * (bookings, closures and holidays still counted); what opening more hours would serve.
     */
    occurrencesHostable: z.number().int(),
    /** Whether it already has a match (at this site or elsewhere). */
    matched: z.boolean(),
    contactable: z.boolean(),
    /** Null unless the organisation chose to be contactable. */
    organisationName: z.string().nullable(),
  })
  .openapi('NearbyNeed');
export type NearbyNeed = z.infer<typeof NearbyNeed>;

export const NearbyNeedPage = page(NearbyNeed).openapi('NearbyNeedPage');

export const ContactNeedRequest = z
  .strictObject({
    siteId: Uuid,
    message: z
      .string()
      .trim()
      .min(2, { error: msg('text.atLeastTwo') })
      .max(2000, { error: msg('text.atMost', { max: 2000 }) }),
  })
  .openapi('ContactNeedRequest');
export type ContactNeedRequest = z.infer<typeof ContactNeedRequest>;

const UNMET_SCOPE = /^(national|region:[0-9]{2}|departement:(2A|2B|[0-9]{2,3}))$/i;

export const UNMET_DEMAND_GROUPS = ['departement', 'commune'] as const;

/** Bands of the smallest area wanted, in m², for the unmet-demand table. */
export const AREA_BANDS = ['any', 'lt20', '20to50', '50to100', 'gte100'] as const;
export const AreaBand = z.enum(AREA_BANDS);
export type AreaBand = z.infer<typeof AreaBand>;

export const UnmetDemandQuery = z
  .object({
    scope: z
      .string()
      .regex(UNMET_SCOPE, { error: msg('unmetDemand.scope') })
      .transform((s) => {
        const [kind, value] = s.toLowerCase().split(':');
        return kind === 'departement' ? `${kind}:${value.toUpperCase()}` : s.toLowerCase();
      })
      .openapi({ example: 'region:76', description: 'Case-insensitive; a delegate is held to their région' }),
    groupBy: z.enum(UNMET_DEMAND_GROUPS).default('departement'),
    kind: SpaceKind.optional(),
    theme: EssTheme.optional(),
  })
  .openapi('UnmetDemandQuery');
export type UnmetDemandQuery = z.infer<typeof UnmetDemandQuery>;

/** Open needs with no match at one place, for one kind of space and band of area. */
export const UnmetDemandRow = z
  .object({
    /** Département or commune INSEE code (the need's commune; its département when it names one). */
    code: z.string(),
    name: z.string(),
    departementCode: z.string(),
    regionCode: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    kind: SpaceKind.nullable(),
    areaBand: AreaBand,
    needs: z.number().int(),
    organisations: z.number().int(),
    occurrencesWanted: z.number().int(),
    hoursWanted: z.number(),
  })
  .openapi('UnmetDemandRow');
export type UnmetDemandRow = z.infer<typeof UnmetDemandRow>;

export const UnmetDemandReport = z
  .object({
    scope: z.string(),
    groupBy: z.enum(UNMET_DEMAND_GROUPS),
    generatedAt: Instant,
    rows: z.array(UnmetDemandRow),
    totals: z.object({
      needs: z.number().int(),
      organisations: z.number().int(),
      hoursWanted: z.number(),
    }),
  })
  .openapi('UnmetDemandReport');
export type UnmetDemandReport = z.infer<typeof UnmetDemandReport>;

/**
 * One action from a match: every free occurrence of the need on that space, through the booking path
 * (a series when the pattern is regular, single bookings otherwise), each booked or refused with its reason.
 */
export const BookNeedRequest = z
  .strictObject({
    spaceId: Uuid,
    title: BookingTitle,
    /** Defaults to the need's number of people. */
    attendees: z.number().int().min(1).max(1000).optional(),
  })
  .openapi('BookNeedRequest');
export type BookNeedRequest = z.infer<typeof BookNeedRequest>;

export const BookNeedResponse = z
  .object({ need: Need, series: BookingSeries.nullable(), occurrences: z.array(SeriesOccurrence) })
  .openapi('BookNeedResponse');
export type BookNeedResponse = z.infer<typeof BookNeedResponse>;
