import { useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { ROUTES, type Organisation } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import {
  PENDING_ORGANISATIONS_QUERY_KEY,
  VERIFIED_ORGANISATIONS_QUERY_KEY,
  type OrganisationPage,
} from './get-organisations';

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
 * Verifies or rejects a pending organisation, or withdraws a verification; either way (or when someone
 * decided first) it leaves the list it was in. A verified one joins the verified list.
 */
export function useDecideOrganisation(
  options: {
    onSuccess?: (o: Organisation, d: Decision) => void;
    onError?: (e: Error, d: Decision) => void;
  } = {},
) {
  const queryClient = useQueryClient();
  const dropFromQueue = (id: string) =>
    queryClient.setQueryData<InfiniteData<OrganisationPage>>(PENDING_ORGANISATIONS_QUERY_KEY, (data) =>
      data
        ? { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((o) => o.id !== id) })) }
        : data,
    );
  return useMutation({
    mutationFn: (d: Decision) => (d.kind === 'verify' ? verifyOrganisation(d.id) : WITH_REASON[d.kind](d)),
    onSuccess: (organisation, d) => {
      dropFromQueue(d.id);
      void queryClient.invalidateQueries({ queryKey: VERIFIED_ORGANISATIONS_QUERY_KEY });
      options.onSuccess?.(organisation, d);
    },
    onError: (error, d) => {
      if ('code' in error && error.code === 'ALREADY_DECIDED') {
        dropFromQueue(d.id);
        void queryClient.invalidateQueries({ queryKey: VERIFIED_ORGANISATIONS_QUERY_KEY });
      }
      options.onError?.(error, d);
    },
  });
}
