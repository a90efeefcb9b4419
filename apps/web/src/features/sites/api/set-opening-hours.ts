import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Site } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { siteQueryKey } from './get-site';

export type WeeklyWindow = Site['openingHours'][number];

export function setOpeningHours({ siteId, hours }: { siteId: string; hours: WeeklyWindow[] }) {
  return call(ROUTES.setOpeningHours, { params: { id: siteId }, body: hours });
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
