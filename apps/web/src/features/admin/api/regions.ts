import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export function getRegions() {
  return call(ROUTES.regions);
}

export const regionsQueryOptions = () =>
  queryOptions({ queryKey: ['regions'], queryFn: getRegions, staleTime: Infinity });

export function useRegions() {
  return useQuery(regionsQueryOptions());
}
