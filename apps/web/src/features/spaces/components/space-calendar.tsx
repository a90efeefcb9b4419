import 'temporal-polyfill/global';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import FullCalendar, {
  type CalendarRef,
  type DatesSetInfo,
  type DateSelectInfo,
  type EventClickInfo,
  type EventInput,
} from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/react/timegrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicThemePlugin from '@fullcalendar/react/themes/classic';
import frLocale from '@fullcalendar/react/locales/fr';
import enGbLocale from '@fullcalendar/react/locales/en-gb';
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import '../../../styles/calendar.css';
import type { Availability, Space } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { containedIn, subtractSpans, toSpan, type Span } from './intervals';
import type { AvailabilityWindow } from '../../../api/availability';

const MINUTE = 60_000;

export interface OwnBooking {
  id: string;
  start: string;
  end: string;
  title: string;
}

export interface SpaceCalendarProps {
  space: Space;
  availability: Availability | undefined;
  ownBookings: OwnBooking[];
  /** The calendar moved to another week: load that window. */
  onWindowChange: (window: AvailabilityWindow) => void;
  /** A free period was picked by dragging. */
  onSelectPeriod: (period: { start: Date; end: Date }) => void;
  /** Changes whenever the selection must be cleared (the dialog closed). */
  selectionResetKey?: number;
  /** False when the person may not book (not a member of a verified organisation). */
  canBook?: boolean;
  /** A busy block was chosen: offer to join the waiting list for it. */
  onBusyClick?: (period: { start: Date; end: Date }) => void;
  /** The date (`YYYY-MM-DD`, site's zone) whose week shows first; this week otherwise. */
  initialDate?: string;
}

const hourOf = (ms: number, timeZone: string) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') + get('minute') / 60;
};

const pad = (h: number) => `${String(h).padStart(2, '0')}:00:00`;

/** The week of a space: free time selectable, busy blocks without names, closed hours greyed. */
export default function SpaceCalendar({
  space,
  availability,
  ownBookings,
  onWindowChange,
  onSelectPeriod,
  selectionResetKey,
  canBook = true,
  onBusyClick,
  initialDate,
}: SpaceCalendarProps) {
  const { t } = useTranslation();
  const calendarRef = useRef<CalendarRef>(null);
  const [range, setRange] = useState<Span | null>(null);
  // "Now" moves with each new availability answer (refetched every minute), not on every render.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [availability]);
  const timeZone = space.site.timeZone;
  const policy = space.policy;

  useEffect(() => {
    calendarRef.current?.getApi().unselect();
  }, [selectionResetKey]);

  const { events, free, slotMinTime, slotMaxTime } = useMemo(() => {
    const open = (availability?.open ?? []).map(toSpan);
    const free = (availability?.free ?? []).map(toSpan);
    const mine = ownBookings.map((b) => ({ ...toSpan(b), id: b.id, title: b.title }));
    const busy = subtractSpans((availability?.busy ?? []).map(toSpan), mine);
    const closed = range ? subtractSpans([range], open) : [];
    // Open time that can no longer be booked (past, or inside the minimum notice) is shaded too.
    const bookableFrom = now + policy.minNoticeMinutes * MINUTE;
    const past =
      range && range.start < bookableFrom
        ? subtractSpans([{ start: range.start, end: Math.min(bookableFrom, range.end) }], closed)
        : [];
    const iso = (ms: number) => new Date(ms).toISOString();

    const events: EventInput[] = [
      ...closed.map((s) => ({
        start: iso(s.start),
        end: iso(s.end),
        display: 'background',
        className: 'lp-closed',
      })),
      ...past.map((s) => ({
        start: iso(s.start),
        end: iso(s.end),
        display: 'background',
        className: 'lp-past',
      })),
      ...free.map((s) => ({
        groupId: 'free',
        start: iso(s.start),
        end: iso(s.end),
        display: 'background',
        className: 'lp-free',
      })),
      ...busy.map((s) => ({
        start: iso(s.start),
        end: iso(s.end),
        title: onBusyClick ? t('calendar.busyJoin') : t('calendar.busy'),
        className: 'lp-busy',
        editable: false,
      })),
      ...mine.map((s) => ({
        id: s.id,
        start: iso(s.start),
        end: iso(s.end),
        title: t('calendar.mine', { title: s.title }),
        className: 'lp-mine',
        editable: false,
      })),
    ];

    let min = 8;
    let max = 19;
    for (const o of open) {
      min = Math.min(min, Math.floor(hourOf(o.start, timeZone)));
      const end = hourOf(o.end, timeZone);
      max = Math.max(max, end === 0 ? 24 : Math.ceil(end));
    }
    return { events, free, slotMinTime: pad(min), slotMaxTime: pad(max) };
  }, [availability, ownBookings, range, t, timeZone, now, policy.minNoticeMinutes, onBusyClick]);

  const step = `00:${String(policy.slotStepMinutes).padStart(2, '0')}:00`;

  const selectAllow = (span: { start: Date; end: Date; allDay: boolean }) => {
    if (span.allDay) return false;
    const s = span.start.getTime();
    const e = span.end.getTime();
    const now = Date.now();
    if (s < now + policy.minNoticeMinutes * MINUTE) return false;
    if (s > now + policy.horizonDays * 1440 * MINUTE) return false;
    if (e - s > policy.maxDurationMinutes * MINUTE) return false;
    return containedIn(free, { start: s, end: e });
  };

  const onDatesSet = (info: DatesSetInfo) => {
    setRange({ start: info.start.getTime(), end: info.end.getTime() });
    onWindowChange({ from: info.startStr, to: info.endStr });
  };

  const onSelect = (info: DateSelectInfo) => {
    onSelectPeriod({ start: info.start, end: info.end });
  };

  const onEventClick = (info: EventClickInfo) => {
    if (
      !onBusyClick ||
      !info.event.className.split(' ').includes('lp-busy') ||
      !info.event.start ||
      !info.event.end
    )
      return;
    info.jsEvent.preventDefault();
    onBusyClick({ start: info.event.start, end: info.event.end });
  };

  const lang = currentLanguage();

  return (
    <div className="lp-calendar">
      <FullCalendar
        ref={calendarRef}
        plugins={[timeGridPlugin, interactionPlugin, classicThemePlugin]}
        initialView="timeGridWeek"
        initialDate={initialDate}
        locale={lang === 'fr' ? frLocale : enGbLocale}
        timeZone={timeZone}
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
        slotMinTime={slotMinTime}
        slotMaxTime={slotMaxTime}
        slotDuration={step}
        snapDuration={step}
        slotHeaderInterval="01:00:00"
        height="auto"
        selectable={canBook}
        selectMirror
        unselectAuto={false}
        selectConstraint="free"
        selectAllow={selectAllow}
        select={onSelect}
        eventClick={onEventClick}
        datesSet={onDatesSet}
        events={events}
        eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }}
        slotHeaderFormat={{ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }}
        dayHeaderFormat={{ weekday: 'short', day: 'numeric', month: 'numeric' }}
      />
    </div>
  );
}
