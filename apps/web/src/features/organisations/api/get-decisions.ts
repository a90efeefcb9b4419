import { useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export const organisationDecisionsKey = (id: string) => ['organisations', id, 'decisions'] as const;

/** Past decisions on an organisation, newest first; fetched once asked for (`enabled`). */
export function useOrganisationDecisions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: organisationDecisionsKey(id),
    queryFn: () => call(ROUTES.organisationDecisions, { params: { id } }),
    enabled,
  });
}
