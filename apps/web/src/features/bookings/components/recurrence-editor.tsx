import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buildRule,
  describeSeries,
  MAX_SERIES_OCCURRENCES,
  SeriesRuleError,
  type Language,
} from '@lieux/scheduling';

export interface Recurrence {
  enabled: boolean;
  kind: 'weekly' | 'monthlyByDate' | 'monthlyByWeekday';
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[];
  endKind: 'until' | 'count';
  until: string;
  /** NaN until the person types one: how many times is theirs to say, never a default. */
  count: number;
}

export const NO_RECURRENCE: Recurrence = {
  enabled: false,
  kind: 'weekly',
  weekdays: [],
  endKind: 'count',
  until: '',
  count: Number.NaN,
};

/** Why the end of the repetition is not usable yet, if it is not. */
export function endProblem(r: Recurrence): 'countMissing' | 'countRange' | 'untilMissing' | null {
  if (r.endKind === 'until') return /^\d{4}-\d{2}-\d{2}$/.test(r.until) ? null : 'untilMissing';
  if (!Number.isFinite(r.count)) return 'countMissing';
  return Number.isInteger(r.count) && r.count >= 1 && r.count <= MAX_SERIES_OCCURRENCES ? null : 'countRange';
}

export type RecurrenceRule =
  { rrule: string; summary: string } | { error: 'needsSlot' | 'needsEnd' | 'invalid'; message?: string };

/** The RRULE value and its words for the first slot, or why it cannot be built yet. */
export function recurrenceRule(
  r: Recurrence,
  first: { start: number; end: number } | null,
  timeZone: string,
  lang: Language,
): RecurrenceRule {
  if (!first) return { error: 'needsSlot' };
  if (endProblem(r)) return { error: 'needsEnd' };
  const end = r.endKind === 'until' ? { until: r.until } : { count: r.count };
  try {
    const rrule = buildRule({ kind: r.kind, weekdays: r.weekdays }, end, first.start, timeZone);
    return {
      rrule,
      summary: describeSeries({ firstStart: first.start, firstEnd: first.end, rrule, timeZone }, lang),
    };
  } catch (err) {
    return { error: 'invalid', message: err instanceof SeriesRuleError ? err.message : undefined };
  }
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** "Répéter": weekly on chosen weekdays or monthly, until a date or N times, with the rule in words. */
export function RecurrenceEditor({
  value,
  onChange,
  rule,
  minDate,
  firstWeekday,
}: {
  value: Recurrence;
  onChange: (r: Recurrence) => void;
  /** What `recurrenceRule` made of `value`: its words, or why it is refused. */
  rule: RecurrenceRule | null;
  minDate: string;
  /** The first date's ISO weekday: always part of a weekly series, so shown ticked. */
  firstWeekday?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<Recurrence>) => onChange({ ...value, ...patch });
  // The end's error shows once the person has left its field (or chosen the other way to end).
  const [endTouched, setEndTouched] = useState(false);
  const problem = endProblem(value);
  const endError =
    endTouched && problem ? t(`recurrence.problem.${problem}`, { max: MAX_SERIES_OCCURRENCES }) : null;
  const countError = value.endKind === 'count' ? endError : null;
  const untilError = value.endKind === 'until' ? endError : null;
  const summary = !rule
    ? null
    : 'summary' in rule
      ? rule.summary
      : rule.error === 'needsEnd' && problem
        ? t(`recurrence.problem.${problem}`, { max: MAX_SERIES_OCCURRENCES })
        : rule.message || null;

  return (
    <fieldset className="fieldset recurrence">
      <legend className="visually-hidden">{t('recurrence.legend')}</legend>
      <div className="field field--checkbox">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        <label htmlFor={`${id}-enabled`}>{t('recurrence.repeat')}</label>
      </div>
      {value.enabled && (
        <>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('recurrence.frequency')}</label>
            <select
              id={`${id}-kind`}
              value={value.kind}
              onChange={(e) => set({ kind: e.target.value as Recurrence['kind'] })}
            >
              <option value="weekly">{t('recurrence.weekly')}</option>
              <option value="monthlyByDate">{t('recurrence.monthlyByDate')}</option>
              <option value="monthlyByWeekday">{t('recurrence.monthlyByWeekday')}</option>
            </select>
          </div>
          {value.kind === 'weekly' && (
            <fieldset className="fieldset weekdays">
              <legend>{t('recurrence.weekdays')}</legend>
              {WEEKDAYS.map((d) => (
                <label key={d} className="weekday">
                  <input
                    type="checkbox"
                    checked={value.weekdays.includes(d) || d === firstWeekday}
                    disabled={d === firstWeekday}
                    onChange={(e) =>
                      set({
                        weekdays: e.target.checked
                          ? [...value.weekdays, d]
                          : value.weekdays.filter((w) => w !== d),
                      })
                    }
                  />
                  {t(`recurrence.day.${d}`)}
                </label>
              ))}
              <p className="field__hint">{t('recurrence.weekdaysHint')}</p>
            </fieldset>
          )}
          <fieldset className="fieldset">
            <legend>{t('recurrence.ends')}</legend>
            <div className="form__row">
              <label className="radio">
                <input
                  type="radio"
                  name={`${id}-end`}
                  checked={value.endKind === 'count'}
                  onChange={() => set({ endKind: 'count' })}
                />
                {t('recurrence.after')}
              </label>
              <input
                id={`${id}-count`}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_SERIES_OCCURRENCES}
                aria-label={t('recurrence.count')}
                aria-invalid={countError ? true : undefined}
                aria-describedby={countError ? `${id}-end-error` : undefined}
                value={Number.isFinite(value.count) ? value.count : ''}
                disabled={value.endKind !== 'count'}
                onChange={(e) => set({ count: e.target.valueAsNumber })}
                onBlur={() => setEndTouched(true)}
                className="input--narrow"
              />
              <span>{t('recurrence.times')}</span>
            </div>
            <div className="form__row">
              <label className="radio">
                <input
                  type="radio"
                  name={`${id}-end`}
                  checked={value.endKind === 'until'}
                  onChange={() => set({ endKind: 'until' })}
                />
                {t('recurrence.until')}
              </label>
              <input
                type="date"
                min={minDate}
                aria-label={t('recurrence.untilDate')}
                aria-invalid={untilError ? true : undefined}
                aria-describedby={untilError ? `${id}-end-error` : undefined}
                value={value.until}
                disabled={value.endKind !== 'until'}
                onChange={(e) => set({ until: e.target.value })}
                onBlur={() => setEndTouched(true)}
              />
            </div>
            {endError && (
              <p className="field__error" id={`${id}-end-error`}>
                {endError}
              </p>
            )}
          </fieldset>
          <p className="dialog__summary" aria-live="polite" data-testid="recurrence-summary">
            {summary ?? t('recurrence.incomplete')}
          </p>
        </>
      )}
    </fieldset>
  );
}
