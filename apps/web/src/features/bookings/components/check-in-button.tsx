import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ROUTES, type Booking } from '@lieux/contracts';
import { checkInDecision, checkInWindow, formatDate, formatTime } from '@lieux/scheduling';
import { call } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';

/** The API's window rules, read from the booking itself (the space's rule comes with it). */
export function checkInState(b: Booking, now = Date.now()) {
  return checkInDecision({
    status: b.status,
    start: Date.parse(b.start),
    end: Date.parse(b.end),
    checkedInAt: b.checkedInAt ? Date.parse(b.checkedInAt) : null,
    checkInMinutes: b.checkInMinutes,
    now,
  });
}

/**
 * « Je suis arrivé·e »: shown on the day of a confirmed booking while its check-in window is open; once
 * checked in, the time it was. Before the window opens on a space that requires check-in, says until when.
 */
export function CheckInButton({ booking, small = false }: { booking: Booking; small?: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const queryClient = useQueryClient();
  const checkIn = useMutation({
    mutationFn: () => call(ROUTES.checkInBooking, { params: { id: booking.id } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['bookings'] }),
  });
  const state = checkInState(booking);
  if (state === 'already')
    return (
      <span className="muted block" data-testid="checked-in">
        {t('bookingActions.checkIn.done', { time: formatTime(booking.checkedInAt!, booking.timeZone, lang) })}
      </span>
    );
  // "Today" in the site's zone, where the people are.
  const sameDay = formatDate(booking.start, booking.timeZone) === formatDate(Date.now(), booking.timeZone);
  if (state === 'TOO_EARLY' && sameDay && booking.checkInMinutes !== null) {
    const closes = checkInWindow({
      start: Date.parse(booking.start),
      end: Date.parse(booking.end),
      checkInMinutes: booking.checkInMinutes,
    }).end;
    return (
      <span className="muted block">
        {t('bookingActions.checkIn.required', { time: formatTime(new Date(closes), booking.timeZone, lang) })}
      </span>
    );
  }
  if (state !== 'ok') return null;
  return (
    <>
      <button
        type="button"
        className={`button button--primary${small ? ' button--small' : ''}`}
        aria-busy={checkIn.isPending}
        disabled={checkIn.isPending}
        onClick={() => checkIn.mutate()}
      >
        {t('bookingActions.checkIn.open')}
        <span className="visually-hidden"> — {booking.title}</span>
      </button>
      {checkIn.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(checkIn.error, t)}
        </p>
      )}
    </>
  );
}
