import 'temporal-polyfill/global';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import FullCalendar, { type EventInput } from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import frLocale from '@fullcalendar/react/locales/fr';
import enGbLocale from '@fullcalendar/react/locales/en-gb';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import '../../../styles/calendar.css';
import type { Booking } from '@lieux/contracts';
import { formatTimeRange } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';

/** What was called off stays in its day, struck through (colours in calendar.css). */
const CALLED_OFF: readonly Booking['status'][] = ['cancelled', 'rejected', 'expired', 'released'];

/**
 * The organisation's bookings by month. Each event says its hours in its own site's zone (a booking in
 * Cayenne keeps Cayenne's hours); the grid itself is drawn in the first booking's zone.
 */
export default function MyBookingsCalendar({
  bookings,
  onSelect,
}: {
  bookings: Booking[];
  onSelect: (b: Booking) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const timeZone = bookings[0]?.timeZone ?? 'Europe/Paris';
  const events = useMemo<EventInput[]>(
    () =>
      bookings.map((b) => ({
        id: b.id,
        start: b.start,
        end: b.end,
        title: `${formatTimeRange(b.start, b.end, b.timeZone, lang)} · ${b.title} — ${b.spaceName} (${t(`myBookings.status.${b.status}`)})`,
        display: 'block',
        className: [
          'lp-booking',
          `lp-booking--${b.status}`,
          ...(CALLED_OFF.includes(b.status) ? ['lp-booking--off'] : []),
        ].join(' '),
      })),
    [bookings, lang, t],
  );
  const first = bookings.find((b) => Date.parse(b.end) > Date.now()) ?? bookings[0];
  return (
    <div className="lp-calendar">
      <FullCalendar
        plugins={[dayGridPlugin, classicThemePlugin]}
        initialView="dayGridMonth"
        initialDate={first?.start}
        locale={lang === 'fr' ? frLocale : enGbLocale}
        timeZone={timeZone}
        firstDay={1}
        headerToolbar={{ start: 'prev,next today', center: 'title', end: '' }}
        prevHint={t('myBookings.calendar.previous')}
        nextHint={t('myBookings.calendar.next')}
        todayText={t('myBookings.calendar.thisMonth')}
        todayHint={t('myBookings.calendar.thisMonth')}
        headingLevel={2}
        displayEventTime={false}
        height="auto"
        events={events}
        eventClick={(info) => {
          const b = bookings.find((x) => x.id === info.event.id);
          if (b) onSelect(b);
        }}
      />
    </div>
  );
}
