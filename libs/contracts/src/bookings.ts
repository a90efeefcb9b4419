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
      .min(1, 'Le titre est obligatoire')
      .max(120, 'Le titre ne peut pas dépasser 120 caractères'),
    attendees: z
      .number()
      .int('Nombre entier de personnes attendu')
      .min(1, 'Au moins une personne')
      .max(MAX_ATTENDEES, `Au plus ${MAX_ATTENDEES} personnes`),
  })
  .refine((b) => Date.parse(b.start) < Date.parse(b.end), {
    message: 'La fin doit suivre le début',
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
