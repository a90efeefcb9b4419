import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { apiBlob, call, type CallOutput } from '../../../lib/api-client';
import { saveFile } from '../../../lib/save-file';

export type AuditPageData = CallOutput<typeof ROUTES.audit>;
export type AuditEntry = AuditPageData['items'][number];

/** Who, what and when, as the page's address carries them (empty: no filter). */
export interface AuditFilters {
  actor: string;
  entity: string;
  action: string;
  from: string;
  to: string;
}

const query = (f: AuditFilters) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')) as Partial<AuditFilters>;

export function getAudit(f: AuditFilters, cursor?: string, limit = 50) {
  return call(ROUTES.audit, { query: { ...query(f), limit, cursor } });
}

/** The audit trail, newest first, filtered; each further page is older. */
export function useAudit(f: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', f],
    queryFn: ({ pageParam }) => getAudit(f, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The same filtered log as a French spreadsheet, written by the API. */
export async function downloadAuditCsv(f: AuditFilters): Promise<void> {
  const blob = await apiBlob(ROUTES.audit.path, { query: query(f), headers: { Accept: 'text/csv' } });
  saveFile(blob, `${['journal', f.from, f.to].filter(Boolean).join('-')}.csv`);
}
