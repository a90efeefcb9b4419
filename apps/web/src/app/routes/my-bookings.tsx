import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMyBookings } from '../../features/bookings/api/get-my-bookings';
import { MyBookingsTable } from '../../features/bookings/components/my-bookings-table';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';

export function MyBookingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('myBookings.title'));
  const bookings = useMyBookings();
  const now = Date.now();
  const items = [...(bookings.data?.items ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const upcoming = items.filter((b) => Date.parse(b.end) > now);
  const past = items.filter((b) => Date.parse(b.end) <= now).reverse();

  return (
    <div className="page">
      <h1>{t('myBookings.title')}</h1>
      <p className="lead">{t('myBookings.intro')}</p>
      {bookings.isPending && <p role="status">{t('common.loading')}</p>}
      {bookings.isError && (
        <div className="alert alert--error" role="alert">
          <p>{errorMessage(bookings.error, t)}</p>
        </div>
      )}
      {bookings.data && items.length === 0 && (
        <div className="empty">
          <p>{t('myBookings.empty')}</p>
          <Link className="button button--primary" to="/espaces">
            {t('myBookings.findSpace')}
          </Link>
        </div>
      )}
      {upcoming.length > 0 && <MyBookingsTable bookings={upcoming} caption={t('myBookings.upcoming')} />}
      {past.length > 0 && <MyBookingsTable bookings={past} caption={t('myBookings.past')} />}
    </div>
  );
}
