import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, weekDates } from '../../../lib/day-availability';
import { currentLanguage } from '../../../lib/i18n';

const SWIPE_PX = 60;
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/**
 * A week's days in a row (weekday and date, the chosen one marked), with the previous and next weeks
 * beside; a sideways swipe on the row turns the week too. Dates are calendar dates of the site's zone.
 */
export function DateStrip({
  selected,
  today,
  onSelect,
}: {
  selected: string;
  today: string;
  onSelect: (date: string) => void;
}) {
  const { t } = useTranslation();
  const tag = currentLanguage() === 'fr' ? 'fr-FR' : 'en-GB';
  const days = weekDates(selected);
  const thisWeek = days.includes(today);
  const touchX = useRef<number | null>(null);
  const format = (date: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(noon(date));
  // The same weekday a week away, never before today.
  const turn = (weeks: number) => {
    const date = addDays(selected, 7 * weeks);
    onSelect(date < today ? today : date);
  };

  return (
    <div className="date-strip">
      <div className="date-strip__bar">
        <button
          type="button"
          className="button button--ghost date-strip__turn"
          onClick={() => turn(-1)}
          disabled={thisWeek}
          aria-label={t('dayView.previousWeek')}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <p className="date-strip__month" aria-live="polite">
          {t('dayView.weekOf', { date: format(days[0], { day: 'numeric', month: 'long', year: 'numeric' }) })}
        </p>
        <button
          type="button"
          className="button button--ghost date-strip__turn"
          onClick={() => turn(1)}
          aria-label={t('dayView.nextWeek')}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <ul
        className="date-strip__days"
        aria-label={t('dayView.days')}
        onTouchStart={(e) => (touchX.current = e.touches[0]?.clientX ?? null)}
        onTouchEnd={(e) => {
          const start = touchX.current;
          const end = e.changedTouches[0]?.clientX;
          touchX.current = null;
          if (start === null || end === undefined || Math.abs(end - start) < SWIPE_PX) return;
          if (end < start) turn(1);
          else if (!thisWeek) turn(-1);
        }}
      >
        {days.map((date) => (
          <li key={date}>
            <button
              type="button"
              className="date-strip__day"
              aria-pressed={date === selected}
              aria-current={date === today ? 'date' : undefined}
              disabled={date < today}
              onClick={() => onSelect(date)}
            >
              <span className="date-strip__weekday" aria-hidden="true">
                {format(date, { weekday: 'short' })}
              </span>
              <span className="visually-hidden">{format(date, { weekday: 'long' })} </span>
              <span className="date-strip__date">{format(date, { day: 'numeric' })}</span>
              <span className="visually-hidden"> {format(date, { month: 'long' })}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
