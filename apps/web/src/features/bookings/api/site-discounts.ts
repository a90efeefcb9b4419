import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type SiteDiscounts } from '@lieux/contracts';
import { siteDiscountsKey } from '../../../api/site-discounts';
import { call } from '../../../lib/api-client';

export function useSetSiteDiscounts(siteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SiteDiscounts) => call(ROUTES.setSiteDiscounts, { params: { id: siteId }, body }),
    onSuccess: (data) => queryClient.setQueryData(siteDiscountsKey(siteId), data),
  });
}
