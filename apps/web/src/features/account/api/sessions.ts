import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';

export type Session = CallOutput<typeof ROUTES.mySessions>['items'][number];

export const SESSIONS_QUERY_KEY = ['me', 'sessions'] as const;

export function getSessions() {
  return call(ROUTES.mySessions);
}

export const sessionsQueryOptions = () =>
  queryOptions({ queryKey: SESSIONS_QUERY_KEY, queryFn: getSessions });

export function useSessions() {
  return useQuery(sessionsQueryOptions());
}

export function revokeSession(id: string) {
  return call(ROUTES.revokeSession, { params: { id } });
}

/** Closes one of the person's other sessions (another browser, another device). */
export function useRevokeSession(options: { onSuccess?: (id: string) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSuccess: (_, id) => {
      queryClient.setQueryData<{ items: Session[] }>(SESSIONS_QUERY_KEY, (list) =>
        list ? { items: list.items.filter((s) => s.id !== id) } : list,
      );
      options.onSuccess?.(id);
    },
  });
}
