import { useTranslation } from 'react-i18next';
import { VerificationQueue } from '../../features/organisations/components/verification-queue';
import { VerifiedOrganisations } from '../../features/organisations/components/verified-organisations';
import { usePageTitle } from '../../hooks/use-page-title';

export function VerificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('verifications.title'));
  return (
    <div className="page">
      <h1>{t('verifications.title')}</h1>
      <p className="lead">{t('verifications.intro')}</p>
      <VerificationQueue />
      <section aria-labelledby="rejected-heading">
        <h2 id="rejected-heading">{t('verifications.rejectedList.title')}</h2>
        <p>{t('verifications.rejectedList.intro')}</p>
        <VerificationQueue verification="rejected" />
      </section>
      <section aria-labelledby="verified-heading">
        <h2 id="verified-heading">{t('verifications.verifiedList.title')}</h2>
        <p>{t('verifications.verifiedList.intro')}</p>
        <VerifiedOrganisations />
      </section>
    </div>
  );
}
