import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { PrintButton } from '../../../components/print-button';
import { currentLanguage } from '../../../lib/i18n';
import { BookingAccessDetails } from './booking-access-details';
import { ReceiptButton } from './receipt-button';

/** The booking just made: confirmed, or waiting for the manager's approval. */
export function BookingMade({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const pending = booking.status === 'pending';
  return (
    <>
      <div className="alert alert--success booking-made" role="status">
        <p>
          <strong>{pending ? t('confirmation.pending') : t('confirmation.confirmed')}</strong>{' '}
          {t('confirmation.details', {
            space: booking.spaceName,
            date: formatDate(booking.start, booking.timeZone, lang),
            start: formatTime(booking.start, booking.timeZone, lang),
            end: formatTime(booking.end, booking.timeZone, lang),
          })}
          {pending && <> {t('confirmation.pendingNote')}</>}
        </p>
        <p>
          <Link to="/mes-reservations">{t('confirmation.seeMine')}</Link>
        </p>
        {booking.receipt && (
          <p>
            <ReceiptButton booking={booking} />
          </p>
        )}
        <PrintButton />
      </div>
      <BookingAccessDetails booking={booking} />
    </>
  );
}

/** Someone else booked the slot while the form was open. */
export function SlotTaken() {
  const { t } = useTranslation();
  return (
    <div className="alert alert--warning" role="alert">
      <p>
        <strong>{t('conflict.title')}.</strong> {t('conflict.message')}
      </p>
    </div>
  );
}
