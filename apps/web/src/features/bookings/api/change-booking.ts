import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Booking, type ChangeBookingRequest } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

/** The space a booking is of, for its rules (buffers, slot step, capacity) in the change dialog. */
export function useBookedSpace(spaceId: string) {
  return useQuery({
    queryKey: ['spaces', 'detail', spaceId],
    queryFn: () => call(ROUTES.getSpace, { params: { id: spaceId } }),
    retry: false,
  });
}

/** Moves a booking or changes its people; every booking list and the space's availability refetch after. */
export function useChangeBooking(options: { onSuccess: (b: Booking) => void; onError: (e: Error) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ChangeBookingRequest }) =>
      call(ROUTES.changeBooking, { params: { id }, body }),
    onSuccess: (b) => options.onSuccess(b),
    onError: (e) => options.onError(e),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['spaces', 'availability'] }),
      ]),
  });
}
