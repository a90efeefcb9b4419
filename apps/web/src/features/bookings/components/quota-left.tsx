import { useSpaceQuota } from '../../../api/space-quota';

/**
 * What the organisation may still book at the space under the fair-use quotas, for the week and month of
 * the chosen start, in the API's words (« Il vous reste 6 h cette semaine et 14 h ce mois-ci sur ce site ;
 * 2 réservations à venir possibles. »), so that the search's first pages carry no words for it. Nothing
 * when no quota holds.
 */
export function QuotaLeft({ spaceId, start }: { spaceId: string; start: number | null }) {
  const at = start === null ? null : new Date(start).toISOString();
  const quota = useSpaceQuota(spaceId, at);
  if (!quota.data?.summary) return null;
  const { weekMinutesLeft: week, monthMinutesLeft: month, activeBookingsLeft: active } = quota.data;
  const exhausted = week === 0 || month === 0 || active === 0;
  return (
    <p className={`alert ${exhausted ? 'alert--warning' : 'alert--info'}`} role="status">
      {quota.data.summary}
    </p>
  );
}
