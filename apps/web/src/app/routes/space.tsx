import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking, CreateSeriesResponse } from '@lieux/contracts';
import { LazyPointMap } from '../../components/map/lazy-point-map';
import { useMe } from '../../features/auth/api/get-me';
import { isActiveProject, useOwnProjects } from '../../api/projects';
import { useRefreshMyBookings } from '../../features/bookings/api/get-my-bookings';
import { bookingRefusal } from '../../features/bookings/components/booking-access';
import { BookingMade, SlotTaken } from '../../features/bookings/components/booking-made';
import { SeriesResult } from '../../features/bookings/components/series-result';
import { useOwnBookings } from '../../features/bookings/hooks/use-own-bookings';
import { useSpace } from '../../features/spaces/api/get-space';
import { CalendarLegend } from '../../features/spaces/components/calendar-legend';
import { AvailabilityStatus } from '../../features/spaces/components/availability-status';
import { SpaceDetails } from '../../features/spaces/components/space-details';
import { SpaceHeader } from '../../features/spaces/components/space-header';
import { OpeningHours } from '../../features/spaces/components/opening-hours';
import { spaceBusyFeedUrls } from '../../api/calendar-feeds';
import { FeedLink } from '../../components/calendar-subscription';
import { SiteLocation } from '../../features/spaces/components/site-location';
import {
  slotFromParams,
  spacePathWithSlot,
  withoutSlot,
  type PickedSlot,
} from '../../features/spaces/components/slot-params';
import { useSpaceAvailability } from '../../features/spaces/hooks/use-space-availability';
import { WaitlistJoined } from '../../features/waitlist/components/waitlist-joined';
import { usePageTitle } from '../../hooks/use-page-title';
import { useMediaQuery } from '../../hooks/use-media-query';
import { useSignedIn } from '../../hooks/use-signed-in';
import { errorMessage } from '../../lib/error-message';
import { withReturn } from '../../lib/return-path';
import { todayIn, toWallClock } from '../../lib/wall-clock';
import { paths } from '../paths';

const SpaceCalendar = lazy(() => import('../../features/spaces/components/space-calendar'));
// A phone, or any screen without a mouse, books from one day at a time: no drag, large buttons.
const SpaceDayView = lazy(() => import('../../features/spaces/components/space-day-view'));
const NARROW = '(max-width: 47.99rem)';
const TOUCH = '(hover: none) and (pointer: coarse)';
// The forms (their schemas, the recurrence rules) load when a slot is picked, not with the page.
const BookingDialog = lazy(() =>
  import('../../features/bookings/components/booking-dialog').then((m) => ({ default: m.BookingDialog })),
);
const WaitlistDialog = lazy(() =>
  import('../../features/waitlist/components/waitlist-dialog').then((m) => ({ default: m.WaitlistDialog })),
);

type Notice =
  | { kind: 'booked'; booking: Booking }
  | { kind: 'conflict' }
  | { kind: 'series'; result: CreateSeriesResponse }
  | { kind: 'waitlisted' };
/** Wall-clock date and times in the site's zone. */
type Slot = { date: string; startTime: string; endTime: string };
/** A slot to queue for, with what the booking form already said of it. */
type WaitFor = Slot & { title?: string; attendees?: number };

const slotOf = ({ start, end }: { start: Date; end: Date }, timeZone: string): Slot => {
  const s = toWallClock(start, timeZone);
  return { date: s.date, startTime: s.time, endTime: toWallClock(end, timeZone).time };
};

