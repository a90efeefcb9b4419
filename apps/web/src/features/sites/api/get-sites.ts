import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export function getSites() {
  return call(ROUTES.listSites);
}

export const SITES_QUERY_KEY = ['sites', 'list'] as const;

export const sitesQueryOptions = () => queryOptions({ queryKey: SITES_QUERY_KEY, queryFn: getSites });

/** The sites the signed-in manager manages (all of them for an admin). */
export function useSites() {
  return useQuery(sitesQueryOptions());
}
