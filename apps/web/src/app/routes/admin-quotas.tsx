import { useTranslation } from 'react-i18next';
import QuotaRulesPanel from '../../features/quotas/components/quota-rules-panel';
import { usePageTitle } from '../../hooks/use-page-title';

/** The national fair-use quotas, which hold at every site beside the sites' own. */
export function AdminQuotasPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminQuotas.title'));
  return (
    <div className="page">
      <h1>{t('adminQuotas.title')}</h1>
      <p className="lead">{t('adminQuotas.lead')}</p>
      <section className="panel" aria-label={t('adminQuotas.title')}>
        <QuotaRulesPanel scope={{ national: true }} />
      </section>
    </div>
  );
}
