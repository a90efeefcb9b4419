import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Site } from '@lieux/contracts';
import { api } from '../../../lib/api-client';
import { siteQueryKey } from './get-site';
import { sitePath } from './get-sites';

export type WeeklyWindow = Site['openingHours'][number];

export function setOpeningHours({ siteId, hours }: { siteId: string; hours: WeeklyWindow[] }): Promise<Site> {
  return api.put<Site>(sitePath(ROUTES.setOpeningHours.path, siteId), hours);
}

/** Replaces the weekly opening hours of a site; a 400 names the faulty windows (`body.N`). */
export function useSetOpeningHours(options: { onSuccess?: (s: Site) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setOpeningHours,
    onSuccess: (site) => {
      queryClient.setQueryData(siteQueryKey(site.id), site);
      void queryClient.invalidateQueries({ queryKey: ['sites', 'list'] });
      options.onSuccess?.(site);
    },
  });
}
