import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type CancelSeriesResponse } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

/** A series and its bookings; every occurrence shown shares this one query. */
export function useSeries(id: string) {
  return useQuery({
    queryKey: ['bookings', 'series', id],
    queryFn: () => call(ROUTES.getSeries, { params: { id } }),
    staleTime: 60_000,
  });
}

export interface CancelSeriesInput {
  id: string;
  reason?: string;
}

/** Cancels the occurrences not yet started; afterwards every booking list is refetched. */
export function useCancelSeries(
  options: { onSuccess?: (r: CancelSeriesResponse) => void; onError?: (e: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: CancelSeriesInput) =>
      call(ROUTES.cancelSeries, { params: { id }, body: reason ? { reason } : {} }),
    onSuccess: (r) => options.onSuccess?.(r),
    onError: (e) => options.onError?.(e),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bookings'] }),
  });
}
