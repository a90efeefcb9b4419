import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Site, type UpdateSiteRequest } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { siteQueryKey } from './get-site';

export function updateSite({ siteId, patch }: { siteId: string; patch: UpdateSiteRequest }) {
  return call(ROUTES.updateSite, { params: { id: siteId }, body: patch });
}

/** Changes a site (here its access notes and its contact for bookings); a 400 names the faulty fields. */
export function useUpdateSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSite,
    onSuccess: (site: Site) => {
      queryClient.setQueryData(siteQueryKey(site.id), site);
      void queryClient.invalidateQueries({ queryKey: ['sites', 'list'] });
    },
  });
}
