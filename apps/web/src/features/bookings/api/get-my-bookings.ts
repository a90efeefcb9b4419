import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ROUTES } from '@lieux/contracts';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';
import { call, tokenStore } from '../../../lib/api-client';

export function getMyBookings(limit = 200) {
  return call(ROUTES.listBookings, { query: { mine: 'true', limit } });
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
