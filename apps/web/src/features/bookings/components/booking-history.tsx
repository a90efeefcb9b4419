import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useBookingHistory } from '../api/booking-lifecycle';

/** Who changed the booking, when, from which status to which, and why; times in the site's zone. */
export function BookingHistoryList({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const history = useBookingHistory(booking.id, true);
  if (history.isPending) return <p role="status">{t('common.loading')}</p>;
  if (history.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(history.error, t)}
      </p>
    );
  return (
    <ol className="history" aria-label={t('bookingActions.history.label', { title: booking.title })}>
      {history.data.items.map((h, i) => (
        <li key={i}>
          <span className="history__when">
            {t('bookingActions.history.when', {
              date: formatDate(h.at, booking.timeZone, lang),
              time: formatTime(h.at, booking.timeZone, lang),
            })}
          </span>{' '}
          {h.fromStatus
            ? t('bookingActions.history.change', {
                from: t(`myBookings.status.${h.fromStatus}`),
                to: t(`myBookings.status.${h.toStatus}`),
              })
            : t('bookingActions.history.created', { status: t(`myBookings.status.${h.toStatus}`) })}{' '}
          <span className="muted">
            {h.actor
              ? t('bookingActions.history.by', { name: h.actor.name })
              : t('bookingActions.history.system')}
          </span>
          {h.reason && (
            <span className="block">{t('bookingActions.history.reason', { reason: h.reason })}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
