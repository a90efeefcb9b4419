import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTimeRange, LATE_CANCELLATION_MS } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';
import { ReasonDialog, type ReasonField } from './reason-dialog';

/** A site manager must say why they cancel (the organisation receives it); the organisation may. */
export const cancellationReason = (asManager: boolean, t: TFunction): ReasonField => ({
  label: t(asManager ? 'bookingActions.cancel.reasonRequired' : 'bookingActions.cancel.reason'),
  minLength: asManager ? 1 : 0,
  missing: t('errors.REASON_REQUIRED'),
});

/**
 * Asks before cancelling one booking, naming the organisation to a site manager. Warns when the
 * cancellation is late (less than 24 h before the start: it is counted as such).
 */
export function CancelBookingDialog({
  booking,
  asManager = false,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  booking: Booking;
  asManager?: boolean;
  pending: boolean;
  error?: string;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [now] = useState(() => Date.now());
  const late = Date.parse(booking.start) - now < LATE_CANCELLATION_MS;
  return (
    <ReasonDialog
      heading={
        asManager
          ? t('bookingActions.cancel.titleManager', {
              organisation: booking.organisationName,
              title: booking.title,
            })
          : t('bookingActions.cancel.title', { title: booking.title })
      }
      warning={late ? t('bookingActions.cancel.late') : undefined}
      reason={cancellationReason(asManager, t)}
      keepLabel={t('bookingActions.cancel.keep')}
      submitLabel={t('bookingActions.cancel.submit')}
      submittingLabel={t('bookingActions.cancel.submitting')}
      pending={pending}
      error={error}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <p>
        {t('bookingActions.cancel.summary', {
          space: booking.spaceName,
          site: booking.siteName,
          date: formatDate(booking.start, booking.timeZone, lang),
          time: formatTimeRange(booking.start, booking.end, booking.timeZone, lang),
        })}
      </p>
    </ReasonDialog>
  );
}
