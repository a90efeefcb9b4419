import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export function getSpaces(limit = 100) {
  return call(ROUTES.searchSpaces, { query: { limit } });
}

export const spacesQueryOptions = (limit = 100) =>
  queryOptions({ queryKey: ['spaces', 'list', limit], queryFn: () => getSpaces(limit) });

export function useSpaces(limit = 100) {
  return useQuery(spacesQueryOptions(limit));
}
