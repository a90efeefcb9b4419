import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CalendarSubscription } from '../../components/calendar-subscription';
import { ListStatus } from '../../components/list-status';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTimeRange } from '@lieux/scheduling';
import { useBookingAction } from '../../features/bookings/api/booking-lifecycle';
import { useMyBookings } from '../../features/bookings/api/get-my-bookings';
import { BookingAccessDetails } from '../../features/bookings/components/booking-access-details';
import { BookingHistoryList } from '../../features/bookings/components/booking-history';
import { CancelBookingDialog } from '../../features/bookings/components/cancel-booking-dialog';
import { CancelSeriesDialog } from '../../features/bookings/components/cancel-series-dialog';
import { ChangeBookingDialog, changedNotice } from '../../features/bookings/components/change-booking-dialog';
import { cancellable, MyBookingsTable } from '../../features/bookings/components/my-bookings-table';
import {
  applyFilter,
  BOOKING_FILTERS,
  bookingFilter,
  FILTER_PARAM,
  filterOf,
} from '../../features/bookings/components/my-bookings-filter';
import { ReceiptButton } from '../../features/bookings/components/receipt-button';
import { SeriesBadge } from '../../features/bookings/components/series-badge';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { currentLanguage, loadProjectWords } from '../../lib/i18n';
import { useNotice } from '../../hooks/use-notice';
import { projectOfBooking, useOwnProjects } from '../../api/projects';

// The report's form comes with its first use.
const ReportDialog = lazy(() =>
  Promise.all([import('../../features/projects/components/report-dialog'), loadProjectWords()]).then(
    ([m]) => ({
      default: m.ReportDialog,
    }),
  ),
);

// FullCalendar is heavy: the calendar view loads when it is first shown.
const MyBookingsCalendar = lazy(() => import('../../features/bookings/components/my-bookings-calendar'));

/** `?vue=calendrier` keeps the calendar on a reload or a shared link; the list is the default. */
const VIEW_PARAM = 'vue';

