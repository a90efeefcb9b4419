import { z, Interval, Instant, Uuid, page, pageQuery, PERIOD_LIMITS_DAYS, spansAtMost } from './common';
import { WeeklyWindow } from './sites';
import { msg } from './messages';

export const SPACE_KINDS = [
  'meeting_room',
  'office',
  'workshop',
  'event_hall',
  'storage',
  'coworking',
  'counter_corner',
] as const;
export const SpaceKind = z.enum(SPACE_KINDS);
export type SpaceKind = z.infer<typeof SpaceKind>;

export const EQUIPMENT = [
  'wifi',
  'screen',
  'projector',
  'videoconference',
  'whiteboard',
  'printer',
  'sound_system',
  'kitchenette',
  'coffee',
  'workbench',
  'sink',
  'shelving',
  'accessible_toilets',
  'parking',
] as const;
export const Equipment = z.enum(EQUIPMENT);
export type Equipment = z.infer<typeof Equipment>;

export const SLOT_STEPS = [5, 10, 15, 20, 30, 60] as const;

/** Who may book a space: any verified organisation, or only those of the site's département or région. */
export const SPACE_AUDIENCES = ['all', 'departement', 'region'] as const;
export const SpaceAudience = z.enum(SPACE_AUDIENCES);
export type SpaceAudience = z.infer<typeof SpaceAudience>;

export const SiteSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    postcode: z.string(),
    commune: z.string(),
    departementCode: z.string(),
    regionCode: z.string(),
    timeZone: z.string().openapi({ example: 'Europe/Paris' }),
    latitude: z.number(),
    longitude: z.number(),
  })
  .openapi('SiteSummary');
export type SiteSummary = z.infer<typeof SiteSummary>;

export const BookingPolicy = z
  .object({
    approvalRequired: z.boolean(),
    slotStepMinutes: z.number().int(),
    minDurationMinutes: z.number().int(),
    maxDurationMinutes: z.number().int(),
    minNoticeMinutes: z.number().int(),
    horizonDays: z.number().int(),
    bufferBeforeMinutes: z.number().int(),
    bufferAfterMinutes: z.number().int(),
    audience: SpaceAudience,
    /** Check in within this many minutes of the start, or the booking is released; null: not required. */
    checkInMinutes: z.number().int().nullable(),
  })
  .openapi('BookingPolicy');
export type BookingPolicy = z.infer<typeof BookingPolicy>;

export const Price = z
  .object({ hourlyRateCents: z.number().int().min(0).describe('0 means free (mécénat)') })
  .openapi('Price');

/** Photos: what the upload accepts (checked on the bytes, not the declared type) and what is kept. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_PHOTOS_PER_SPACE = 12;
export const PHOTO_SIZES = ['large', 'thumb'] as const;

export const SpacePhoto = z
  .object({
    id: z.uuid(),
    width: z.number().int().describe('Of the large version'),
    height: z.number().int(),
    url: z.string().describe('The large version (WebP, 1600 px at most on its longer side)'),
    thumbnailUrl: z.string().describe('The thumbnail (WebP, 480 × 360, cropped)'),
  })
  .openapi('SpacePhoto');
export type SpacePhoto = z.infer<typeof SpacePhoto>;

/** How a person gets into a space: what a confirmed booking is told, never the public. */
export const ACCESS_METHODS = ['keys', 'badge', 'code', 'reception', 'open'] as const;
export const AccessMethod = z.enum(ACCESS_METHODS);
export type AccessMethod = z.infer<typeof AccessMethod>;

export const SpaceAccess = z
  .object({
    floor: z.string(),
    entrance: z.string(),
    method: AccessMethod.nullable().describe('null: not said yet'),
    instructions: z.string(),
  })
  .openapi('SpaceAccess');
export type SpaceAccess = z.infer<typeof SpaceAccess>;

export const SpaceAccessInput = z
  .strictObject({
    floor: z.string().trim().max(60),
    entrance: z.string().trim().max(200),
    method: z.union([AccessMethod, z.null()], { error: msg('access.method') }),
    instructions: z.string().trim().max(2_000),
  })
  .openapi('SpaceAccessInput');

export const NO_ACCESS: SpaceAccess = { floor: '', entrance: '', method: null, instructions: '' };

export const Space = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: SpaceKind,
    areaSqm: z.number(),
    capacity: z.number().int(),
    equipment: z.array(z.string()),
    stepFree: z.boolean(),
    description: z.string(),
    status: z.enum(['draft', 'published', 'archived']),
    site: SiteSummary,
    policy: BookingPolicy,
    price: Price,
    openingHours: z.array(WeeklyWindow).describe('The hours in force: the space’s own, or else its site’s'),
    ownOpeningHours: z
      .array(WeeklyWindow)
      .nullable()
      .describe('Hours of its own, replacing the site’s; null follows the site'),
    distanceKm: z.number().optional().describe('From the `near` point of a search'),
    photos: z
      .array(SpacePhoto)
      .optional()
      .describe('In the order they were added; the first is the thumbnail'),
    access: SpaceAccess.optional().describe(
      'How to get in: only in the answers of the routes of its managers, never in public ones',
    ),
  })
  .openapi('Space');
