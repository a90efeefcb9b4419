import '../styles/free-periods.css';
import { useTranslation } from 'react-i18next';
import { formatTime, type Period } from '@lieux/scheduling';
import { currentLanguage } from '../lib/i18n';

/**
 * The free periods of one day, each a button that hands its period to `onPick` (to fill a form's times),
 * in the site's zone. Says so when nothing is free, and while the day is loading.
 */
export function FreePeriods({
  periods,
  timeZone,
  status,
  onPick,
  label,
}: {
  periods: readonly Period[];
  timeZone: string;
  /** `closed`: the space does not open that day; `loading` and `error`: nothing known yet. */
  status: 'ready' | 'closed' | 'loading' | 'error';
  onPick: (period: Period) => void;
  /** What the list is named (its heading); "Périodes libres ce jour-là" by default. */
  label?: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const heading = label ?? t('freePeriods.title');
  const time = (ms: number) => formatTime(ms, timeZone, lang);

  let body;
  if (status === 'loading') body = <p className="muted">{t('freePeriods.loading')}</p>;
  else if (status === 'error') body = <p className="muted">{t('freePeriods.error')}</p>;
  else if (status === 'closed') body = <p className="muted">{t('freePeriods.closed')}</p>;
  else if (periods.length === 0) body = <p className="muted">{t('freePeriods.none')}</p>;
  else
    body = (
      <ul className="free-periods__list">
        {periods.map((p) => (
          <li key={p.start}>
            <button
              type="button"
              className="button button--secondary free-periods__button"
              aria-label={t('freePeriods.pick', { start: time(p.start), end: time(p.end) })}
              onClick={() => onPick(p)}
            >
              {t('freePeriods.range', { start: time(p.start), end: time(p.end) })}
            </button>
          </li>
        ))}
      </ul>
    );

  return (
    <div className="free-periods" role="group" aria-label={heading}>
      <p className="free-periods__title">{heading}</p>
      {body}
    </div>
  );
}
