import { z, Instant, Uuid } from './common';
import { Attendees, Booking, BookingTitle } from './bookings';
import { msg } from './messages';

export const CreateSeriesRequest = z
  .strictObject({
    spaceId: Uuid,
    firstStart: Instant,
    firstEnd: Instant,
    rrule: z
      .string()
      .trim()
      .min(1, { error: msg('rrule.required') })
      .max(500, { error: msg('rrule.tooLong', { max: 500 }) })
      .openapi({ example: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z' }),
    title: BookingTitle,
    attendees: Attendees,
    /** One of the organisation's projects the series serves: each occurrence is linked to it. */
    projectId: Uuid.optional(),
  })
  .refine((b) => Date.parse(b.firstStart) < Date.parse(b.firstEnd), {
    error: msg('period.endAfterStart'),
    path: ['firstEnd'],
  })
  .openapi('CreateSeriesRequest', {
    description:
      'An RFC 5545 RRULE value (no DTSTART: the first slot is given) expanded in the site’s local time.',
  });
export type CreateSeriesRequest = z.infer<typeof CreateSeriesRequest>;

export const SeriesStatus = z.enum(['active', 'cancelled']);

export const BookingSeries = z
  .object({
    id: z.uuid(),
    spaceId: z.uuid(),
    spaceName: z.string(),
    siteName: z.string(),
    timeZone: z.string(),
    organisationId: z.uuid(),
    rrule: z.string(),
    firstStart: Instant,
    firstEnd: Instant,
    title: z.string(),
    attendees: z.number().int(),
    status: SeriesStatus,
    /** The rule in words, French. */
    summary: z.string(),
    createdAt: Instant,
  })
  .openapi('BookingSeries');
export type BookingSeries = z.infer<typeof BookingSeries>;

export const SeriesOccurrence = z
  .object({
    start: Instant,
    end: Instant,
    status: z.enum(['booked', 'refused']),
    /** Why it was refused, in French; null when booked. */
    reason: z.string().nullable(),
    /** The refusal's stable code (SLOT_TAKEN, HOLIDAY, CLOSED, BEYOND_HORIZON…); null when booked. */
    code: z.string().nullable(),
    bookingId: z.uuid().nullable(),
  })
  .openapi('SeriesOccurrence');
export type SeriesOccurrence = z.infer<typeof SeriesOccurrence>;

export const CreateSeriesResponse = z
  .object({ series: BookingSeries, occurrences: z.array(SeriesOccurrence) })
  .openapi('CreateSeriesResponse');
export type CreateSeriesResponse = z.infer<typeof CreateSeriesResponse>;

export const SeriesDetail = z
  .object({ series: BookingSeries, bookings: z.array(Booking) })
  .openapi('SeriesDetail');
export type SeriesDetail = z.infer<typeof SeriesDetail>;

export const SeriesParams = z.object({ id: Uuid });

export const CancelSeriesRequest = z
  .strictObject({ reason: z.string().trim().max(1000).optional() })
  .openapi('CancelSeriesRequest');
export type CancelSeriesRequest = z.infer<typeof CancelSeriesRequest>;

export const CancelSeriesResponse = z
  .object({ series: BookingSeries, cancelled: z.array(z.uuid()) })
  .openapi('CancelSeriesResponse');
export type CancelSeriesResponse = z.infer<typeof CancelSeriesResponse>;
