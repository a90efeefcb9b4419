import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** `9 h 00` in French, `09:00` in English: a wall time of the site, no zone involved. */
export function wallTimeText(hhmm: string, lang: 'fr' | 'en'): string {
  if (lang === 'en') return hhmm;
  const [h, m] = hhmm.split(':');
  return `${Number(h)} h ${m}`;
}

/** Monday… Sunday (ISO weekday 1–7) in the current language. */
function weekdayName(weekday: number, lang: 'fr' | 'en'): string {
  // 1 January 2024 was a Monday.
  const name = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(2024, 0, weekday)));
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The weekly hours in force for the space (its own, or else its site's), day by day. */
export function OpeningHours({ space }: { space: Space }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <section className="space-section" aria-labelledby="hours-title">
      <h2 id="hours-title">{t('space.hours.title')}</h2>
      <dl className="opening-hours">
        {WEEKDAYS.map((day) => {
          const windows = space.openingHours
            .filter((w) => w.weekday === day)
            .sort((a, b) => a.opens.localeCompare(b.opens));
          return (
            <div key={day}>
              <dt>{weekdayName(day, lang)}</dt>
              <dd>
                {windows.length === 0
                  ? t('space.hours.closed')
                  : windows
                      .map((w) => `${wallTimeText(w.opens, lang)} – ${wallTimeText(w.closes, lang)}`)
                      .join(', ')}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="muted help">{t('space.hours.note', { timeZone: space.site.timeZone })}</p>
    </section>
  );
}
