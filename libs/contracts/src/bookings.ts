import { z, Instant, Uuid, page, pageQuery } from './common';
import { msg } from './messages';
import { LEGAL_FORMS } from './organisations';
import { SiteContact } from './sites';
import { SpaceAccess } from './spaces';

export const BOOKING_STATUSES = [
  'pending',
  'confirmed',
  'rejected',
  'cancelled',
  'completed',
  'no_show',
  'expired',
  /** Confirmed, but nobody checked in within the space's check-in window: the slot went back (a no-show). */
  'released',
] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const MAX_ATTENDEES = 10_000;

/** What a booking and a series share: a title and a number of people. */
export const BookingTitle = z
  .string()
  .trim()
  .min(1, { error: msg('title.required') })
  .max(120, { error: msg('title.tooLong', { max: 120 }) });

export const Attendees = z
  .number()
  .int({ error: msg('attendees.integer') })
  .min(1, { error: msg('attendees.min') })
  .max(MAX_ATTENDEES, { error: msg('attendees.max', { max: MAX_ATTENDEES }) });

export const CreateBookingRequest = z
  .strictObject({
    spaceId: Uuid,
    start: Instant,
    end: Instant,
    title: BookingTitle,
    attendees: Attendees,
    /** One of the organisation's projects the booking serves (optional, one click in the booking dialog). */
    projectId: Uuid.optional(),
  })
  .refine((b) => Date.parse(b.start) < Date.parse(b.end), {
    error: msg('period.endAfterStart'),
    path: ['end'],
  })
  .openapi('CreateBookingRequest');
export type CreateBookingRequest = z.infer<typeof CreateBookingRequest>;

/** How to get in and whom to call: for a confirmed booking's organisation and the site's managers. */
export const BookingAccess = SpaceAccess.extend({
  siteNotes: z.string().describe('The site’s own access notes'),
  contact: SiteContact,
}).openapi('BookingAccess');
export type BookingAccess = z.infer<typeof BookingAccess>;

export const Booking = z
  .object({
    id: z.uuid(),
    spaceId: z.uuid(),
    spaceName: z.string(),
    siteName: z.string(),
    timeZone: z.string(),
    organisationId: z.uuid(),
    status: BookingStatus,
    start: Instant,
    end: Instant,
    title: z.string(),
    attendees: z.number().int(),
    priceCents: z.number().int(),
    createdAt: Instant,
    /** Who booked: only the organisation, the site's managers, the region's delegates and admins see a booking. */
    organisationName: z.string(),
    siteId: z.uuid(),
    /** Before the solidarity discount; `priceCents` is what is charged. */
    listPriceCents: z.number().int(),
    discountPercent: z.number().int(),
    discountBasis: z.string().nullable(),
    cancellationReason: z.string().nullable(),
    lateCancellation: z.boolean(),
    rejectionReason: z.string().nullable(),
    /** The series the booking is an occurrence of; null for a single booking. */
    seriesId: z.uuid().nullable(),
    /** The organisation's project the booking serves; null when none is linked. */
    projectId: z.uuid().nullable(),
    /** When someone said they had arrived (`POST /bookings/{id}/check-in`); null until then. */
    checkedInAt: Instant.nullable(),
    /**
     * The space's rule when the booking was read: check in within this many minutes of the start or the
     * booking is released; null when the space does not require it.
     */
    checkInMinutes: z.number().int().nullable(),
    access: BookingAccess.optional().describe(
      'Only in `GET /bookings/{id}`: to its organisation once confirmed, and to the site’s managers',
    ),
    /** The receipt of a paid booking, issued when it was confirmed; null for a free or pending one. */
    receipt: z
      .object({
        /** Unique and without gaps per year: `LP-2026-000123`. */
        number: z.string(),
        issuedAt: Instant,
      })
      .nullable(),
  })
  .openapi('Booking');
export type Booking = z.infer<typeof Booking>;

