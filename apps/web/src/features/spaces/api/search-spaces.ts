import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';
import type { SpaceSearchParams } from '../components/search-filters';

export type SpaceSearchPage = CallOutput<typeof ROUTES.searchSpaces>;

const PAGE_SIZE = 24;

export function searchSpaces(query: SpaceSearchParams, cursor?: string, signal?: AbortSignal) {
  return call(ROUTES.searchSpaces, {
    query: { ...query, limit: PAGE_SIZE, cursor },
    signal,
  });
}

export const spaceSearchQueryOptions = (query: SpaceSearchParams) =>
  infiniteQueryOptions({
    queryKey: ['spaces', 'search', query],
    queryFn: ({ pageParam, signal }) => searchSpaces(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Published spaces matching the filters, a page at a time ("Plus de résultats"). */
export function useSpaceSearch(query: SpaceSearchParams) {
  return useInfiniteQuery(spaceSearchQueryOptions(query));
}
