import { z, Instant, Uuid, page, pageQuery } from './common';

export const BOOKING_STATUSES = [
  'pending',
  'confirmed',
  'rejected',
  'cancelled',
  'completed',
  'no_show',
] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

export const MAX_ATTENDEES = 10_000;

export const CreateBookingRequest = z
  .strictObject({
    spaceId: Uuid,
    start: Instant,
    end: Instant,
    title: z
      .string()
      .trim()
      .min(1, 'A title is required')
      .max(120, 'The title may not exceed 120 characters'),
    attendees: z.number().int('Whole people only').min(1, 'At least one attendee').max(MAX_ATTENDEES),
  })
  .refine((b) => Date.parse(b.start) < Date.parse(b.end), {
    message: 'The end must be after the start',
    path: ['end'],
  })
  .openapi('CreateBookingRequest');
export type CreateBookingRequest = z.infer<typeof CreateBookingRequest>;

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
  })
  .openapi('Booking');
export type Booking = z.infer<typeof Booking>;

export const BookingListQuery = z
  .object({
    mine: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    ...pageQuery,
  })
  .openapi('BookingListQuery');

export const BookingPage = page(Booking).openapi('BookingPage');
