import { useInfiniteQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ROUTES, type AuditPage } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

export type AuditPageData = z.infer<typeof AuditPage>;
export type AuditEntry = AuditPageData['items'][number];

export function getAudit(cursor?: string, limit = 50): Promise<AuditPageData> {
  return api.get<AuditPageData>(ROUTES.audit.path, { query: { limit, cursor } });
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
