import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../lib/api-client';

export function getCommunes(q: string, signal?: AbortSignal) {
  return call(ROUTES.communes, { query: { q, limit: 12 }, signal });
}

export const communesQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['communes', q],
    queryFn: ({ signal }) => getCommunes(q, signal),
    enabled: q.trim().length >= 2,
    staleTime: 60 * 60_000,
    placeholderData: keepPreviousData,
  });

/** Communes whose name or postcode starts with `q` (two characters at least). */
export function useCommunes(q: string) {
  return useQuery(communesQueryOptions(q));
}