export function MyBookingsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  usePageTitle(t('myBookings.title'));
  const bookings = useMyBookings();
  const [params, setParams] = useSearchParams();
  const view = params.get(VIEW_PARAM) === 'calendrier' ? 'calendar' : 'list';
  const filter = filterOf(params.get(FILTER_PARAM));
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [cancellingSeries, setCancellingSeries] = useState<Booking | null>(null);
  const [changing, setChanging] = useState<Booking | null>(null);
  const [selected, setSelected] = useState<Booking | null>(null);
  const [dialogError, setDialogError] = useState<string | undefined>();
  const [reporting, setReporting] = useState<Booking | null>(null);
  const [now] = useState(() => Date.now());
  const items = [...(bookings.data?.items ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const shown = applyFilter(items, filter, now);
  const counts = Object.fromEntries(
    BOOKING_FILTERS.map((f) => [
      f,
      f === 'toutes' ? items.length : items.filter((b) => bookingFilter(b, now) === f).length,
    ]),
  );
  /** Changes one parameter of the address, keeping the others (and the history tidy). */
  const setParam = (name: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );

  // The cancel link of the e-mails: /mes-reservations?annuler=<id> opens the dialog for that booking.
  const toCancel = params.get('annuler');
  useEffect(() => {
    if (!toCancel || !bookings.data) return;
    const b = bookings.data.items.find((x) => x.id === toCancel);
    if (b && cancellable(b)) setCancelling(b);
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('annuler');
        return next;
      },
      { replace: true },
    );
  }, [toCancel, bookings.data, setParams]);

  const { announce, slot: noticeSlot } = useNotice();
  // Past bookings linked to a project may be reported on ("Donner un bilan").
  const projects = useOwnProjects(items.some((b) => projectOfBooking(b) !== null));
  const projectTitle = (id: string) => projects.data?.items.find((p) => p.id === id)?.title;
  const reportAction = (b: Booking) => {
    const projectId = projectOfBooking(b);
    const done = Date.parse(b.end) <= now && (b.status === 'confirmed' || b.status === 'completed');
    if (!projectId || !done || !projectTitle(projectId)) return null;
    return (
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => setReporting(b)}
      >
        {t('projectLink.giveReport')}
        <span className="visually-hidden"> — {b.title}</span>
      </button>
    );
  };
  const action = useBookingAction({
    onSuccess: (b) => {
      setCancelling(null);
      setSelected(null);
      announce({
        kind: 'success',
        text: t(b.lateCancellation ? 'bookingActions.cancel.doneLate' : 'bookingActions.cancel.done', {
          title: b.title,
        }),
      });
    },
    onError: (e) => setDialogError(errorMessage(e, t)),
  });
  const openCancel = (b: Booking) => {
    setDialogError(undefined);
    setCancelling(b);
  };

  return (
    <div className="page">
      <h1>{t('myBookings.title')}</h1>
      <p className="lead">{t('myBookings.intro')}</p>
      {noticeSlot}
      <ListStatus
        query={bookings}
        isEmpty={items.length === 0}
        empty={
          <>
            <p>{t('myBookings.empty')}</p>
            <Link className="button button--primary" to="/espaces">
              {t('myBookings.findSpace')}
            </Link>
          </>
        }
      />
      {items.length > 0 && (
        <div className="view-switch" role="group" aria-label={t('bookingActions.view.label')}>
          {(['list', 'calendar'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className={`button ${view === v ? 'button--primary' : 'button--secondary'}`}
              aria-pressed={view === v}
              onClick={() => setParam(VIEW_PARAM, v === 'calendar' ? 'calendrier' : null)}
            >
              {t(`bookingActions.view.${v}`)}
            </button>
          ))}
        </div>
      )}
      {view === 'list' && items.length > 0 && (
        <>
          <div className="filter-switch" role="group" aria-label={t('myBookings.filter.label')}>
            {BOOKING_FILTERS.map((f) => (
              <button
                key={f}
                type="button"
                className={`button button--small ${filter === f ? 'button--primary' : 'button--secondary'}`}
                aria-pressed={filter === f}
                onClick={() => setParam(FILTER_PARAM, f === 'a-venir' ? null : f)}
              >
                {t(`myBookings.filter.${f}`)} <span className="filter-switch__count">({counts[f]})</span>
              </button>
            ))}
          </div>
          {shown.length > 0 ? (
            <MyBookingsTable
              bookings={shown}
              caption={t(`myBookings.filter.caption.${filter}`, { count: shown.length })}
              onCancel={openCancel}
              onCancelSeries={setCancellingSeries}
              onChange={setChanging}
              moreActions={reportAction}
            />
          ) : (
            <p className="muted" role="status">
              {t(`myBookings.filter.empty.${filter}`)}
            </p>
          )}
        </>
      )}
      {view === 'calendar' && items.length > 0 && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <MyBookingsCalendar bookings={items} onSelect={setSelected} />
        </Suspense>
      )}
      {view === 'calendar' && selected && (
        <section className="card" aria-labelledby="selected-booking">
          <h2 id="selected-booking">{selected.title}</h2>
          <p>
            {formatDate(selected.start, selected.timeZone, lang)},{' '}
            {formatTimeRange(selected.start, selected.end, selected.timeZone, lang)} — {selected.spaceName} (
            {selected.siteName}) · {t(`myBookings.status.${selected.status}`)}
          </p>
          {selected.seriesId && <SeriesBadge seriesId={selected.seriesId} />}
          <BookingAccessDetails booking={selected} />
          <BookingHistoryList booking={selected} />
          {selected.receipt && (
            <div className="actions">
              <ReceiptButton booking={selected} />
            </div>
          )}
          {cancellable(selected) && (
            <div className="actions">
              <button type="button" className="button button--secondary" onClick={() => openCancel(selected)}>
                {t(selected.seriesId ? 'bookingActions.cancel.openOne' : 'bookingActions.cancel.open')}
              </button>
              {selected.seriesId && (
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setCancellingSeries(selected)}
                >
                  {t('bookingActions.cancelSeries.open')}
                </button>
              )}
            </div>
          )}
        </section>
      )}
      <CalendarSubscription kind="organisation" />
      {cancelling && (
        <CancelBookingDialog
          booking={cancelling}
          pending={action.isPending}
          error={dialogError}
          onConfirm={(reason) => action.mutate({ kind: 'cancel', id: cancelling.id, reason })}
          onClose={() => setCancelling(null)}
        />
      )}
      {reporting && projectOfBooking(reporting) && (
        <Suspense fallback={null}>
          <ReportDialog
            projectId={projectOfBooking(reporting)!}
            projectTitle={projectTitle(projectOfBooking(reporting)!) ?? ''}
            bookingId={reporting.id}
            bookingTitle={`${reporting.title} (${formatDate(reporting.start, reporting.timeZone, lang)})`}
            onClose={() => setReporting(null)}
            onDone={() => {
              setReporting(null);
              announce({ kind: 'success', text: t('projects.report.done') });
            }}
          />
        </Suspense>
      )}
      {changing && (
        <ChangeBookingDialog
          booking={changing}
          onDone={(after) => {
            setChanging(null);
            announce({ kind: 'success', text: changedNotice(after, t) });
          }}
          onClose={() => setChanging(null)}
        />
      )}
      {cancellingSeries?.seriesId && (
        <CancelSeriesDialog
          seriesId={cancellingSeries.seriesId}
          booking={cancellingSeries}
          onDone={(text) => {
            setCancellingSeries(null);
            setSelected(null);
            announce({ kind: 'success', text });
          }}
          onClose={() => setCancellingSeries(null)}
        />
      )}
    </div>
  );
}
