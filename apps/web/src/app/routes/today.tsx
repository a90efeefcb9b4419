import '../../styles/staff.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTimeRange } from '@lieux/scheduling';
import { ListStatus } from '../../components/list-status';
import { useBookings } from '../../features/bookings/api/booking-lifecycle';
import { usePageTitle } from '../../hooks/use-page-title';
import { currentLanguage } from '../../lib/i18n';
import { toWallClock } from '../../lib/wall-clock';
import { OtherWork } from '../other-work';
import { paths } from '../paths';

const DAY = 86_400_000;
/** How many waiting requests the page lists; the queue has them all. */
const FIRST_REQUESTS = 5;
const PARIS = 'Europe/Paris';

/** Whether a booking takes place on today's date of its own site (sites span several zones). */
const isToday = (b: Booking, now: number) => {
  const day = (instant: number) => toWallClock(instant, b.timeZone).date;
  const today = day(now);
  return day(Date.parse(b.start)) <= today && today <= day(Date.parse(b.end) - 1);
};

/** A site manager's day: the requests waiting for an answer, and what happens today on their sites. */
export function TodayPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  usePageTitle(t('today.title'));
  const [now] = useState(() => Date.now());
  const requests = useBookings({ status: ['pending'] });
  // A day either side of now covers today's date in every zone a site may be in.
  const around = useBookings({
    status: ['confirmed', 'pending', 'completed', 'no_show'],
    from: new Date(now - DAY).toISOString(),
    to: new Date(now + 2 * DAY).toISOString(),
  });
  const waiting = [...(requests.data?.items ?? [])].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const today = (around.data?.items ?? [])
    .filter((b) => isToday(b, now))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));

  return (
    <div className="page">
      <h1>{t('today.title')}</h1>
      <p className="lead">{t('today.intro', { date: formatDate(now, PARIS, lang) })}</p>
      <OtherWork current="today" />

      <section className="work-section" aria-labelledby="today-requests">
        <h2 id="today-requests">{t('today.requests.title', { count: waiting.length })}</h2>
        <ListStatus
          query={requests}
          isEmpty={waiting.length === 0}
          empty={<p>{t('today.requests.empty')}</p>}
        />
        {waiting.length > 0 && (
          <ul className="plain-list work-list">
            {waiting.slice(0, FIRST_REQUESTS).map((b) => (
              <li key={b.id}>
                <strong>
                  {formatDate(b.start, b.timeZone, lang)}, {formatTimeRange(b.start, b.end, b.timeZone, lang)}
                </strong>{' '}
                · {b.organisationName} — « {b.title} » · {b.spaceName} ({b.siteName})
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link className="button button--primary" to={paths.manageRequests}>
            {waiting.length > 0 ? t('today.requests.answer') : t('today.requests.open')}
          </Link>
        </p>
      </section>

      <section className="work-section" aria-labelledby="today-bookings">
        <h2 id="today-bookings">{t('today.bookings.title')}</h2>
        <ListStatus query={around} isEmpty={today.length === 0} empty={<p>{t('today.bookings.empty')}</p>} />
        {today.length > 0 && (
          <div className="table-wrap">
            <table className="table table--cards">
              <caption className="visually-hidden">{t('today.bookings.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('today.bookings.time')}</th>
                  <th scope="col">{t('myBookings.columns.space')}</th>
                  <th scope="col">{t('upcoming.booking')}</th>
                  <th scope="col" className="num">
                    {t('myBookings.columns.attendees')}
                  </th>
                  <th scope="col">{t('myBookings.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {today.map((b) => (
                  <tr key={b.id} data-booking-id={b.id}>
                    <td data-label={t('today.bookings.time')} className="nowrap">
                      {formatTimeRange(b.start, b.end, b.timeZone, lang)}
                    </td>
                    <td data-label={t('myBookings.columns.space')}>
                      {b.spaceName}
                      <span className="muted block">{b.siteName}</span>
                    </td>
                    <td data-label={t('upcoming.booking')}>
                      {b.organisationName} — {b.title}
                    </td>
                    <td className="num" data-label={t('myBookings.columns.attendees')}>
                      {b.attendees}
                    </td>
                    <td data-label={t('myBookings.columns.status')}>
                      <span className={`status status--${b.status}`}>
                        {t(`myBookings.status.${b.status}`)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to={paths.manage}>{t('today.bookings.sites')}</Link>
        </p>
      </section>
    </div>
  );
}