export type Space = z.infer<typeof Space>;

export const SpaceParams = z.object({ id: Uuid });
export const SpacePhotoParams = z.object({ id: Uuid, photoId: Uuid });
export const SpacePhotoImageParams = SpacePhotoParams.extend({ size: z.enum(PHOTO_SIZES) });
/** The multipart form of an upload: documentation only, the API checks the file itself. */
export const PhotoUpload = z
  .object({
    file: z.string().openapi({
      format: 'binary',
      description: `JPEG, PNG or WebP, ${PHOTO_MAX_BYTES / 1024 / 1024} MB at most`,
    }),
  })
  .openapi('PhotoUpload');

const asList = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);

const BBOX_PATTERN = /^-?\d{1,3}(\.\d+)?(,-?\d{1,3}(\.\d+)?){3}$/;

export const SpaceSearchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(2, { error: msg('text.atLeastTwo') })
      .max(80)
      .optional()
      .describe('A commune or a postcode'),
    region: z
      .string()
      .regex(/^\d{2}$/, { error: msg('region.code') })
      .optional(),
    departement: z
      .string()
      .regex(/^(\d{2,3}|2[AB])$/, { error: msg('departement.code') })
      .optional(),
    near: z
      .string()
      .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { error: msg('search.near') })
      .optional()
      .describe('latitude,longitude'),
    radiusKm: z.coerce.number().positive().max(1000).default(20),
    minCapacity: z.coerce.number().int().min(1).optional(),
    minArea: z.coerce.number().positive().optional(),
    kind: SpaceKind.optional(),
    equipment: z
      .union([Equipment, z.array(Equipment)])
      .transform(asList)
      .optional(),
    stepFree: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    bbox: z
      .string()
      .regex(BBOX_PATTERN, { error: msg('search.bbox') })
      .optional()
      .describe('west,south,east,north (longitudes and latitudes): the area a map shows'),
    maxHourlyRateCents: z.coerce.number().int().min(0).optional().describe('0 keeps the free spaces only'),
    from: Instant.optional(),
    to: Instant.optional(),
    ...pageQuery,
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    error: msg('search.fromWithTo'),
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    error: msg('search.toAfterFrom'),
    path: ['to'],
  })
  .refine((q) => !q.from || !q.to || spansAtMost(q.from, q.to, PERIOD_LIMITS_DAYS.search), {
    error: msg('availability.windowTooLong', { days: PERIOD_LIMITS_DAYS.search }),
    path: ['to'],
  })
  // Said once per mistake: a malformed area is the pattern's to name, not these checks'.
  .refine((q) => !wellFormed(q.bbox) || bboxInRange(parseBbox(q.bbox)), {
    error: msg('search.bbox'),
    path: ['bbox'],
  })
  .refine(
    (q) => {
      if (!wellFormed(q.bbox)) return true;
      const b = parseBbox(q.bbox);
      return !bboxInRange(b) || (b.west <= b.east && b.south <= b.north);
    },
    { error: msg('search.bboxOrder'), path: ['bbox'] },
  )
  .openapi('SpaceSearchQuery');

export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** `west,south,east,north` as the search's `bbox` spells it (checked by the schema first). */
export function parseBbox(bbox: string): Bbox {
  const [west, south, east, north] = bbox.split(',').map(Number);
  return { west, south, east, north };
}

const wellFormed = (bbox: string | undefined): bbox is string =>
  bbox !== undefined && BBOX_PATTERN.test(bbox);

const bboxInRange = (b: Bbox) =>
  [b.west, b.east].every((lon) => lon >= -180 && lon <= 180) &&
  [b.south, b.north].every((lat) => lat >= -90 && lat <= 90);
export type SpaceSearchQuery = z.infer<typeof SpaceSearchQuery>;
export const SpacePage = page(Space).openapi('SpacePage');
export const SpaceList = z.object({ items: z.array(Space) }).openapi('SpaceList');

export const MAX_AVAILABILITY_DAYS = PERIOD_LIMITS_DAYS.availability;

export const AvailabilityQuery = z
  .object({ from: Instant, to: Instant })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    error: msg('search.toAfterFrom'),
    path: ['to'],
  })
  .refine((q) => spansAtMost(q.from, q.to, MAX_AVAILABILITY_DAYS), {
    error: msg('availability.windowTooLong', { days: MAX_AVAILABILITY_DAYS }),
    path: ['to'],
  });

export const Availability = z
  .object({
    timeZone: z.string(),
    open: z.array(Interval),
    busy: z.array(Interval).describe('Other bookings, buffers included, without any name'),
    free: z.array(Interval),
  })
  .openapi('Availability');
export type Availability = z.infer<typeof Availability>;

/** How many spaces one availability request may ask for (a site's spaces, or a list). */
export const MAX_AVAILABILITY_SPACES = 50;

