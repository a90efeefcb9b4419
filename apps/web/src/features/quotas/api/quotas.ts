import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type CreateQuotaRequest, type UpdateQuotaRequest } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

/** Whose rules: a site's (with the national ones beside them), or the national ones. */
export type QuotaScope = { siteId: string } | { national: true };

const rulesKey = (scope: QuotaScope) => ['quotas', 'siteId' in scope ? scope.siteId : 'national'] as const;

export function useQuotaRules(scope: QuotaScope) {
  return useQuery({
    queryKey: rulesKey(scope),
    queryFn: async () =>
      'siteId' in scope
        ? call(ROUTES.siteQuotas, { params: { id: scope.siteId } })
        : { ...(await call(ROUTES.nationalQuotas, {})), national: [] },
  });
}

export function useCreateQuota(scope: QuotaScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateQuotaRequest) =>
      'siteId' in scope
        ? call(ROUTES.createSiteQuota, { params: { id: scope.siteId }, body })
        : call(ROUTES.createNationalQuota, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey(scope) }),
  });
}

export function useUpdateQuota(scope: QuotaScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateQuotaRequest }) =>
      'siteId' in scope
        ? call(ROUTES.updateSiteQuota, { params: { id: scope.siteId, quotaId: id }, body })
        : call(ROUTES.updateNationalQuota, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey(scope) }),
  });
}

export function useDeleteQuota(scope: QuotaScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      'siteId' in scope
        ? call(ROUTES.deleteSiteQuota, { params: { id: scope.siteId, quotaId: id } })
        : call(ROUTES.deleteNationalQuota, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey(scope) }),
  });
}