export function SpacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { spaceId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const signedIn = useSignedIn();
  // The slot a visitor picked before signing in: its week shows, and its dialog opens once signed in.
  const [picked, setPicked] = useState<PickedSlot | null>(() => slotFromParams(params));
  const [initialDate] = useState(picked?.date);
  const space = useSpace(spaceId);
  const availability = useSpaceAvailability(spaceId);
  const me = useMe();
  const ownBookings = useOwnBookings(spaceId);
  const refreshMyBookings = useRefreshMyBookings();
  const [dialog, setDialog] = useState<{ key: number; initial: Partial<Slot> } | null>(null);
  // The organisation's running projects, asked once the booking dialog opens: it offers to link one.
  const ownProjects = useOwnProjects(dialog !== null && !!me.data?.organisation);
  const [waitFor, setWaitFor] = useState<WaitFor | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const bookButtonRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const touch = useMediaQuery(TOUCH);
  const dayView = useMediaQuery(NARROW) || touch;
  usePageTitle(space.data?.name);

  const timeZone = space.data?.site.timeZone;
  // A project ends with its last day where the space is, not at midnight UTC.
  const today = todayIn(timeZone ?? 'Europe/Paris');

  const openDialog = useCallback((initial: Partial<Slot>) => {
    openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setNotice(null);
    setDialog((d) => ({ key: (d?.key ?? 0) + 1, initial }));
  }, []);
  /** A visitor signs in (or registers) first, and comes back to this space and slot. */
  const signInFor = useCallback(
    (slot: PickedSlot | null) => {
      const spacePath = paths.space(spaceId);
      void navigate(withReturn(paths.login, slot ? spacePathWithSlot(spacePath, slot) : spacePath));
    },
    [navigate, spaceId],
  );
  const onSelectPeriod = useCallback(
    (period: { start: Date; end: Date }) => {
      if (!timeZone) return;
      if (!signedIn) signInFor({ ...slotOf(period, timeZone), wait: false });
      else openDialog(slotOf(period, timeZone));
    },
    [openDialog, signInFor, signedIn, timeZone],
  );
  const onBusyClick = useCallback(
    (period: { start: Date; end: Date }) => {
      if (!timeZone) return;
      if (!signedIn) return signInFor({ ...slotOf(period, timeZone), wait: true });
      setNotice(null);
      setWaitFor(slotOf(period, timeZone));
    },
    [signInFor, signedIn, timeZone],
  );

  // Back from signing in with a slot: its dialog opens (when this person may book), and the address
  // drops the slot so that a reload does not open it again.
  const mayBook = me.data ? !bookingRefusal(me.data) : null;
  useEffect(() => {
    if (!picked || !signedIn || !space.data || mayBook === null) return;
    const { wait, ...slot } = picked;
    if (mayBook && wait) setWaitFor(slot);
    else if (mayBook) openDialog(slot);
    setPicked(null);
    setParams((p) => withoutSlot(p), { replace: true });
  }, [picked, signedIn, space.data, mayBook, openDialog, setParams]);

  const closeDialog = () => {
    setDialog(null);
    setResetKey((k) => k + 1);
  };
  const announce = (n: Notice) => {
    setNotice(n);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  /** A booking dialog's outcome, with the calendar (and the own bookings, when they may have moved) fresh. */
  const settle = (n: Notice, { bookingsMoved = false } = {}) => {
    closeDialog();
    announce(n);
    void availability.refresh();
    if (bookingsMoved) void refreshMyBookings();
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
        <Link to={paths.spaces}>{t('space.back')}</Link>
      </div>
    );
  }

  const s = space.data;
  const cannotBook = bookingRefusal(me.data);
  // This page as addressed (with a slot in it, if any): where a visitor comes back after signing in.
  const query = params.toString();
  const here = query ? `${paths.space(spaceId)}?${query}` : paths.space(spaceId);
  const calendarProps = {
    space: s,
    availability: availability.query.data,
    ownBookings,
    onWindowChange: availability.setRange,
    onSelectPeriod,
    selectionResetKey: resetKey,
    canBook: !cannotBook,
    onBusyClick: cannotBook ? undefined : onBusyClick,
    initialDate,
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={paths.spaces}>
          <span aria-hidden="true">← </span>
          {t('space.back')}
        </Link>
      </p>
      <SpaceHeader space={s} />

      <div className="space-layout">
        <div className="space-aside">
          <SpaceDetails space={s} />
          <OpeningHours space={s} />
          <SiteLocation
            site={s.site}
            map={
              <LazyPointMap
                latitude={s.site.latitude}
                longitude={s.site.longitude}
                label={`${s.site.address}, ${s.site.postcode} ${s.site.commune}`}
              />
            }
          />
          {s.status === 'published' && <SpaceBusyFeed spaceId={s.id} />}
        </div>

        <section className="calendar-section" aria-labelledby="calendar-title">
          <div className="calendar-section__header">
            <div>
              <h2 id="calendar-title">{t('space.calendarTitle')}</h2>
              <p className="muted">{t('space.timeZoneNote', { timeZone: s.site.timeZone })}</p>
            </div>
            {!cannotBook && (
              <button
                ref={bookButtonRef}
                type="button"
                className="button button--primary"
                onClick={() => (signedIn ? openDialog({}) : signInFor(null))}
              >
                {t('space.bookSlot')}
              </button>
            )}
          </div>
          {cannotBook && <p className="alert alert--info">{t(`errors.${cannotBook}`)}</p>}
          {!signedIn && (
            <p className="alert alert--info">
              {t('space.visitor.intro')}{' '}
              <Link to={withReturn(paths.login, here)}>{t('space.visitor.signIn')}</Link>{' '}
              {t('space.visitor.or')}{' '}
              <Link to={withReturn(paths.register, here)}>{t('space.visitor.register')}</Link>.
            </p>
          )}

          <div ref={noticeRef} tabIndex={-1} className="notice-slot">
            {notice?.kind === 'booked' && <BookingMade booking={notice.booking} />}
            {notice?.kind === 'series' && <SeriesResult result={notice.result} />}
            {notice?.kind === 'waitlisted' && <WaitlistJoined listPath={paths.waitlist} />}
            {notice?.kind === 'conflict' && <SlotTaken />}
          </div>

          {!cannotBook && (
            <p className="muted help">
              {!signedIn
                ? t('space.visitor.help')
                : touch
                  ? t('space.helpTouch')
                  : dayView
                    ? t('space.helpDay')
                    : t('space.help')}
            </p>
          )}
          <CalendarLegend signedIn={signedIn} />
          <AvailabilityStatus failed={availability.query.isError} fetching={availability.query.isFetching} />

          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            {dayView ? (
              <SpaceDayView
                {...calendarProps}
                // One day of the week shown: never another week's answer, kept while this one loads.
                availability={availability.query.isPlaceholderData ? undefined : availability.query.data}
              />
            ) : (
              <SpaceCalendar {...calendarProps} />
            )}
          </Suspense>
        </section>
      </div>

      <Suspense fallback={null}>
        {dialog && (
          <BookingDialog
            key={dialog.key}
            space={s}
            initial={dialog.initial}
            onClose={() => {
              closeDialog();
              const opener = openerRef.current;
              (opener?.isConnected && opener !== document.body ? opener : bookButtonRef.current)?.focus();
            }}
            projects={ownProjects.data?.items.filter((p) => isActiveProject(p, today))}
            onBooked={(booking) => settle({ kind: 'booked', booking })}
            onSeriesCreated={(result) => settle({ kind: 'series', result }, { bookingsMoved: true })}
            onConflict={() => settle({ kind: 'conflict' }, { bookingsMoved: true })}
            onWaitlist={(slot) => {
              closeDialog();
              setWaitFor(slot);
            }}
          />
        )}
        {waitFor && (
          <WaitlistDialog
            space={s}
            initial={waitFor}
            onClose={() => {
              setWaitFor(null);
              // Opened from the booking dialog, gone since: the focus goes back to the booking button.
              requestAnimationFrame(() => {
                if (document.activeElement === document.body) bookButtonRef.current?.focus();
              });
            }}
            onJoined={() => {
              setWaitFor(null);
              announce({ kind: 'waitlisted' });
            }}
          />
        )}
      </Suspense>
    </div>
  );
}

/** The space's public busy feed: its booked slots, no names, for anybody's calendar. */
function SpaceBusyFeed({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const urls = spaceBusyFeedUrls(spaceId);
  return (
    <section className="panel calendar-subscription" aria-labelledby="busy-feed-title">
      <h2 id="busy-feed-title">{t('calendarFeed.busy.title')}</h2>
      <p className="muted">{t('calendarFeed.busy.intro')}</p>
      <FeedLink url={urls.url} webcalUrl={urls.webcalUrl} label={t('calendarFeed.busy.link')} />
    </section>
  );
}
