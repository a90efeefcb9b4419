import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking, CreateSeriesResponse, WaitlistEntry } from '@lieux/contracts';
import { useMe } from '../../features/auth/api/get-me';
import { useMyBookings, useRefreshMyBookings } from '../../features/bookings/api/get-my-bookings';
import { BookingDialog } from '../../features/bookings/components/booking-dialog';
import { SeriesResult } from '../../features/bookings/components/series-result';
import { WaitlistDialog } from '../../features/waitlist/components/waitlist-dialog';
import { paths } from '../paths';
import type { BookingFormValues } from '../../features/bookings/components/booking-form-schema';
import { useAvailability, useRefreshAvailability, type AvailabilityWindow } from '../../api/availability';
import { useSpace } from '../../features/spaces/api/get-space';
import { SpaceDetails } from '../../features/spaces/components/space-details';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatTime } from '@lieux/scheduling';
import { toWallClock } from '../../lib/wall-clock';
import { currentLanguage } from '../../lib/i18n';

const SpaceCalendar = lazy(() => import('../../features/spaces/components/space-calendar'));

const ACTIVE = new Set(['pending', 'confirmed']);

type Notice =
  | { kind: 'booked'; booking: Booking }
  | { kind: 'conflict' }
  | { kind: 'series'; result: CreateSeriesResponse }
  | { kind: 'waitlisted'; entry: WaitlistEntry };
type DialogState = {
  key: number;
  initial: Partial<Pick<BookingFormValues, 'date' | 'startTime' | 'endTime'>>;
};

