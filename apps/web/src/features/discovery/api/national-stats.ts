import { useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

/** The network's figures for the home page, from the live data. */
export function useNationalStats() {
  return useQuery({
    queryKey: ['stats', 'national'] as const,
    queryFn: () => call(ROUTES.nationalStats),
    staleTime: 5 * 60_000,
  });
}
