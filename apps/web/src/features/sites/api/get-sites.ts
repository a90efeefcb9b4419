import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type Site } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

export const sitePath = (template: string, id: string) => template.replace('{id}', encodeURIComponent(id));

export function getSites(): Promise<{ items: Site[] }> {
  return api.get<{ items: Site[] }>(ROUTES.listSites.path);
}

export const SITES_QUERY_KEY = ['sites', 'list'] as const;

export const sitesQueryOptions = () => queryOptions({ queryKey: SITES_QUERY_KEY, queryFn: getSites });

/** The sites the signed-in manager manages (all of them for an admin). */
export function useSites() {
  return useQuery(sitesQueryOptions());
}
