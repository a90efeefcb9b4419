import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { errorMessage } from '../../../lib/error-message';
import { useDownloadReceipt } from '../api/booking-receipt';

/** "Télécharger le reçu (PDF)" for a booking that has a receipt; nothing for one that has none. */
export function ReceiptButton({ booking, small = false }: { booking: Booking; small?: boolean }) {
  const { t } = useTranslation();
  const download = useDownloadReceipt();
  if (!booking.receipt) return null;
  return (
    <>
      <button
        type="button"
        className={`button button--secondary${small ? ' button--small' : ''}`}
        aria-busy={download.isPending}
        disabled={download.isPending}
        onClick={() => download.mutate(booking)}
      >
        {t('receipts.download')}
        <span className="visually-hidden">
          {' '}
          — {t('receipts.number', { number: booking.receipt.number })}, {booking.title}
        </span>
      </button>
      {download.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(download.error, t)}
        </p>
      )}
    </>
  );
}
