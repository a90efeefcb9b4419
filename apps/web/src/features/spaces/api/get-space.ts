import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type Space } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

export function getSpace(id: string): Promise<Space> {
  return api.get<Space>(ROUTES.getSpace.path.replace('{id}', encodeURIComponent(id)));
}

export const spaceQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['spaces', 'detail', id], queryFn: () => getSpace(id) });

export function useSpace(id: string) {
  return useQuery(spaceQueryOptions(id));
}
