import { useTranslation } from 'react-i18next';
import { NoShowList, RequestQueue } from '../../features/bookings/components/request-queue';
import { UpcomingBookings } from '../../features/bookings/components/upcoming-bookings';
import { usePageTitle } from '../../hooks/use-page-title';

export function ManageRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.title'));
  return (
    <div className="page">
      <h1>{t('requests.title')}</h1>
      <p className="lead">{t('requests.intro')}</p>
      <RequestQueue />
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t('upcoming.title')}</h2>
        <p className="muted">{t('upcoming.intro')}</p>
        <UpcomingBookings />
      </section>
      <section aria-labelledby="no-shows">
        <h2 id="no-shows">{t('requests.noShow.title')}</h2>
        <p className="muted">{t('requests.noShow.intro')}</p>
        <NoShowList />
      </section>
    </div>
  );
}
