import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ROUTES, type SessionList } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

export type Session = z.infer<typeof SessionList>['items'][number];

export const SESSIONS_QUERY_KEY = ['me', 'sessions'] as const;

export function getSessions(): Promise<{ items: Session[] }> {
  return api.get<{ items: Session[] }>(ROUTES.mySessions.path);
}

export const sessionsQueryOptions = () =>
  queryOptions({ queryKey: SESSIONS_QUERY_KEY, queryFn: getSessions });

export function useSessions() {
  return useQuery(sessionsQueryOptions());
}

export function revokeSession(id: string): Promise<void> {
  return api.delete<void>(ROUTES.revokeSession.path.replace('{id}', encodeURIComponent(id)));
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
