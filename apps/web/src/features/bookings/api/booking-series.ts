import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type CancelSeriesResponse, type SeriesDetail } from '@lieux/contracts';
import { api } from '../../../lib/api-client';
import { pathOf } from './booking-lifecycle';

/** A series and its bookings; every occurrence shown shares this one query. */
export function useSeries(id: string) {
  return useQuery({
    queryKey: ['bookings', 'series', id],
    queryFn: () => api.get<SeriesDetail>(pathOf(ROUTES.getSeries.path, id)),
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
      api.post<CancelSeriesResponse>(pathOf(ROUTES.cancelSeries.path, id), reason ? { reason } : {}),
    onSuccess: (r) => options.onSuccess?.(r),
    onError: (e) => options.onError?.(e),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bookings'] }),
  });
}
