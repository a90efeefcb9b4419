import { useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../lib/api-client';

/** What the caller's organisation may still book at a space under the quotas, in the week and month of `at`. */
export function useSpaceQuota(spaceId: string, at: string | null) {
  return useQuery({
    queryKey: ['quotas', 'space', spaceId, at] as const,
    queryFn: () => call(ROUTES.spaceQuota, { params: { id: spaceId }, query: at ? { at } : {} }),
  });
}
