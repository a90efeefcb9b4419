import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime, type Period } from '@lieux/scheduling';
import {
  availabilityOfDay,
  bookableFree,
  bookableFrom,
  defaultEnd,
  endChoices,
  startChoices,
  weekWindow,
} from '../../../lib/day-availability';
import { formatCalendarDate } from '../../../lib/calendar-date';
import { currentLanguage } from '../../../lib/i18n';
import { todayIn } from '../../../lib/wall-clock';
import '../../../styles/day-view.css';
import { DateStrip } from './date-strip';
import { daySegments } from './day-segments';
import { formatDuration } from './duration';
import type { SpaceCalendarProps } from './space-calendar';

/**
 * The space's calendar on a phone (or any touch screen): one day at a time under a strip of the week's
 * days, its free periods as large buttons; one chosen opens start and end pickers and a "book this slot"
 * button, which hands the period on as a drag on the week calendar would. No drag, no long press.
 */
export default function SpaceDayView({
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
  const lang = currentLanguage();
  const timeZone = space.site.timeZone;
  const policy = space.policy;
  const today = todayIn(timeZone);
  const [date, setDate] = useState(() => (initialDate && initialDate > today ? initialDate : today));
  const [chosen, setChosen] = useState<Period | null>(null);
  // "Now" moves with each new availability answer (refetched every minute), not on every render.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [availability]);
  useEffect(() => setChosen(null), [selectionResetKey, date]);

  const window = useMemo(() => weekWindow(date, timeZone), [date, timeZone]);
  useEffect(() => onWindowChange(window), [onWindowChange, window]);

  const segments = useMemo(() => {
    if (!availability) return null;
    const day = availabilityOfDay(availability, date, timeZone);
    const mine = ownBookings.map((b) => ({
      id: b.id,
      title: b.title,
      start: Date.parse(b.start),
      end: Date.parse(b.end),
    }));
    return {
      closed: day.open.length === 0,
      list: daySegments(day, bookableFree(day, policy, now), mine, bookableFrom(policy, now)),
    };
  }, [availability, date, timeZone, ownBookings, policy, now]);

  const time = (ms: number) => formatTime(ms, timeZone, lang);
  const range = (p: Period) => t('freePeriods.range', { start: time(p.start), end: time(p.end) });

  return (
    <div className="day-view">
      <DateStrip selected={date} today={today} onSelect={setDate} />
      <h3 className="day-view__title">{formatCalendarDate(date, lang)}</h3>
      {!segments ? (
        <p role="status">{t('calendar.loading')}</p>
      ) : segments.closed ? (
        <p className="day-view__empty">{t('dayView.closed')}</p>
      ) : (
        <ul
          className="day-view__list"
          aria-label={t('dayView.listLabel', { date: formatCalendarDate(date, lang) })}
        >
          {segments.list.map((s) => (
            <li key={`${s.kind}-${s.start}`} className={`day-view__item day-view__item--${s.kind}`}>
              {s.kind === 'free' && canBook ? (
                <>
                  <button
                    type="button"
                    className="day-view__slot"
                    aria-expanded={chosen?.start === s.start}
                    onClick={() => setChosen((c) => (c?.start === s.start ? null : s))}
                  >
                    <span className="day-view__time">{range(s)}</span>
                    <span className="day-view__label">{t('dayView.freeChoose')}</span>
                  </button>
                  {chosen?.start === s.start && (
                    <SlotPicker
                      free={s}
                      policy={policy}
                      format={time}
                      onBook={(p) => onSelectPeriod({ start: new Date(p.start), end: new Date(p.end) })}
                    />
                  )}
                </>
              ) : (
                <div className="day-view__slot day-view__slot--static">
                  <span className="day-view__time">{range(s)}</span>
                  <span className="day-view__label">
                    {s.kind === 'mine' ? t('calendar.mine', { title: s.title }) : t(`dayView.kind.${s.kind}`)}
                  </span>
                  {s.kind === 'busy' && onBusyClick && (
                    <button
                      type="button"
                      className="button button--secondary day-view__wait"
                      aria-label={t('dayView.waitFor', { range: range(s) })}
                      onClick={() => onBusyClick({ start: new Date(s.start), end: new Date(s.end) })}
                    >
                      {t('dayView.wait')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Start and end of a booking inside one free period, on the space's step, as large selects. */
function SlotPicker({
  free,
  policy,
  format,
  onBook,
}: {
  free: Period;
  policy: SpaceCalendarProps['space']['policy'];
  format: (ms: number) => string;
  onBook: (period: Period) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const starts = startChoices(free, policy);
  const [start, setStart] = useState(starts[0] ?? free.start);
  const [end, setEnd] = useState(() => defaultEnd(free, start, policy));
  const ends = endChoices(free, start, policy);
  const startRef = useRef<HTMLSelectElement>(null);
  useEffect(() => startRef.current?.focus(), []);

  const changeStart = (value: number) => {
    setStart(value);
    // The length chosen is kept when it still fits; the first end proposed otherwise.
    const kept = value + (end - start);
    setEnd(endChoices(free, value, policy).includes(kept) ? kept : defaultEnd(free, value, policy));
  };

  return (
    <div className="slot-picker" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="slot-picker__title">
        {t('dayView.pickTitle')}
      </p>
      <div className="slot-picker__fields">
        <div className="field">
          <label htmlFor={`${id}-start`}>{t('bookingForm.start')}</label>
          <select
            ref={startRef}
            id={`${id}-start`}
            value={start}
            onChange={(e) => changeStart(Number(e.target.value))}
          >
            {starts.map((s) => (
              <option key={s} value={s}>
                {format(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-end`}>{t('bookingForm.end')}</label>
          <select id={`${id}-end`} value={end} onChange={(e) => setEnd(Number(e.target.value))}>
            {ends.map((e) => (
              <option key={e} value={e}>
                {format(e)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="slot-picker__duration" aria-live="polite">
        {t('dayView.duration', { duration: formatDuration((end - start) / 60_000, t) })}
      </p>
      <button
        type="button"
        className="button button--primary slot-picker__book"
        onClick={() => onBook({ start, end })}
      >
        {t('dayView.book')}
      </button>
    </div>
  );
}
