import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatMoney, formatTime, formatTimeRange } from '@lieux/scheduling';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useBookingHistory } from '../api/booking-lifecycle';

const pair = (v: unknown): [unknown, unknown] | null =>
  Array.isArray(v) && v.length === 2 ? [v[0], v[1]] : null;

/** `jeu. 10 déc. 9 h 00 – 10 h 00`, in the site's zone. */
function shortPeriod(start: string, end: string, timeZone: string, lang: 'fr' | 'en') {
  const day = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(new Date(start));
  return `${day} ${formatTimeRange(start, end, timeZone, lang)}`;
}

/** A change that kept the booking's status (a move, other people) in words: what it was, what it is. */
function changeLines(
  changes: Record<string, unknown>,
  timeZone: string,
  lang: 'fr' | 'en',
  t: ReturnType<typeof useTranslation>['t'],
): string[] {
  const lines: string[] = [];
  const start = pair(changes.start);
  const end = pair(changes.end);
  if (start && end)
    lines.push(
      t('bookingChange.history.moved', {
        from: shortPeriod(String(start[0]), String(end[0]), timeZone, lang),
        to: shortPeriod(String(start[1]), String(end[1]), timeZone, lang),
      }),
    );
  const people = pair(changes.attendees);
  if (people) lines.push(t('bookingChange.history.attendees', { from: people[0], to: people[1] }));
  const price = pair(changes.priceCents);
  if (price)
    lines.push(
      t('bookingChange.history.price', {
        from: formatMoney(Number(price[0]), lang),
        to: formatMoney(Number(price[1]), lang),
      }),
    );
  return lines;
}

/** Who changed the booking, when, from which status to which, and why; times in the site's zone. */
export function BookingHistoryList({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const history = useBookingHistory(booking.id, true);
  if (history.isPending) return <p role="status">{t('common.loading')}</p>;
  if (history.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(history.error, t)}
      </p>
    );
  return (
    <ol className="history" aria-label={t('bookingActions.history.label', { title: booking.title })}>
      {history.data.items.map((h, i) => {
        const changed = h.fromStatus ? changeLines(h.changes, booking.timeZone, lang, t) : [];
        return (
          <li key={i}>
            <span className="history__when">
              {t('bookingActions.history.when', {
                date: formatDate(h.at, booking.timeZone, lang),
                time: formatTime(h.at, booking.timeZone, lang),
              })}
            </span>{' '}
            {changed.length > 0
              ? changed.join(' ; ')
              : h.fromStatus
                ? t('bookingActions.history.change', {
                    from: t(`myBookings.status.${h.fromStatus}`),
                    to: t(`myBookings.status.${h.toStatus}`),
                  })
                : t('bookingActions.history.created', { status: t(`myBookings.status.${h.toStatus}`) })}
            {changed.length > 0 && h.fromStatus !== h.toStatus && h.toStatus === 'pending' && (
              <> ({t('bookingChange.history.requested')})</>
            )}{' '}
            <span className="muted">
              {h.actor
                ? t('bookingActions.history.by', { name: h.actor.name })
                : t('bookingActions.history.system')}
            </span>
            {h.reason && (
              <span className="block">{t('bookingActions.history.reason', { reason: h.reason })}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
