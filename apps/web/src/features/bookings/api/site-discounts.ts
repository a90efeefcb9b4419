import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type SiteDiscounts } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

const pathOf = (template: string, id: string) => template.replace('{id}', encodeURIComponent(id));
const key = (siteId: string) => ['sites', 'discounts', siteId] as const;

export function useSiteDiscounts(siteId: string) {
  return useQuery({
    queryKey: key(siteId),
    queryFn: () => api.get<SiteDiscounts>(pathOf(ROUTES.siteDiscounts.path, siteId)),
  });
}

export function useSetSiteDiscounts(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SiteDiscounts) =>
      api.put<SiteDiscounts>(pathOf(ROUTES.setSiteDiscounts.path, siteId), body),
    onSuccess: (data) => queryClient.setQueryData(key(siteId), data),
  });
}
