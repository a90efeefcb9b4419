import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ListStatus } from '../../components/list-status';
import {
  downloadAuditCsv,
  useAudit,
  type AuditEntry,
  type AuditFilters as Filters,
} from '../../features/admin/api/get-audit';
import { AuditFilters } from '../../features/admin/components/audit-filters';
import { AuditTable } from '../../features/admin/components/audit-table';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';

const KEYS = ['actor', 'entity', 'action', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters the address carries; a malformed day is left out rather than sent. */
function filtersOf(params: URLSearchParams): Filters {
  const f = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ''])) as unknown as Filters;
  return { ...f, from: DAY.test(f.from) ? f.from : '', to: DAY.test(f.to) ? f.to : '' };
}

/** Where an entry's object has a page of its own. */
function subjectHref(e: AuditEntry): string | null {
  if (!e.subject) return null;
  switch (e.entity) {
    case 'user':
      return e.subject.email ? `${paths.adminAccounts}?q=${encodeURIComponent(e.subject.email)}` : null;
    case 'site':
      return paths.manageSite(e.entityId);
    case 'space':
    case 'booking':
    case 'booking_series':
    case 'waitlist_entry':
      return e.subject.spaceId ? paths.editSpace(e.subject.spaceId) : null;
    default:
      return null;
  }
}

function searchOf(f: Filters): string {
  const params = new URLSearchParams();
  for (const k of KEYS) if (f[k]) params.set(k, f[k]);
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function AdminAuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const audit = useAudit(filters);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = KEYS.some((k) => filters[k]);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await downloadAuditCsv(filters);
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="page page--wide">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      {/* A plain navigation: the dashboard is served by the API and checks the session cookie itself. */}
      <p>
        <a href="/api/v1/auth/queues">{t('audit.queues')}</a>
      </p>
      <AuditFilters
        key={params.toString()}
        value={filters}
        onApply={(f) => setParams(new URLSearchParams(searchOf(f)))}
      />
      <div className="audit-toolbar">
        <p role="status" className="muted">
          {audit.isFetching && !audit.isFetchingNextPage ? t('common.loading') : ''}
        </p>
        <button
          type="button"
          className="button button--secondary"
          disabled={exporting}
          onClick={() => void exportCsv()}
        >
          {exporting ? t('audit.exporting') : t('audit.export')}
        </button>
      </div>
      {exportError !== null && (
        <p className="alert alert--error" role="alert">
          {errorMessage(exportError, t)}
        </p>
      )}
      <ListStatus
        query={audit}
        isEmpty={entries.length === 0}
        empty={<p>{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>}
      />
      {entries.length > 0 && (
        <AuditTable
          entries={entries}
          filterBy={(actor) => searchOf({ ...filters, actor }) || '?'}
          subjectHref={subjectHref}
        />
      )}
      <p className="visually-hidden" role="status">
        {audit.isFetchingNextPage ? t('common.loading') : ''}
      </p>
      {audit.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={audit.isFetchingNextPage}
          onClick={() => void audit.fetchNextPage()}
        >
          {t('audit.older')}
        </button>
      )}
    </div>
  );
}
