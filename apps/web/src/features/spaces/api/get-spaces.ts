import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type Space } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

interface SpacePage {
  items: Space[];
  nextCursor: string | null;
}

export function getSpaces(limit = 100): Promise<SpacePage> {
  return api.get<SpacePage>(ROUTES.searchSpaces.path, { query: { limit } });
}

export const spacesQueryOptions = (limit = 100) =>
  queryOptions({ queryKey: ['spaces', 'list', limit], queryFn: () => getSpaces(limit) });

export function useSpaces(limit = 100) {
  return useQuery(spacesQueryOptions(limit));
}
