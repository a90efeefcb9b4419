import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { ROUTES, type Organisation } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { organisationsKey, type OrganisationPage } from './get-organisations';

export function verifyOrganisation(id: string) {
  return call(ROUTES.verifyOrganisation, { params: { id } });
}

export function rejectOrganisation({ id, reason }: { id: string; reason: string }) {
  return call(ROUTES.rejectOrganisation, { params: { id }, body: { reason } });
}

export function withdrawVerification({ id, reason }: { id: string; reason: string }) {
  return call(ROUTES.withdrawVerification, { params: { id }, body: { reason } });
}

export type Decision =
  { kind: 'verify'; id: string } | { kind: 'reject' | 'withdraw'; id: string; reason: string };

const WITH_REASON = { reject: rejectOrganisation, withdraw: withdrawVerification };

/**
 * Verifies or rejects a pending organisation, verifies a refused one, or withdraws a verification; either
 * way (or when someone decided first) it leaves the list it was in and joins the one of its new state,
 * and its history gains the decision.
 */
export function useDecideOrganisation(
  options: {
    onSuccess?: (o: Organisation, d: Decision) => void;
    onError?: (e: Error, d: Decision) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  // Out of the list it was in at once; then every list and its history are read again.
  const moved = (id: string) => {
    for (const state of ['pending', 'rejected', 'verified'] as const)
      queryClient.setQueryData<InfiniteData<OrganisationPage>>(organisationsKey(state), (data) =>
        data
          ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((o) => o.id !== id) })) }
          : data,
      );
    void queryClient.invalidateQueries({ queryKey: ['organisations'] });
  };
  return useMutation({
    mutationFn: (d: Decision) => (d.kind === 'verify' ? verifyOrganisation(d.id) : WITH_REASON[d.kind](d)),
    onSuccess: (organisation, d) => {
      moved(d.id);
      options.onSuccess?.(organisation, d);
    },
    onError: (error, d) => {
      if ('code' in error && error.code === 'ALREADY_DECIDED') {
        moved(d.id);
      }
      options.onError?.(error, d);
    },
  });
}