export function SpacePage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { spaceId = '' } = useParams();
  const space = useSpace(spaceId);
  const [range, setRange] = useState<AvailabilityWindow | null>(null);
  const availability = useAvailability(spaceId, range);
  const refreshAvailability = useRefreshAvailability(spaceId);
  const me = useMe();
  const myBookings = useMyBookings();
  const refreshMyBookings = useRefreshMyBookings();
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [waitFor, setWaitFor] = useState<{ date: string; startTime: string; endTime: string } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const bookButtonRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  usePageTitle(space.data?.name);

  const ownBookings = useMemo(
    () =>
      (myBookings.data?.items ?? [])
        .filter((b) => b.spaceId === spaceId && ACTIVE.has(b.status))
        .map((b) => ({ id: b.id, start: b.start, end: b.end, title: b.title })),
    [myBookings.data, spaceId],
  );

  const free = useMemo(
    () =>
      (availability.data?.free ?? []).map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end) })),
    [availability.data],
  );
  const freeWindow = useMemo(
    () =>
      range && !availability.isPlaceholderData
        ? { start: Date.parse(range.from), end: Date.parse(range.to) }
        : undefined,
    [range, availability.isPlaceholderData],
  );

  const openDialog = useCallback((initial: DialogState['initial']) => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setNotice(null);
    setDialog((d) => ({ key: (d?.key ?? 0) + 1, initial }));
  }, []);

  const onSelectPeriod = useCallback(
    ({ start, end }: { start: Date; end: Date }) => {
      if (!space.data) return;
      const tz = space.data.site.timeZone;
      const s = toWallClock(start, tz);
      const e = toWallClock(end, tz);
      openDialog({ date: s.date, startTime: s.time, endTime: e.time });
    },
    [openDialog, space.data],
  );

  const onBusyClick = useCallback(
    ({ start, end }: { start: Date; end: Date }) => {
      if (!space.data) return;
      const tz = space.data.site.timeZone;
      const s = toWallClock(start, tz);
      setNotice(null);
      setWaitFor({ date: s.date, startTime: s.time, endTime: toWallClock(end, tz).time });
    },
    [space.data],
  );

  const focusNotice = () => requestAnimationFrame(() => noticeRef.current?.focus());

  const closeDialog = () => {
    setDialog(null);
    setResetKey((k) => k + 1);
  };

  if (space.isPending)
    return (
      <p className="page" role="status">
        {t('common.loading')}
      </p>
    );
  if (space.isError) {
    return (
      <div className="page">
        <p className="alert alert--error" role="alert">
          {space.error && 'status' in space.error && space.error.status === 404
            ? t('space.notFound')
            : errorMessage(space.error, t)}
        </p>
        <Link to="/espaces">{t('space.back')}</Link>
      </div>
    );
  }

  const s = space.data;
  const tz = s.site.timeZone;
  // Only members of a verified organisation may book; others see why instead of a form that will fail.
  const organisation = me.data?.organisation;
  const cannotBook = !me.data
    ? null
    : !organisation
      ? 'NOT_AN_ORGANISATION_MEMBER'
      : organisation.verification !== 'verified'
        ? 'ORGANISATION_NOT_VERIFIED'
        : null;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/espaces">
          <span aria-hidden="true">← </span>
          {t('space.back')}
        </Link>
      </p>
      <header className="page-header">
        <div>
          <p className="eyebrow">{t(`spaces.kind.${s.kind}`)}</p>
          <h1>{s.name}</h1>
          <p className="lead">
            {s.site.name} · {s.site.commune}
          </p>
        </div>
      </header>

      <div className="space-layout">
        <SpaceDetails space={s} />

        <section className="calendar-section" aria-labelledby="calendar-title">
          <div className="calendar-section__header">
            <div>
              <h2 id="calendar-title">{t('space.calendarTitle')}</h2>
              <p className="muted">{t('space.timeZoneNote', { timeZone: tz })}</p>
            </div>
            {!cannotBook && (
              <button
                ref={bookButtonRef}
                type="button"
                className="button button--primary"
                onClick={() => openDialog({})}
              >
                {t('space.bookSlot')}
              </button>
            )}
          </div>
          {cannotBook && <p className="alert alert--info">{t(`errors.${cannotBook}`)}</p>}

          <div ref={noticeRef} tabIndex={-1} className="notice-slot">
            {notice?.kind === 'booked' && (
              <div className="alert alert--success" role="status">
                <p>
                  <strong>
                    {notice.booking.status === 'pending'
                      ? t('confirmation.pending')
                      : t('confirmation.confirmed')}
                  </strong>{' '}
                  {t('confirmation.details', {
                    space: notice.booking.spaceName,
                    date: formatDate(notice.booking.start, notice.booking.timeZone, lang),
                    start: formatTime(notice.booking.start, notice.booking.timeZone, lang),
                    end: formatTime(notice.booking.end, notice.booking.timeZone, lang),
                  })}
                  {notice.booking.status === 'pending' && <> {t('confirmation.pendingNote')}</>}
                </p>
                <p>
                  <Link to="/mes-reservations">{t('confirmation.seeMine')}</Link>
                </p>
              </div>
            )}
            {notice?.kind === 'series' && <SeriesResult result={notice.result} />}
            {notice?.kind === 'waitlisted' && (
              <div className="alert alert--success" role="status">
                <p>
                  <strong>{t('waitlist.joined')}</strong> {t('waitlist.joinedNote')}
                </p>
                <p>
                  <Link to={paths.waitlist}>{t('waitlist.seeMine')}</Link>
                </p>
              </div>
            )}
            {notice?.kind === 'conflict' && (
              <div className="alert alert--warning" role="alert">
                <p>
                  <strong>{t('conflict.title')}.</strong> {t('conflict.message')}
                </p>
              </div>
            )}
          </div>

          {!cannotBook && <p className="muted help">{t('space.help')}</p>}
          <ul className="legend" aria-label={t('space.legend.title')}>
            <li>
              <span className="legend__swatch legend__swatch--free" aria-hidden="true" />
              {t('space.legend.free')}
            </li>
            <li>
              <span className="legend__swatch legend__swatch--busy" aria-hidden="true" />
              {t('space.legend.busy')}
            </li>
            <li>
              <span className="legend__swatch legend__swatch--mine" aria-hidden="true" />
              {t('space.legend.mine')}
            </li>
            <li>
              <span className="legend__swatch legend__swatch--closed" aria-hidden="true" />
              {t('space.legend.closed')}
            </li>
            <li>
              <span className="legend__swatch legend__swatch--past" aria-hidden="true" />
              {t('space.legend.past')}
            </li>
          </ul>
          {availability.isError && (
            <p className="alert alert--error" role="alert">
              {t('calendar.loadError')}
            </p>
          )}
          <p className="visually-hidden" role="status">
            {availability.isFetching ? t('calendar.loading') : ''}
          </p>

          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <SpaceCalendar
              space={s}
              availability={availability.data}
              ownBookings={ownBookings}
              onWindowChange={setRange}
              onSelectPeriod={onSelectPeriod}
              selectionResetKey={resetKey}
              canBook={!cannotBook}
              onBusyClick={cannotBook ? undefined : onBusyClick}
            />
          </Suspense>
        </section>
      </div>

      {dialog && (
        <BookingDialog
          key={dialog.key}
          space={s}
          initial={dialog.initial}
          free={free}
          freeWindow={freeWindow}
          onClose={() => {
            closeDialog();
            const opener = openerRef.current;
            (opener?.isConnected && opener !== document.body ? opener : bookButtonRef.current)?.focus();
          }}
          onBooked={(booking) => {
            closeDialog();
            setNotice({ kind: 'booked', booking });
            void refreshAvailability();
            focusNotice();
          }}
          onSeriesCreated={(result) => {
            closeDialog();
            setNotice({ kind: 'series', result });
            void refreshAvailability();
            void refreshMyBookings();
            focusNotice();
          }}
          onConflict={() => {
            closeDialog();
            setNotice({ kind: 'conflict' });
            void refreshAvailability();
            void refreshMyBookings();
            focusNotice();
          }}
        />
      )}
      {waitFor && (
        <WaitlistDialog
          space={s}
          initial={waitFor}
          onClose={() => setWaitFor(null)}
          onJoined={(entry) => {
            setWaitFor(null);
            setNotice({ kind: 'waitlisted', entry });
            focusNotice();
          }}
        />
      )}
    </div>
  );
}
