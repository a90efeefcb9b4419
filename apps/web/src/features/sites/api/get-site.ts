import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export function getSite(id: string) {
  return call(ROUTES.getSite, { params: { id } });
}

export const siteQueryKey = (id: string) => ['sites', 'detail', id] as const;

export const siteQueryOptions = (id: string) =>
  queryOptions({ queryKey: siteQueryKey(id), queryFn: () => getSite(id) });

/** One site with its opening hours and closures. */
export function useSite(id: string) {
  return useQuery(siteQueryOptions(id));
}
