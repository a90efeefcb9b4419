import { z, Instant, Uuid } from './common';
import { CreateBookingRequest } from './bookings';

/** The period wanted, as for a booking: queueing is for a slot that is taken right now. */
export const JoinWaitlistRequest = CreateBookingRequest.openapi('JoinWaitlistRequest');
export type JoinWaitlistRequest = z.infer<typeof JoinWaitlistRequest>;

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'expired', 'withdrawn'] as const;
export const WaitlistStatus = z.enum(WAITLIST_STATUSES);
export type WaitlistStatus = z.infer<typeof WaitlistStatus>;

export const WaitlistEntry = z
  .object({
    id: z.uuid(),
    spaceId: z.uuid(),
    spaceName: z.string(),
    siteName: z.string(),
    timeZone: z.string(),
    organisationId: z.uuid(),
    start: Instant,
    end: Instant,
    title: z.string(),
    attendees: z.number().int(),
    status: WaitlistStatus,
    /** Until when an offer stands; null unless `offered`. */
    offerExpiresAt: Instant.nullable(),
    bookingId: z.uuid().nullable(),
    createdAt: Instant,
  })
  .openapi('WaitlistEntry');
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const WaitlistList = z.object({ items: z.array(WaitlistEntry) }).openapi('WaitlistList');

export const WaitlistParams = z.object({ id: Uuid });
