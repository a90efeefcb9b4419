import { useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

/** One booking as the API tells it to the caller: with how to get in once it is confirmed. */
export function useBooking(id: string, enabled = true) {
  return useQuery({
    queryKey: ['bookings', 'detail', id],
    queryFn: () => call(ROUTES.getBooking, { params: { id } }),
    enabled,
  });
}
