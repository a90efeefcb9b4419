import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call } from '../../../lib/api-client';

export function getSpace(id: string) {
  return call(ROUTES.getSpace, { params: { id } });
}

export const spaceQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['spaces', 'detail', id], queryFn: () => getSpace(id) });

export function useSpace(id: string) {
  return useQuery(spaceQueryOptions(id));
}
