import { useTranslation } from 'react-i18next';
import type { NationalStats } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { useNationalStats } from '../api/national-stats';

type Figure = 'sitesOpen' | 'spaces' | 'areaSqm' | 'organisationsHosted' | 'hoursBooked';
const FIGURES: readonly Figure[] = ['sitesOpen', 'spaces', 'areaSqm', 'organisationsHosted', 'hoursBooked'];

/** `12 480` in French (a narrow no-break space between thousands), `12,480` in English. */
export function formatCount(value: number, lang: 'fr' | 'en'): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 0 }).format(value);
}

/** The network's figures, as the API computes them from the live data. */
export function NationalFigures() {
  const { t } = useTranslation();
  const stats = useNationalStats();
  const lang = currentLanguage();

  return (
    <section className="figures" aria-labelledby="figures-title" aria-busy={stats.isPending}>
      <h2 id="figures-title">{t('home.figures.title')}</h2>
      {stats.isError ? (
        <p className="muted">{t('home.figures.unavailable')}</p>
      ) : (
        <ul className="figures__list">
          {FIGURES.map((figure) => (
            <li key={figure} className="figures__item">
              {stats.data ? <FigureText figure={figure} stats={stats.data} lang={lang} /> : <Placeholder />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Placeholder() {
  const { t } = useTranslation();
  return (
    <>
      <span className="figures__value figures__value--pending" aria-hidden="true">
        …
      </span>
      <span className="visually-hidden">{t('common.loading')}</span>
    </>
  );
}

function FigureText({ figure, stats, lang }: { figure: Figure; stats: NationalStats; lang: 'fr' | 'en' }) {
  const { t } = useTranslation();
  const value = stats[figure];
  const number = formatCount(value, lang);
  return (
    <>
      <span className="figures__value">
        {figure === 'areaSqm' ? t('home.figures.areaValue', { value: number }) : number}
      </span>{' '}
      <span className="figures__label">
        {t(`home.figures.${figure}`, { count: Math.round(value), year: stats.year })}
      </span>
    </>
  );
}
