import { ListStatus } from '../../components/list-status';
import { useTranslation } from 'react-i18next';
import { useAudit } from '../../features/admin/api/get-audit';
import { AuditTable } from '../../features/admin/components/audit-table';
import { usePageTitle } from '../../hooks/use-page-title';

export function AdminAuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const audit = useAudit();
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <h1>{t('audit.title')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      {/* A plain navigation: the dashboard is served by the API and checks the session cookie itself. */}
      <p>
        <a href="/api/v1/auth/queues">{t('audit.queues')}</a>
      </p>
      <ListStatus query={audit} isEmpty={entries.length === 0} empty={<p>{t('audit.empty')}</p>} />
      {entries.length > 0 && <AuditTable entries={entries} />}
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
