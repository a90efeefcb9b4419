import { useInfiniteQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';

export type AuditPageData = CallOutput<typeof ROUTES.audit>;
export type AuditEntry = AuditPageData['items'][number];

export function getAudit(cursor?: string, limit = 50) {
  return call(ROUTES.audit, { query: { limit, cursor } });
}

/** The audit trail, newest first; each further page is older. */
export function useAudit() {
  return useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam }) => getAudit(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
