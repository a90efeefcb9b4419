import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTimeRange } from '@lieux/scheduling';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useBookingAction, useBookings } from '../api/booking-lifecycle';
import { CancelBookingDialog } from './cancel-booking-dialog';
import { CancelSeriesDialog } from './cancel-series-dialog';
import { ChangeBookingDialog, changedNotice } from './change-booking-dialog';
import { cancellable } from './my-bookings-table';
import { SeriesBadge } from './series-badge';
import { useNotice } from '../../../hooks/use-notice';

const DAY = 24 * 3600_000;
/** How far ahead the list looks at first, and how much further each "more" adds. */
const WINDOW_DAYS = 28;
/**
 * The confirmed bookings of the manager's sites still to come, soonest first, each of which the manager
 * may cancel saying why (the organisation receives the reason). Pending requests are in the queue above,
 * where refusing them is the answer.
 */
export function UpcomingBookings() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [now] = useState(() => Date.now());
  const [days, setDays] = useState(WINDOW_DAYS);
  const upcoming = useBookings({
    status: ['confirmed'],
    from: new Date(now).toISOString(),
    to: new Date(now + days * DAY).toISOString(),
  });
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [cancellingSeries, setCancellingSeries] = useState<Booking | null>(null);
  const [moving, setMoving] = useState<Booking | null>(null);
  const [dialogError, setDialogError] = useState<string | undefined>();
  const { announce, slot: noticeSlot } = useNotice();
  const cancel = useBookingAction({
    onSuccess: (b) => {
      setCancelling(null);
      announce({
        kind: 'success',
        text: t('upcoming.cancelled', { title: b.title, organisation: b.organisationName }),
      });
    },
    onError: (e) => setDialogError(errorMessage(e, t)),
  });
  const items = (upcoming.data?.items ?? [])
    .filter((b) => cancellable(b, now, 'manager'))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));

  return (
    <>
      {noticeSlot}
      {upcoming.isPending && <p role="status">{t('common.loading')}</p>}
      {upcoming.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(upcoming.error, t)}
        </p>
      )}
      {upcoming.data && items.length === 0 && (
        <p className="muted">{t('upcoming.empty', { count: days / 7 })}</p>
      )}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table table--cards">
            <caption>{t('upcoming.caption', { count: days / 7 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('myBookings.columns.when')}</th>
                <th scope="col">{t('myBookings.columns.space')}</th>
                <th scope="col">{t('upcoming.booking')}</th>
                <th scope="col" className="num">
                  {t('myBookings.columns.attendees')}
                </th>
                <th scope="col">{t('bookingActions.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.id} data-booking-id={b.id}>
                  <td data-label={t('myBookings.columns.when')}>
                    {formatDate(b.start, b.timeZone, lang)}
                    <span className="nowrap block">{formatTimeRange(b.start, b.end, b.timeZone, lang)}</span>
                  </td>
                  <td data-label={t('myBookings.columns.space')}>
                    {b.spaceName}
                    <span className="muted block">{b.siteName}</span>
                  </td>
                  <td data-label={t('upcoming.booking')}>
                    {b.organisationName} — {b.title}
                    {b.seriesId && <SeriesBadge seriesId={b.seriesId} />}
                  </td>
                  <td className="num" data-label={t('myBookings.columns.attendees')}>
                    {b.attendees}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        disabled={cancel.isPending}
                        onClick={() => setMoving(b)}
                      >
                        {t('bookingChange.openManager')}
                        <span className="visually-hidden"> — {b.title}</span>
                      </button>
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        disabled={cancel.isPending}
                        onClick={() => {
                          setDialogError(undefined);
                          setCancelling(b);
                        }}
                      >
                        {t(b.seriesId ? 'bookingActions.cancel.openOne' : 'bookingActions.cancel.open')}
                        <span className="visually-hidden"> — {b.title}</span>
                      </button>
                      {b.seriesId && (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={cancel.isPending}
                          onClick={() => setCancellingSeries(b)}
                        >
                          {t('bookingActions.cancelSeries.open')}
                          <span className="visually-hidden"> — {b.title}</span>
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {upcoming.data && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setDays(days + WINDOW_DAYS)}
        >
          {t('upcoming.more', { count: WINDOW_DAYS / 7 })}
        </button>
      )}
      {cancelling && (
        <CancelBookingDialog
          booking={cancelling}
          asManager
          pending={cancel.isPending}
          error={dialogError}
          onConfirm={(reason) => cancel.mutate({ kind: 'cancel', id: cancelling.id, reason })}
          onClose={() => setCancelling(null)}
        />
      )}
      {moving && (
        <ChangeBookingDialog
          booking={moving}
          asManager
          onDone={(after) => {
            setMoving(null);
            announce({ kind: 'success', text: changedNotice(after, t, true) });
          }}
          onClose={() => setMoving(null)}
        />
      )}
      {cancellingSeries?.seriesId && (
        <CancelSeriesDialog
          seriesId={cancellingSeries.seriesId}
          booking={cancellingSeries}
          asManager
          onDone={(text) => {
            setCancellingSeries(null);
            announce({ kind: 'success', text });
          }}
          onClose={() => setCancellingSeries(null)}
        />
      )}
    </>
  );
}
