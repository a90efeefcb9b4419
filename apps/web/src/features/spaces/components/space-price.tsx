import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { formatMoney } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';

export function SpacePrice({ price }: { price: Space['price'] }) {
  const { t } = useTranslation();
  if (price.hourlyRateCents === 0) return <>{t('spaces.free')}</>;
  return <>{t('spaces.perHour', { price: formatMoney(price.hourlyRateCents, currentLanguage()) })}</>;
}