export const BookingListQuery = z
  .object({
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    spaceId: Uuid.optional(),
    siteId: Uuid.optional(),
    /** The bookings linked to one project (among those the caller may see). */
    projectId: Uuid.optional(),
    status: z
      .union([BookingStatus, z.array(BookingStatus).max(BOOKING_STATUSES.length)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    /** Bookings that end after `from` and start before `to`. */
    from: Instant.optional(),
    to: Instant.optional(),
    ...pageQuery,
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    error: msg('bookingList.toAfterFrom'),
    path: ['to'],
  })
  .openapi('BookingListQuery');

export const BookingPage = page(Booking).openapi('BookingPage');

export const BookingParams = z.object({ id: Uuid }).openapi('BookingParams');

export const CancelBookingRequest = z
  .strictObject({
    /** Optional for the organisation; a site manager must say why. */
    reason: z
      .string()
      .trim()
      .max(500, { error: msg('text.atMost', { max: 500 }) })
      .optional(),
  })
  .openapi('CancelBookingRequest');
export type CancelBookingRequest = z.infer<typeof CancelBookingRequest>;

/**
 * A change of a booking: another period of the same space (`start` and `end` together) and/or another
 * number of people. A site manager moving an organisation's booking gives a `reason`, sent to it.
 */
export const ChangeBookingRequest = z
  .strictObject({
    start: Instant.optional(),
    end: Instant.optional(),
    attendees: Attendees.optional(),
    reason: z
      .string()
      .trim()
      .max(500, { error: msg('text.atMost', { max: 500 }) })
      .optional(),
  })
  .refine((b) => (b.start === undefined) === (b.end === undefined), {
    error: msg('period.startAndEnd'),
    path: ['end'],
  })
  .refine((b) => !b.start || !b.end || Date.parse(b.start) < Date.parse(b.end), {
    error: msg('period.endAfterStart'),
    path: ['end'],
  })
  .refine((b) => b.start !== undefined || b.attendees !== undefined, {
    error: msg('bookingChange.nothing'),
    path: ['start'],
  })
  .openapi('ChangeBookingRequest');
export type ChangeBookingRequest = z.infer<typeof ChangeBookingRequest>;

export const RejectBookingRequest = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(3, { error: msg('refusal.reasonRequired') })
      .max(500, { error: msg('text.atMost', { max: 500 }) }),
  })
  .openapi('RejectBookingRequest');
export type RejectBookingRequest = z.infer<typeof RejectBookingRequest>;

export const BookingHistoryEntry = z
  .object({
    at: Instant,
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    fromStatus: BookingStatus.nullable(),
    toStatus: BookingStatus,
    changes: z.record(z.string(), z.unknown()),
    reason: z.string().nullable(),
  })
  .openapi('BookingHistoryEntry');
export type BookingHistoryEntry = z.infer<typeof BookingHistoryEntry>;

export const BookingHistory = z.object({ items: z.array(BookingHistoryEntry) }).openapi('BookingHistory');
export type BookingHistory = z.infer<typeof BookingHistory>;

/** What a site may grant a solidarity discount for: a legal form, or a current ESUS approval (`esus`). */
export const DISCOUNT_BASES = [...LEGAL_FORMS, 'esus'] as const;
export const DiscountBasis = z.enum(DISCOUNT_BASES);

export const SiteDiscount = z
  .strictObject({
    basis: DiscountBasis,
    percent: z
      .number()
      .int({ error: msg('discount.percentInteger') })
      .min(1, { error: msg('discount.percentMin', { min: 1 }) })
      .max(100, { error: msg('discount.percentMax', { max: 100 }) }),
  })
  .openapi('SiteDiscount');
export type SiteDiscount = z.infer<typeof SiteDiscount>;

export const SiteDiscounts = z
  .strictObject({
    discounts: z
      .array(SiteDiscount)
      .max(DISCOUNT_BASES.length)
      .refine((d) => new Set(d.map((x) => x.basis)).size === d.length, {
        error: msg('discount.onePerBasis'),
      }),
  })
  .openapi('SiteDiscounts');
export type SiteDiscounts = z.infer<typeof SiteDiscounts>;
