import '../../../styles/free-periods.css';
import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { formatTime, type Period } from '@lieux/scheduling';
import { FreePeriods } from '../../../components/free-periods';
import { bookableFree, slotVerdict, type DayAvailability } from '../../../lib/day-availability';
import { currentLanguage } from '../../../lib/i18n';

/**
 * What the booking form knows of the chosen day before sending: whether the typed period is free, taken
 * (then the waiting list is offered) or outside the opening hours, said in a live region; and the day's
 * free periods, each filling the times when chosen.
 */
export function SlotCheck({
  space,
  day,
  status,
  period,
  now,
  onPick,
  onWaitlist,
}: {
  space: Space;
  day: DayAvailability | null;
  status: 'ready' | 'closed' | 'loading' | 'error';
  /** The typed period, when complete. */
  period: Period | null;
  now: number;
  onPick: (period: Period) => void;
  /** Join the waiting list for the typed period; absent when the person may not. */
  onWaitlist?: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const timeZone = space.site.timeZone;
  const time = (ms: number) => formatTime(ms, timeZone, lang);
  const ranges = (list: Period[]) =>
    new Intl.ListFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }).format(
      list.map((p) => t('slotCheck.range', { start: time(p.start), end: time(p.end) })),
    );

  const known = day && period && day.day.start <= period.start && period.end <= day.day.end;
  const verdict = known && period.start >= now ? slotVerdict(period, day) : null;
  let message = null;
  if (verdict?.kind === 'taken')
    message = (
      <>
        <strong>{t('slotCheck.taken')}</strong> {t('slotCheck.takenBusy', { ranges: ranges(verdict.busy) })}{' '}
        {t(onWaitlist ? 'slotCheck.takenAdviceWaitlist' : 'slotCheck.takenAdvice')}
      </>
    );
  else if (verdict?.kind === 'closedDay') message = <strong>{t('slotCheck.closedDay')}</strong>;
  else if (verdict?.kind === 'closed')
    message = (
      <>
        <strong>{t('slotCheck.closed')}</strong> {t('slotCheck.openHours', { ranges: ranges(verdict.open) })}
      </>
    );
  else if (verdict?.kind === 'free') message = t('slotCheck.free');

  const refused = verdict !== null && verdict.kind !== 'free';
  return (
    <div className="slot-check">
      <div
        role="status"
        className={
          refused ? 'slot-check__verdict alert alert--warning' : message ? 'slot-check__verdict' : undefined
        }
      >
        {message && <p>{message}</p>}
      </div>
      {verdict?.kind === 'taken' && onWaitlist && (
        <p>
          <button type="button" className="button button--secondary" onClick={onWaitlist}>
            {t('slotCheck.joinWaitlist')}
          </button>
        </p>
      )}
      <FreePeriods
        periods={day ? bookableFree(day, space.policy, now) : []}
        timeZone={timeZone}
        status={status}
        onPick={onPick}
      />
    </div>
  );
}
