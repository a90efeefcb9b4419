import { useState } from 'react';
import { ListStatus } from '../../../components/list-status';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { dayRangePeriod, formatDate, formatMoney, formatTimeRange, localDates } from '@lieux/scheduling';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useBookingAction, useBookings, type BookingAction } from '../api/booking-lifecycle';
import { CancelSeriesDialog } from './cancel-series-dialog';
import { RejectBookingDialog } from './reject-booking-dialog';
import { SeriesBadge } from './series-badge';
import { type Notice, useNotice } from '../../../hooks/use-notice';

const WEEK = 7 * 24 * 3600_000;
/** The space's day around a request: what else is held that day, so the manager decides with the context. */
function DayContext({ request }: { request: Booking }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { from } = localDates(
    { start: Date.parse(request.start), end: Date.parse(request.end) },
    request.timeZone,
  );
  const day = dayRangePeriod({ startsOn: from, endsOn: from }, request.timeZone);
  const others = useBookings({
    spaceId: request.spaceId,
    status: ['pending', 'confirmed'],
    from: new Date(day.start).toISOString(),
    to: new Date(day.end).toISOString(),
  });
  const items = [...(others.data?.items ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return (
    <div className="day-context">
      <h3 className="day-context__title">
        {t('requests.context', {
          space: request.spaceName,
          date: formatDate(request.start, request.timeZone, lang),
        })}
      </h3>
      {others.isPending && <p role="status">{t('common.loading')}</p>}
      <ol className="day-context__list">
        {items.map((b) => (
          <li key={b.id} className={b.id === request.id ? 'day-context__this' : undefined}>
            <span className="nowrap">{formatTimeRange(b.start, b.end, b.timeZone, lang)}</span> ·{' '}
            {b.id === request.id ? t('requests.thisRequest') : `${b.organisationName} — ${b.title}`} ·{' '}
            {t(`myBookings.status.${b.status}`)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Pending requests of the manager's sites, soonest first, with approve and reject-with-reason. */
export function RequestQueue() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queue = useBookings({ status: ['pending'] });
  const [rejecting, setRejecting] = useState<Booking | null>(null);
  const [cancellingSeries, setCancellingSeries] = useState<Booking | null>(null);
  const [dialogError, setDialogError] = useState<string | undefined>();
  const { announce, slot: noticeSlot } = useNotice();
  const decide = useBookingAction({
    onSuccess: (b, a) => {
      setRejecting(null);
      announce({
        kind: 'success',
        text: t(a.kind === 'approve' ? 'requests.approved' : 'requests.rejected', {
          title: b.title,
          organisation: b.organisationName,
        }),
      });
    },
    onError: (e, a) => {
      if (a.kind === 'reject' && !(e instanceof ApiError && e.code === 'BOOKING_STATE_CHANGED')) {
        setDialogError(errorMessage(e, t));
        return;
      }
      setRejecting(null);
      announce({ kind: 'error', text: errorMessage(e, t) });
    },
  });
  const items = [...(queue.data?.items ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const act = (a: BookingAction) => decide.mutate(a);

  return (
    <>
      {noticeSlot}
      <ListStatus query={queue} isEmpty={items.length === 0} empty={<p>{t('requests.empty')}</p>} />
      <ul className="plain-list request-list" aria-label={t('requests.listLabel', { count: items.length })}>
        {items.map((b) => (
          <li key={b.id} className="card request" aria-labelledby={`request-${b.id}`}>
            <h2 id={`request-${b.id}`} className="request__title">
              {b.organisationName} — « {b.title} »
            </h2>
            <p>
              <strong>
                {formatDate(b.start, b.timeZone, lang)}, {formatTimeRange(b.start, b.end, b.timeZone, lang)}
              </strong>{' '}
              · {b.spaceName} ({b.siteName}) · {t('requests.attendees', { count: b.attendees })} ·{' '}
              {b.priceCents === 0 ? t('spaces.free') : formatMoney(b.priceCents, lang)}
            </p>
            {b.seriesId && <SeriesBadge seriesId={b.seriesId} />}
            <p className="muted">
              {t('requests.received', { date: formatDate(b.createdAt, b.timeZone, lang) })}
            </p>
            <DayContext request={b} />
            <div className="actions">
              <button
                type="button"
                className="button button--primary"
                disabled={decide.isPending}
                onClick={() => act({ kind: 'approve', id: b.id })}
              >
                {t('requests.approve')}
                <span className="visually-hidden"> — {b.title}</span>
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={decide.isPending}
                onClick={() => {
                  setDialogError(undefined);
                  setRejecting(b);
                }}
              >
                {t('requests.reject.open')}
                <span className="visually-hidden"> — {b.title}</span>
              </button>
              {b.seriesId && (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={decide.isPending}
                  onClick={() => setCancellingSeries(b)}
                >
                  {t('bookingActions.cancelSeries.open')}
                  <span className="visually-hidden"> — {b.title}</span>
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {rejecting && (
        <RejectBookingDialog
          booking={rejecting}
          pending={decide.isPending}
          error={dialogError}
          onConfirm={(reason) => act({ kind: 'reject', id: rejecting.id, reason })}
          onClose={() => setRejecting(null)}
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

/** Bookings of the manager's sites that started in the last week, to mark those nobody came to. */
export function NoShowList() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [now] = useState(() => Date.now());
  const recent = useBookings({
    status: ['confirmed', 'completed'],
    from: new Date(now - WEEK).toISOString(),
    to: new Date(now).toISOString(),
  });
  const [notice, setNotice] = useState<Notice | null>(null);
  const mark = useBookingAction({
    onSuccess: (b) => setNotice({ kind: 'success', text: t('requests.noShow.done', { title: b.title }) }),
    onError: (e) => setNotice({ kind: 'error', text: errorMessage(e, t) }),
  });
  const items = [...(recent.data?.items ?? [])]
    .filter((b) => Date.parse(b.start) <= now)
    .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  return (
    <>
      {notice && (
        <p className={`alert alert--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {recent.data && items.length === 0 && <p className="muted">{t('requests.noShow.empty')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('requests.noShow.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('myBookings.columns.date')}</th>
                <th scope="col">{t('myBookings.columns.space')}</th>
                <th scope="col">{t('requests.organisation')}</th>
                <th scope="col">{t('myBookings.columns.status')}</th>
                <th scope="col">{t('bookingActions.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((b) => (
                <tr key={b.id}>
                  <td className="nowrap">
                    {formatDate(b.start, b.timeZone, lang)}
                    <span className="muted block">{formatTimeRange(b.start, b.end, b.timeZone, lang)}</span>
                  </td>
                  <td>{b.spaceName}</td>
                  <td>
                    {b.organisationName} — {b.title}
                  </td>
                  <td>{t(`myBookings.status.${b.status}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={mark.isPending}
                      onClick={() => mark.mutate({ kind: 'no_show', id: b.id })}
                    >
                      {t('requests.noShow.mark')}
                      <span className="visually-hidden"> — {b.title}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
