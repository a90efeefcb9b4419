import type { Booking } from '@lieux/contracts';

/** The list's filters, as the address says them (`/mes-reservations?voir=annulees`). */
export const BOOKING_FILTERS = ['a-venir', 'passees', 'annulees', 'toutes'] as const;
export type BookingFilter = (typeof BOOKING_FILTERS)[number];
export const FILTER_PARAM = 'voir';

export function filterOf(raw: string | null): BookingFilter {
  return (BOOKING_FILTERS as readonly string[]).includes(raw ?? '') ? (raw as BookingFilter) : 'a-venir';
}

const CALLED_OFF: readonly Booking['status'][] = ['cancelled', 'rejected', 'expired', 'released'];

/**
 * Which filter a booking belongs to, besides "toutes": what was called off (cancelled, refused, a request
 * that expired) is neither to come nor past, whatever its date; the rest is to come until it ends.
 */
export function bookingFilter(b: Booking, now: number): Exclude<BookingFilter, 'toutes'> {
  if (CALLED_OFF.includes(b.status)) return 'annulees';
  return Date.parse(b.end) > now && (b.status === 'pending' || b.status === 'confirmed')
    ? 'a-venir'
    : 'passees';
}

/** The bookings a filter shows, in reading order: soonest first to come, most recent first otherwise. */
export function applyFilter(items: readonly Booking[], filter: BookingFilter, now: number): Booking[] {
  const chosen = filter === 'toutes' ? [...items] : items.filter((b) => bookingFilter(b, now) === filter);
  const byStart = (a: Booking, b: Booking) => Date.parse(a.start) - Date.parse(b.start);
  return filter === 'a-venir' ? chosen.sort(byStart) : chosen.sort((a, b) => byStart(b, a));
}
