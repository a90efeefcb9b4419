import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type Region } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

export function getRegions(): Promise<{ items: Region[] }> {
  return api.get<{ items: Region[] }>(ROUTES.regions.path);
}

export const regionsQueryOptions = () =>
  queryOptions({ queryKey: ['regions'], queryFn: getRegions, staleTime: Infinity });

export function useRegions() {
  return useQuery(regionsQueryOptions());
}
