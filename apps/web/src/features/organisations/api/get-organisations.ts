import { useInfiniteQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';

export type OrganisationPage = CallOutput<typeof ROUTES.listOrganisations>;

export const PENDING_ORGANISATIONS_QUERY_KEY = ['organisations', 'pending'] as const;
export const VERIFIED_ORGANISATIONS_QUERY_KEY = ['organisations', 'verified'] as const;

function getOrganisations(verification: 'pending' | 'verified', cursor?: string, limit = 50) {
  return call(ROUTES.listOrganisations, {
    query: { verification, limit, cursor },
  });
}

export const getPendingOrganisations = (cursor?: string, limit = 50) =>
  getOrganisations('pending', cursor, limit);

/** Organisations awaiting verification: the delegate's region, or all of them for an admin. */
export function usePendingOrganisations() {
  return useInfiniteQuery({
    queryKey: PENDING_ORGANISATIONS_QUERY_KEY,
    queryFn: ({ pageParam }) => getPendingOrganisations(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Verified organisations of the delegate's region (all for an admin): a verification can be withdrawn. */
export function useVerifiedOrganisations() {
  return useInfiniteQuery({
    queryKey: VERIFIED_ORGANISATIONS_QUERY_KEY,
    queryFn: ({ pageParam }) => getOrganisations('verified', pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
