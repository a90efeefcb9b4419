import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { formatMoney } from '@lieux/scheduling';
import { useSiteDiscounts } from '../../../api/site-discounts';
import { currentLanguage } from '../../../lib/i18n';

/**
 * The site's solidarity discounts with the hourly price each one gives, so that a visitor knows what
 * their organisation would pay before signing up. The booking applies the larger one that fits.
 */
export function SolidarityDiscounts({ space }: { space: Space }) {
  const { t } = useTranslation();
  const rate = space.price.hourlyRateCents;
  const discounts = useSiteDiscounts(space.site.id, { enabled: rate > 0 });
  const list = discounts.data?.discounts ?? [];
  if (rate === 0 || list.length === 0) return null;
  return (
    <div className="space-details__discounts">
      <span className="block muted">{t('space.discounts.title')}</span>
      <ul className="plain-list">
        {[...list]
          .sort((a, b) => b.percent - a.percent)
          .map((d) => (
            <li key={d.basis}>
              {t('space.discounts.item', {
                who: d.basis === 'esus' ? t('discounts.esus') : t(`legalForms.${d.basis}`),
                percent: d.percent,
                price: formatMoney(Math.round((rate * (100 - d.percent)) / 100), currentLanguage()),
              })}
            </li>
          ))}
      </ul>
      <span className="block muted">{t('space.discounts.note')}</span>
    </div>
  );
}
