import { useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../lib/api-client';

/** A site's solidarity discounts: shown on its spaces' pages, edited by its managers. */
export const siteDiscountsKey = (siteId: string) => ['sites', 'discounts', siteId] as const;

export function useSiteDiscounts(siteId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: siteDiscountsKey(siteId),
    queryFn: () => call(ROUTES.siteDiscounts, { params: { id: siteId } }),
    enabled,
  });
}
