import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type User } from '@lieux/contracts';
import { api, tokenStore } from '../../../lib/api-client';

export const ME_QUERY_KEY = ['me'] as const;

export function getMe(): Promise<User> {
  return api.get<User>(ROUTES.me.path);
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ME_QUERY_KEY,
    queryFn: getMe,
    enabled: tokenStore.get() !== null,
    staleTime: 5 * 60_000,
  });

/** The signed-in person, or `undefined` when nobody is signed in. */
export function useMe() {
  return useQuery(meQueryOptions());
}
