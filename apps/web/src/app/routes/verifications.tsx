import { useTranslation } from 'react-i18next';
import { VerificationQueue } from '../../features/organisations/components/verification-queue';
import { usePageTitle } from '../../hooks/use-page-title';

export function VerificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('verifications.title'));
  return (
    <div className="page">
      <h1>{t('verifications.title')}</h1>
      <p className="lead">{t('verifications.intro')}</p>
      <VerificationQueue />
    </div>
  );
}
