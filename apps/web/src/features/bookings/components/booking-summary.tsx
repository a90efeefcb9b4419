import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { formatDate, formatMoney, formatTime } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';

/** The period being booked, in words in the site's zone, and what it costs. */
export function BookingSummary({ space, period }: { space: Space; period: { start: number; end: number } }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const timeZone = space.site.timeZone;
  const rate = space.price.hourlyRateCents;
  const price =
    rate === 0
      ? t('spaces.free')
      : formatMoney(Math.round((rate * (period.end - period.start)) / 3_600_000), lang);
  return (
    <p className="dialog__summary" aria-live="polite">
      <span>
        {t('bookingForm.summary', {
          date: formatDate(period.start, timeZone, lang),
          start: formatTime(period.start, timeZone, lang),
          end: formatTime(period.end, timeZone, lang),
        })}
      </span>
      <span className="dialog__price">{t('bookingForm.price', { price })}</span>
    </p>
  );
}
