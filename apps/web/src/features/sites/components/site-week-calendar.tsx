import 'temporal-polyfill/global';
import { useMemo, useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import FullCalendar, { type DatesSetInfo, type EventInput } from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import frLocale from '@fullcalendar/react/locales/fr';
import enGbLocale from '@fullcalendar/react/locales/en-gb';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import '../../../styles/calendar.css';
import type { Site } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { availabilityQueryOptions, type AvailabilityWindow } from '../../../api/availability';
import { useSiteSpaces } from '../api/site-spaces';

/** Dark enough for white text (contrast ≥ 4.5:1). */
const COLORS = ['#1d4ed8', '#047857', '#9d174d', '#7c2d12', '#5b21b6', '#0f766e', '#854d0e', '#374151'];

/** The week of a site for its manager: the busy blocks of every published space, one colour per space. */
export default function SiteWeekCalendar({ site }: { site: Site }) {
  const { t } = useTranslation();
  const spaces = useSiteSpaces(site.id);
  const [range, setRange] = useState<AvailabilityWindow | null>(null);
  const published = useMemo(
    () =>
      (spaces.data?.items ?? [])
        .filter((s) => s.status === 'published')
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    [spaces.data],
  );
  const availabilities = useQueries({
    queries: published.map((s) => availabilityQueryOptions(s.id, range)),
  });

  const events = useMemo<EventInput[]>(
    () =>
      published.flatMap((s, i) =>
        (availabilities[i]?.data?.busy ?? []).map((b) => ({
          start: b.start,
          end: b.end,
          title: s.name,
          // FullCalendar 7's names: v6's backgroundColor, borderColor and textColor would land unread in
          // the event's extendedProps.
          color: COLORS[i % COLORS.length],
          contrastColor: '#ffffff',
        })),
      ),
    [published, availabilities],
  );

  const onDatesSet = (info: DatesSetInfo) => setRange({ from: info.startStr, to: info.endStr });
  const lang = currentLanguage();

  return (
    <div>
      {published.length === 0 ? (
        <p className="muted">{t('manage.week.none')}</p>
      ) : (
        <ul className="legend" aria-label={t('manage.week.legend')}>
          {published.map((s, i) => (
            <li key={s.id}>
              <span
                className="legend__swatch"
                style={{ background: COLORS[i % COLORS.length] }}
                aria-hidden="true"
              />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t('manage.week.note', { timeZone: site.timeZone })}</p>
      <div className="lp-calendar lp-calendar--site">
        <FullCalendar
          plugins={[timeGridPlugin, classicThemePlugin]}
          initialView="timeGridWeek"
          locale={lang === 'fr' ? frLocale : enGbLocale}
          timeZone={site.timeZone}
          firstDay={1}
          headerToolbar={{ start: 'prev,next today', center: 'title', end: '' }}
          prevHint={t('calendar.previous')}
          nextHint={t('calendar.next')}
          todayText={t('calendar.today')}
          todayHint={t('calendar.today')}
          headingLevel={3}
          allDaySlot={false}
          timedText={t('calendar.timed')}
          nowIndicator
          slotMinTime="07:00:00"
          slotMaxTime="21:00:00"
          slotDuration="00:30:00"
          height="auto"
          datesSet={onDatesSet}
          events={events}
          eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }}
          slotHeaderFormat={{ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }}
          dayHeaderFormat={{ weekday: 'short', day: 'numeric', month: 'numeric' }}
        />
      </div>
    </div>
  );
}
