import { useTranslation } from 'react-i18next';
import type { CreateSeriesResponse } from '@lieux/contracts';
import { formatDate, formatTime } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';

/** What a series gave, date by date: booked, or refused and why. */
export function SeriesResult({ result }: { result: CreateSeriesResponse }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const tz = result.series.timeZone;
  const booked = result.occurrences.filter((o) => o.status === 'booked').length;
  const refused = result.occurrences.length - booked;
  return (
    <div className={`alert ${refused > 0 ? 'alert--warning' : 'alert--success'}`} role="status">
      <p>
        <strong>{t('seriesResult.title', { count: booked })}</strong>{' '}
        {refused > 0 && t('seriesResult.refused', { count: refused })}
      </p>
      <p>{result.series.summary}</p>
      <table className="table table--compact">
        <caption className="visually-hidden">{t('seriesResult.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('seriesResult.date')}</th>
            <th scope="col">{t('seriesResult.time')}</th>
            <th scope="col">{t('seriesResult.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {result.occurrences.map((o) => (
            <tr key={o.start} data-status={o.status}>
              <td>{formatDate(o.start, tz, lang)}</td>
              <td>
                {formatTime(o.start, tz, lang)} – {formatTime(o.end, tz, lang)}
              </td>
              <td>
                {o.status === 'booked' ? (
                  t('seriesResult.booked')
                ) : (
                  <>
                    {t('seriesResult.notBooked')} :{' '}
                    {lang === 'fr' ? o.reason : t(`errors.${o.code}`, { defaultValue: o.reason })}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
