import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../lib/api-client';

/** What this deployment says of itself (demo data loaded, the map's tile style): fixed while it runs. */
export const instanceQueryOptions = () =>
  queryOptions({
    queryKey: ['instance'] as const,
    queryFn: () => call(ROUTES.instance),
    staleTime: Infinity,
  });

export function useInstance() {
  return useQuery(instanceQueryOptions());
}
