import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type Site } from '@lieux/contracts';
import { api } from '../../../lib/api-client';
import { sitePath } from './get-sites';

export function getSite(id: string): Promise<Site> {
  return api.get<Site>(sitePath(ROUTES.getSite.path, id));
}

export const siteQueryKey = (id: string) => ['sites', 'detail', id] as const;

export const siteQueryOptions = (id: string) =>
  queryOptions({ queryKey: siteQueryKey(id), queryFn: () => getSite(id) });

/** One site with its opening hours and closures. */
export function useSite(id: string) {
  return useQuery(siteQueryOptions(id));
}
