import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/api/get-me';
import { WebhooksPanel } from '../../features/organisations/components/webhooks-panel';
import { usePageTitle } from '../../hooks/use-page-title';

/** The organisation's integrations: its webhooks. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('webhooks.title'));
  const organisation = useMe().data?.organisation;
  return (
    <div className="page">
      <p className="eyebrow">{organisation?.name}</p>
      <h1>{t('webhooks.title')}</h1>
      <p className="lead">{t('webhooks.intro')}</p>
      {organisation && <WebhooksPanel organisationId={organisation.id} />}
    </div>
  );
}
