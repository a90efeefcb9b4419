import { useTranslation } from 'react-i18next';
import { formatMinutes } from '@lieux/scheduling';
import { useSpaceQuota } from '../api/quotas';

/**
 * What the organisation may still book at the space under the fair-use quotas, for the week and month of
 * the chosen start: « Il vous reste 6 h cette semaine et 14 h ce mois-ci sur ce site ; 2 réservations à
 * venir possibles. » Nothing when no quota holds.
 */
export function QuotaLeft({ spaceId, start }: { spaceId: string; start: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const at = start === null ? null : new Date(start).toISOString();
  const quota = useSpaceQuota(spaceId, at);
  if (!quota.data) return null;
  const { weekMinutesLeft: week, monthMinutesLeft: month, activeBookingsLeft: active } = quota.data;
  const hours = [
    week !== null && t('quotaLeft.week', { duration: formatMinutes(week, lang) }),
    month !== null && t('quotaLeft.month', { duration: formatMinutes(month, lang) }),
  ].filter(Boolean);
  const parts = [
    hours.length > 0 && t('quotaLeft.hours', { parts: hours.join(t('quotaLeft.and')) }),
    active !== null && t(hours.length > 0 ? 'quotaLeft.active' : 'quotaLeft.activeAlone', { count: active }),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  const exhausted = week === 0 || month === 0 || active === 0;
  return (
    <p
      className={`alert ${exhausted ? 'alert--warning' : 'alert--info'}`}
      role="status"
      data-testid="quota-left"
    >
      {parts.join(t('quotaLeft.separator'))}.
    </p>
  );
}
