import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Booking, type CreateBookingRequest } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';
import { PROJECTS_QUERY_KEY } from '../../../api/projects';

export { CreateBookingRequest } from '@lieux/contracts';

export interface CreateBookingInput {
  request: CreateBookingRequest;
  /** One key per submission: a retried request books nothing more. */
  idempotencyKey: string;
}

export function createBooking({ request, idempotencyKey }: CreateBookingInput) {
  return call(ROUTES.createBooking, {
    body: request,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useCreateBooking(
  options: { onSuccess?: (b: Booking) => void; onError?: (e: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBooking,
    onSuccess: (booking) => {
      queryClient.setQueryData<{ items: Booking[]; nextCursor: string | null }>(
        MY_BOOKINGS_QUERY_KEY,
        (page) =>
          page ? { ...page, items: [...page.items.filter((b) => b.id !== booking.id), booking] } : page,
      );
      void queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY });
      // A booking linked to a project changes its figures.
      void queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY });
      options.onSuccess?.(booking);
    },
    onError: (error) => options.onError?.(error),
  });
}
