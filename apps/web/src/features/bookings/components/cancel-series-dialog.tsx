import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { ACTIVE_STATUSES, LATE_CANCELLATION_MS } from '@lieux/scheduling';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useCancelSeries, useSeries } from '../api/booking-series';
import { cancellationReason } from './cancel-booking-dialog';
import { ReasonDialog } from './reason-dialog';
import { seriesSummary } from './series-badge';

/**
 * Asks before cancelling every occurrence of the booking's series that has not started, says how many
 * that is and whether the next one is a late cancellation, then cancels them. `onDone` gets the notice.
 */
export function CancelSeriesDialog({
  seriesId,
  booking,
  asManager = false,
  onDone,
  onClose,
}: {
  seriesId: string;
  booking: Booking;
  asManager?: boolean;
  onDone: (notice: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const detail = useSeries(seriesId);
  const [error, setError] = useState<string | undefined>();
  const cancel = useCancelSeries({
    onSuccess: (r) =>
      onDone(t('bookingActions.cancelSeries.done', { count: r.cancelled.length, title: r.series.title })),
    onError: (e) => setError(errorMessage(e, t)),
  });
  const [now] = useState(() => Date.now());
  // The API's own choice: active occurrences that start after now.
  const upcoming = (detail.data?.bookings ?? []).filter(
    (b) => ACTIVE_STATUSES.includes(b.status) && Date.parse(b.start) > now,
  );
  const late = upcoming.some((b) => Date.parse(b.start) - now < LATE_CANCELLATION_MS);
  return (
    <ReasonDialog
      heading={t('bookingActions.cancelSeries.title', { title: booking.title })}
      warning={late ? t('bookingActions.cancelSeries.late') : undefined}
      reason={cancellationReason(asManager, t)}
      keepLabel={t('bookingActions.cancelSeries.keep')}
      submitLabel={t('bookingActions.cancelSeries.submit')}
      submittingLabel={t('bookingActions.cancel.submitting')}
      pending={cancel.isPending}
      error={error ?? (detail.isError ? errorMessage(detail.error, t) : undefined)}
      onConfirm={(reason) => {
        setError(undefined);
        cancel.mutate({ id: seriesId, reason });
      }}
      onClose={onClose}
    >
      {detail.data && (
        <>
          <p>
            {t('bookingActions.cancelSeries.summary', {
              summary: seriesSummary(detail.data.series, lang),
              space: booking.spaceName,
              site: booking.siteName,
            })}
          </p>
          <p>{t('bookingActions.cancelSeries.count', { count: upcoming.length })}</p>
        </>
      )}
    </ReasonDialog>
  );
}