const idList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((id) => id.trim()).filter(Boolean))
  .pipe(
    z
      .array(Uuid)
      .min(1)
      .max(MAX_AVAILABILITY_SPACES, {
        error: msg('availability.tooManySpaces', { max: MAX_AVAILABILITY_SPACES }),
      }),
  );

export const ManyAvailabilityQuery = z
  .object({
    spaceIds: idList.optional().describe(`Comma-separated or repeated, ${MAX_AVAILABILITY_SPACES} at most`),
    siteId: Uuid.optional().describe(
      'Every published space of the site, by name; an unknown site answers 404',
    ),
    from: Instant,
    to: Instant,
  })
  .refine((q) => (q.spaceIds === undefined) !== (q.siteId === undefined), {
    error: msg('availability.spacesOrSite'),
    path: ['spaceIds'],
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    error: msg('search.toAfterFrom'),
    path: ['to'],
  })
  .refine((q) => spansAtMost(q.from, q.to, MAX_AVAILABILITY_DAYS), {
    error: msg('availability.windowTooLong', { days: MAX_AVAILABILITY_DAYS }),
    path: ['to'],
  });
export type ManyAvailabilityQuery = z.infer<typeof ManyAvailabilityQuery>;

export const SpaceAvailability = Availability.extend({ spaceId: z.uuid() }).openapi('SpaceAvailability');
export type SpaceAvailability = z.infer<typeof SpaceAvailability>;
export const ManyAvailability = z
  .object({
    items: z
      .array(SpaceAvailability)
      .describe(
        'In the order asked (or the site’s spaces by name); an unknown or unpublished id is left out',
      ),
  })
  .openapi('ManyAvailability');
export type ManyAvailability = z.infer<typeof ManyAvailability>;

const PolicyInput = z
  .strictObject({
    approvalRequired: z.boolean(),
    slotStepMinutes: z.union(
      SLOT_STEPS.map((n) => z.literal(n)),
      { error: msg('policy.slotStep') },
    ),
    minDurationMinutes: z.number().int().min(5).max(1440),
    maxDurationMinutes: z
      .number()
      .int()
      .min(5)
      .max(1440 * PERIOD_LIMITS_DAYS.booking),
    minNoticeMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30),
    horizonDays: z.number().int().min(1).max(730),
    bufferBeforeMinutes: z.number().int().min(0).max(240),
    bufferAfterMinutes: z.number().int().min(0).max(240),
    audience: SpaceAudience.default('all'),
    // Like the other numbers of the policy, bounds worded by the common messages.
    checkInMinutes: z.number().int().min(5).max(240).nullable().default(null),
  })
  .refine((p) => p.minDurationMinutes <= p.maxDurationMinutes, {
    error: msg('policy.minAboveMax'),
    path: ['maxDurationMinutes'],
  });

const SpaceFields = {
  name: z
    .string()
    .trim()
    .min(2, { error: msg('text.atLeastTwo') })
    .max(120),
  kind: SpaceKind,
  areaSqm: z
    .number()
    .positive({ error: msg('space.areaPositive') })
    .max(10_000),
  capacity: z.number().int().min(1).max(2_000),
  equipment: z
    .array(Equipment)
    .max(EQUIPMENT.length)
    .refine((e) => new Set(e).size === e.length, { error: msg('space.duplicateEquipment') }),
  stepFree: z.boolean(),
  description: z.string().max(4_000),
  policy: PolicyInput,
  price: z.strictObject({ hourlyRateCents: z.number().int().min(0).max(100_000) }),
  access: SpaceAccessInput,
};

export const DEFAULT_POLICY: z.infer<typeof PolicyInput> = {
  approvalRequired: false,
  slotStepMinutes: 30,
  minDurationMinutes: 30,
  maxDurationMinutes: 480,
  minNoticeMinutes: 60,
  horizonDays: 90,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  audience: 'all',
  checkInMinutes: null,
};

export const CreateSpaceRequest = z
  .strictObject({
    ...SpaceFields,
    equipment: SpaceFields.equipment.default([]),
    stepFree: SpaceFields.stepFree.default(false),
    description: SpaceFields.description.default(''),
    policy: PolicyInput.default(DEFAULT_POLICY),
    price: SpaceFields.price.default({ hourlyRateCents: 0 }),
    access: SpaceFields.access.default(NO_ACCESS),
  })
  .openapi('CreateSpaceRequest');
export type CreateSpaceRequest = z.infer<typeof CreateSpaceRequest>;

export const UpdateSpaceRequest = z
  .strictObject({
    name: SpaceFields.name.optional(),
    kind: SpaceKind.optional(),
    areaSqm: SpaceFields.areaSqm.optional(),
    capacity: SpaceFields.capacity.optional(),
    equipment: SpaceFields.equipment.optional(),
    stepFree: z.boolean().optional(),
    description: SpaceFields.description.optional(),
    policy: PolicyInput.optional(),
    price: SpaceFields.price.optional(),
    access: SpaceFields.access.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: msg('update.nothing') })
  .openapi('UpdateSpaceRequest');
export type UpdateSpaceRequest = z.infer<typeof UpdateSpaceRequest>;

export const SiteSpacesParams = z.object({ id: Uuid });
