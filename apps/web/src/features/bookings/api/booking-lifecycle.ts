import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Booking, type BookingStatus } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';

export type BookingPage = CallOutput<typeof ROUTES.listBookings>;

export interface BookingFilter {
  /** Only the caller's organisation's (the API's own `mine`). */
  mine?: 'true';
  spaceId?: string;
  siteId?: string;
  status?: readonly BookingStatus[];
  from?: string;
  to?: string;
  limit?: number;
}

/**
 * Every booking the caller may see (their sites' for a manager) that passes the filter, page after page:
 * the API gives the latest first, so a single page would drop the soonest ones.
 */
export async function listBookings(f: BookingFilter): Promise<BookingPage> {
  const items: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(ROUTES.listBookings, {
      query: { ...f, status: f.status && [...f.status], limit: f.limit ?? 200, cursor },
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, nextCursor: null };
}

export function useBookings(f: BookingFilter, enabled = true) {
  return useQuery({ queryKey: ['bookings', 'list', f], queryFn: () => listBookings(f), enabled });
}

export function useBookingHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['bookings', 'history', id],
    queryFn: () => call(ROUTES.bookingHistory, { params: { id } }),
    enabled,
  });
}

export type BookingAction =
  | { kind: 'cancel'; id: string; reason?: string }
  | { kind: 'approve'; id: string }
  | { kind: 'reject'; id: string; reason: string }
  | { kind: 'no_show'; id: string };

function run(a: BookingAction): Promise<Booking> {
  switch (a.kind) {
    case 'cancel':
      return call(ROUTES.cancelBooking, {
        params: { id: a.id },
        body: a.reason ? { reason: a.reason } : {},
      });
    case 'approve':
      return call(ROUTES.approveBooking, { params: { id: a.id } });
    case 'reject':
      return call(ROUTES.rejectBooking, { params: { id: a.id }, body: { reason: a.reason } });
    case 'no_show':
      return call(ROUTES.markNoShow, { params: { id: a.id } });
  }
}

/** Any change of a booking; afterwards (or when someone changed it first) every booking list is refetched. */
export function useBookingAction(
  options: {
    onSuccess?: (b: Booking, a: BookingAction) => void;
    onError?: (e: Error, a: BookingAction) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (b, a) => options.onSuccess?.(b, a),
    onError: (e, a) => options.onError?.(e, a),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bookings'] }),
  });
}
