import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatMoney, formatTimeRange } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';

/** Bookings in a table; every date and time in the booking's site zone, not the browser's. */
export function MyBookingsTable({ bookings, caption }: { bookings: Booking[]; caption: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('myBookings.columns.date')}</th>
            <th scope="col">{t('myBookings.columns.time')}</th>
            <th scope="col">{t('myBookings.columns.space')}</th>
            <th scope="col">{t('myBookings.columns.subject')}</th>
            <th scope="col" className="num">
              {t('myBookings.columns.attendees')}
            </th>
            <th scope="col" className="num">
              {t('myBookings.columns.price')}
            </th>
            <th scope="col">{t('myBookings.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-booking-id={b.id}>
              <td className="nowrap">{formatDate(b.start, b.timeZone, lang)}</td>
              <td className="nowrap">{formatTimeRange(b.start, b.end, b.timeZone, lang)}</td>
              <td>
                {b.spaceName}
                <span className="muted block">{b.siteName}</span>
              </td>
              <td>{b.title}</td>
              <td className="num">{b.attendees}</td>
              <td className="num nowrap">
                {b.priceCents === 0 ? t('spaces.free') : formatMoney(b.priceCents, lang)}
              </td>
              <td>
                <span className={`status status--${b.status}`}>{t(`myBookings.status.${b.status}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
