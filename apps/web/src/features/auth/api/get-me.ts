import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES, type Role, type User } from '@lieux/contracts';
import { ME_QUERY_KEY } from '../../../api/query-keys';
import { call } from '../../../lib/api-client';
import { useSignedIn } from '../../../hooks/use-signed-in';

export function getMe() {
  return call(ROUTES.me);
}

export const meQueryOptions = (enabled = true) =>
  queryOptions({
    queryKey: ME_QUERY_KEY,
    queryFn: getMe,
    enabled,
    staleTime: 5 * 60_000,
  });

/** The signed-in person, or `undefined` when nobody is signed in. */
export function useMe() {
  return useQuery(meQueryOptions(useSignedIn()));
}

/** Whether the person holds one of the roles (in any scope). */
export function hasRole(user: User | undefined, ...roles: Role[]): boolean {
  return !!user?.roles.some((r) => roles.includes(r.role));
}
