import { useInfiniteQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';

export type OrganisationPage = CallOutput<typeof ROUTES.listOrganisations>;
type Verification = 'pending' | 'verified' | 'rejected';

export const organisationsKey = (verification: Verification) => ['organisations', verification] as const;

function getOrganisations(verification: Verification, cursor?: string, limit = 50) {
  return call(ROUTES.listOrganisations, {
    query: { verification, limit, cursor },
  });
}

/**
 * The delegate's region's organisations in one state (all regions for an admin): awaiting verification,
 * refused (to reconsider), or verified (whose verification can be withdrawn).
 */
export function useOrganisations(verification: Verification) {
  return useInfiniteQuery({
    queryKey: organisationsKey(verification),
    queryFn: ({ pageParam }) => getOrganisations(verification, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
