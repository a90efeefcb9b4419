import { z, Interval, Instant, Uuid, page, pageQuery } from './common';

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
  })
  .openapi('BookingPolicy');
export type BookingPolicy = z.infer<typeof BookingPolicy>;

export const Price = z
  .object({ hourlyRateCents: z.number().int().min(0).describe('0 means free (mécénat)') })
  .openapi('Price');

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
  })
  .openapi('Space');
export type Space = z.infer<typeof Space>;

export const SpaceParams = z.object({ id: Uuid });

export const SpaceSearchQuery = z.object({ ...pageQuery }).openapi('SpaceSearchQuery');
export const SpacePage = page(Space).openapi('SpacePage');

export const MAX_AVAILABILITY_DAYS = 62;

export const AvailabilityQuery = z
  .object({ from: Instant, to: Instant })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), {
    message: '« to » doit suivre « from »',
    path: ['to'],
  })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_AVAILABILITY_DAYS * 86_400_000, {
    message: `La fenêtre ne peut pas dépasser ${MAX_AVAILABILITY_DAYS} jours`,
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
