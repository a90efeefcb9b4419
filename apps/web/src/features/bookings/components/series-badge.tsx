import { useTranslation } from 'react-i18next';
import type { BookingSeries } from '@lieux/contracts';
import { describeSeries, type Language } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';
import { useSeries } from '../api/booking-series';

/** The series' rule in words, in the reader's language (the API's `summary` is French only). */
export const seriesSummary = (s: BookingSeries, lang: Language) =>
  describeSeries(
    {
      firstStart: Date.parse(s.firstStart),
      firstEnd: Date.parse(s.firstEnd),
      rrule: s.rrule,
      timeZone: s.timeZone,
    },
    lang,
  );

/** Marks an occurrence of a series, with its rule once the series is loaded. */
export function SeriesBadge({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation();
  const series = useSeries(seriesId);
  return (
    <span className="block">
      <span className="tag">{t('bookingActions.seriesBadge')}</span>
      {series.data && <span className="muted"> {seriesSummary(series.data.series, currentLanguage())}</span>}
    </span>
  );
}
