import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ROUTES, type Booking } from '@lieux/contracts';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';
import { api, tokenStore } from '../../../lib/api-client';

interface BookingPage {
  items: Booking[];
  nextCursor: string | null;
}

export function getMyBookings(limit = 200): Promise<BookingPage> {
  return api.get<BookingPage>(ROUTES.listBookings.path, { query: { mine: true, limit } });
}

export const myBookingsQueryOptions = () =>
  queryOptions({
    queryKey: MY_BOOKINGS_QUERY_KEY,
    queryFn: () => getMyBookings(),
    enabled: tokenStore.get() !== null,
  });

export function useMyBookings() {
  return useQuery(myBookingsQueryOptions());
}

/** Refetches the caller's bookings (after a conflict: the slot may have been taken by a colleague). */
export function useRefreshMyBookings() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY }), [queryClient]);
}
