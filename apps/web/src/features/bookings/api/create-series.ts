import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type CreateSeriesRequest, type CreateSeriesResponse } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';
import { PROJECTS_QUERY_KEY } from '../../../api/projects';

export interface CreateSeriesInput {
  request: CreateSeriesRequest;
  /** One key per submission: a retried request books nothing more. */
  idempotencyKey: string;
}

export function createSeries({ request, idempotencyKey }: CreateSeriesInput) {
  return call(ROUTES.createSeries, {
    body: request,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function useCreateSeries(
  options: { onSuccess?: (r: CreateSeriesResponse) => void; onError?: (e: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSeries,
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY });
      // A booking linked to a project changes its figures.
      void queryClient.invalidateQueries({ queryKey: PROJECTS_QUERY_KEY });
      options.onSuccess?.(result);
    },
    onError: (error) => options.onError?.(error),
  });
}
