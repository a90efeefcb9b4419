import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { allowedActions, formatDate, formatMoney, formatTimeRange, type Actor } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';
import { BookingAccessDetails } from './booking-access-details';
import { BookingHistoryList } from './booking-history';
import { changeable } from './change-booking-dialog';
import { CheckInButton } from './check-in-button';
import { ReceiptButton } from './receipt-button';
import { SeriesBadge } from './series-badge';

/** Whether the organisation (or the site's manager) may still cancel, by the same rules as the API. */
export const cancellable = (b: Booking, now = Date.now(), actor: Actor = 'owner') =>
  allowedActions({
    status: b.status,
    start: Date.parse(b.start),
    end: Date.parse(b.end),
    now,
    actor,
  }).includes('cancel');

/**
 * Bookings in a table, as cards on a narrow screen; every date and time in the booking's site zone, not
 * the browser's.
 */
export function MyBookingsTable({
  bookings,
  caption,
  onCancel,
  onCancelSeries,
  onChange,
  moreActions,
}: {
  bookings: Booking[];
  caption: string;
  /** Opens the change of a booking (another time, another number of people). */
  onChange?: (b: Booking) => void;
  onCancel?: (b: Booking) => void;
  onCancelSeries?: (b: Booking) => void;
  /** What else the page offers on a booking (a report on its project, once past). */
  moreActions?: (b: Booking) => ReactNode;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('myBookings.columns.when')}</th>
            <th scope="col">{t('myBookings.columns.space')}</th>
            <th scope="col">{t('myBookings.columns.subject')}</th>
            <th scope="col" className="num">
              {t('myBookings.columns.attendees')}
            </th>
            <th scope="col" className="num">
              {t('myBookings.columns.price')}
            </th>
            <th scope="col">{t('myBookings.columns.status')}</th>
            <th scope="col">{t('bookingActions.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <Fragment key={b.id}>
              <tr data-booking-id={b.id}>
                <td data-label={t('myBookings.columns.when')}>
                  {formatDate(b.start, b.timeZone, lang)}
                  <span className="nowrap block">{formatTimeRange(b.start, b.end, b.timeZone, lang)}</span>
                </td>
                <td data-label={t('myBookings.columns.space')}>
                  {b.spaceName}
                  <span className="muted block">{b.siteName}</span>
                </td>
                <td data-label={t('myBookings.columns.subject')}>
                  {b.title}
                  {b.seriesId && <SeriesBadge seriesId={b.seriesId} />}
                </td>
                <td className="num" data-label={t('myBookings.columns.attendees')}>
                  {b.attendees}
                </td>
                <td className="num" data-label={t('myBookings.columns.price')}>
                  {b.priceCents === 0 ? t('spaces.free') : formatMoney(b.priceCents, lang)}
                  {b.discountPercent > 0 && (
                    <span className="muted block">
                      {t('bookingActions.discount', {
                        percent: b.discountPercent,
                        list: formatMoney(b.listPriceCents, lang),
                      })}
                    </span>
                  )}
                </td>
                <td data-label={t('myBookings.columns.status')}>
                  <span className={`status status--${b.status}`}>{t(`myBookings.status.${b.status}`)}</span>
                  {b.lateCancellation && <span className="muted block">{t('bookingActions.lateFlag')}</span>}
                  {(b.cancellationReason ?? b.rejectionReason) && (
                    <span className="muted block">
                      {t('bookingActions.history.reason', {
                        reason: b.cancellationReason ?? b.rejectionReason,
                      })}
                    </span>
                  )}
                </td>
                <td>
                  <div className="row-actions">
                    <CheckInButton booking={b} small />
                    <button
                      type="button"
                      className="button button--ghost button--small"
                      aria-expanded={open === b.id}
                      aria-controls={`history-${b.id}`}
                      onClick={() => setOpen(open === b.id ? null : b.id)}
                    >
                      {t('bookingActions.history.toggle')}
                      <span className="visually-hidden"> — {b.title}</span>
                    </button>
                    {onChange && changeable(b) && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => onChange(b)}
                      >
                        {t('bookingChange.open')}
                        <span className="visually-hidden"> — {b.title}</span>
                      </button>
                    )}
                    {onCancel && cancellable(b) && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => onCancel(b)}
                      >
                        {t(b.seriesId ? 'bookingActions.cancel.openOne' : 'bookingActions.cancel.open')}
                        <span className="visually-hidden"> — {b.title}</span>
                      </button>
                    )}
                    {onCancelSeries && b.seriesId && cancellable(b) && (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => onCancelSeries(b)}
                      >
                        {t('bookingActions.cancelSeries.open')}
                        <span className="visually-hidden"> — {b.title}</span>
                      </button>
                    )}
                    <ReceiptButton booking={b} small />
                    {moreActions?.(b)}
                  </div>
                </td>
              </tr>
              {open === b.id && (
                <tr id={`history-${b.id}`}>
                  <td colSpan={7}>
                    <BookingAccessDetails booking={b} />
                    <BookingHistoryList booking={b} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
