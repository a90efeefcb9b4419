import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type SiteDiscounts } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

const key = (siteId: string) => ['sites', 'discounts', siteId] as const;

export function useSiteDiscounts(siteId: string) {
  return useQuery({
    queryKey: key(siteId),
    queryFn: () => call(ROUTES.siteDiscounts, { params: { id: siteId } }),
  });
}

export function useSetSiteDiscounts(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SiteDiscounts) => call(ROUTES.setSiteDiscounts, { params: { id: siteId }, body }),
    onSuccess: (data) => queryClient.setQueryData(key(siteId), data),
  });
}
