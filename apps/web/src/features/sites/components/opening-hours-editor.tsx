import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '@lieux/contracts';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useSetOpeningHours, type WeeklyWindow } from '../api/set-opening-hours';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const WORKING_DAYS = [1, 2, 3, 4, 5];

export interface Row {
  key: number;
  weekday: number;
  opens: string;
  closes: string;
}

let nextKey = 1;
const sorted = (rows: Row[]) =>
  [...rows].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens) || a.key - b.key);
const rowsOf = (hours: WeeklyWindow[]): Row[] => sorted(hours.map((w) => ({ key: nextKey++, ...w })));

type Problem = 'missing' | 'closesBeforeOpens' | 'overlap';

/**
 * What is wrong with each window, by key: a time missing, a closing not after the opening, or a window
 * starting before the previous one of its day closes. Checked here so that the manager reads it beside
 * the window before anything is sent; the API checks the same.
 */
export function problemsOf(rows: Row[]): Map<number, Problem> {
  const problems = new Map<number, Problem>();
  for (const weekday of WEEKDAYS) {
    // In the order written: a window being typed in does not move under the cursor.
    const day = rows.filter((r) => r.weekday === weekday);
    let previous: Row | undefined;
    for (const r of day) {
      if (!r.opens || !r.closes) problems.set(r.key, 'missing');
      else if (r.closes <= r.opens) problems.set(r.key, 'closesBeforeOpens');
      else if (previous && r.opens < previous.closes) problems.set(r.key, 'overlap');
      if (r.opens && r.closes && r.opens < r.closes && (!previous || r.closes > previous.closes))
        previous = r;
    }
  }
  return problems;
}

/** The weekly hours of a site: one row a day, saved all at once (PUT /sites/{id}/opening-hours). */
export function OpeningHoursEditor({ site }: { site: Site }) {
  const mutation = useSetOpeningHours();
  return (
    <WeeklyHoursForm
      hours={site.openingHours}
      timeZone={site.timeZone}
      save={async (hours) => (await mutation.mutateAsync({ siteId: site.id, hours })).openingHours}
    />
  );
}

/**
 * Weekly windows, one row per day (none: "Fermé"), any number of windows a day, a day's windows copied to
 * the working days in one click; saved all at once: a site's hours, or a space's own. `save` answers the
 * hours as stored; its ApiError names faulty windows by index (`body.N`).
 */
export function WeeklyHoursForm({
  hours,
  timeZone,
  save,
}: {
  hours: WeeklyWindow[];
  timeZone: string;
  save: (hours: WeeklyWindow[]) => Promise<WeeklyWindow[]>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => rowsOf(hours));
  const [sent, setSent] = useState<Row[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  // Problems show once the manager tried to save, then follow each change.
  const [checked, setChecked] = useState(false);

  const problems = checked ? problemsOf(rows) : new Map<number, Problem>();
  const messages = new Map<number, string>(
    [...problems].map(([key, p]) => [key, t(`siteManage.hours.problems.${p}`)]),
  );
  // The API names a faulty window by its index in the array sent: `body.3` (or `body.3.closes`).
  if (failure instanceof ApiError) {
    for (const e of failure.errors) {
      const m = /^body\.(\d+)/.exec(e.path);
      const row = m ? sent[Number(m[1])] : undefined;
      if (row && !messages.has(row.key)) messages.set(row.key, e.message);
    }
  }

  const change = (next: (rs: Row[]) => Row[], said: string | null = null) => {
    setNotice(said);
    setFailure(null);
    setRows(next);
  };
  const dayName = (weekday: number) => t(`manage.weekday.${weekday}`);

  return (
    <form
      className="form hours-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        setNotice(null);
        setFailure(null);
        if (problemsOf(rows).size > 0) {
          // The first faulty time takes the focus: its message is read with it.
          e.currentTarget.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
          return;
        }
        const toSend = sorted(rows);
        setSent(toSend);
        setPending(true);
        save(toSend.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })))
          .then((stored) => {
            setRows(rowsOf(stored));
            setNotice(t('manage.hours.saved'));
          })
          .catch(setFailure)
          .finally(() => setPending(false));
      }}
    >
      <p className="muted">{t('manage.hours.intro', { timeZone })}</p>
      <ul className="hours-days">
        {WEEKDAYS.map((weekday) => {
          // In the order written: a window being typed in does not move under the cursor.
          const day = rows.filter((r) => r.weekday === weekday);
          const dayId = `${id}-day-${weekday}`;
          const dayErrors = day.flatMap((r, i) => {
            const m = messages.get(r.key);
            return m
              ? [{ key: r.key, text: t('siteManage.hours.windowError', { n: i + 1, message: m }) }]
              : [];
          });
          return (
            <li key={weekday} className="hours-day">
              <span className="hours-day__name" id={dayId}>
                {dayName(weekday)}
              </span>
              <div className="hours-day__windows">
                {day.length === 0 && <span className="hours-day__closed">{t('manage.hours.closed')}</span>}
                {day.map((r, i) => {
                  const label = t('manage.hours.window', { day: dayName(weekday), n: i + 1 });
                  const errorId = `${id}-${r.key}-error`;
                  const invalid = messages.has(r.key);
                  return (
                    <span key={r.key} className="hours-window" role="group" aria-label={label}>
                      {(['opens', 'closes'] as const).map((edge) => (
                        <Fragment key={edge}>
                          {edge === 'closes' && <span aria-hidden="true">–</span>}
                          <input
                            type="time"
                            step={300}
                            className="hours-window__time"
                            aria-label={t(`siteManage.hours.${edge}Label`, { window: label })}
                            value={r[edge]}
                            aria-invalid={invalid ? true : undefined}
                            aria-describedby={invalid ? errorId : undefined}
                            onChange={(e) =>
                              change((rs) =>
                                rs.map((x) => (x.key === r.key ? { ...x, [edge]: e.target.value } : x)),
                              )
                            }
                          />
                        </Fragment>
                      ))}
                      <button
                        type="button"
                        className="hours-window__remove"
                        aria-label={t('manage.hours.removeLabel', { window: label })}
                        title={t('manage.hours.remove')}
                        onClick={() => change((rs) => rs.filter((x) => x.key !== r.key))}
                      >
                        <span aria-hidden="true">×</span>
                      </button>
                    </span>
                  );
                })}
              </div>
              <div className="hours-day__actions">
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={t('manage.hours.addLabel', {
                    day: t(`siteManage.weekdayInSentence.${weekday}`),
                  })}
                  onClick={() => {
                    const last = day[day.length - 1];
                    const opens = last ? (last.closes < '14:00' ? '14:00' : last.closes) : '09:00';
                    const closes = last ? (opens < '18:00' ? '18:00' : '23:55') : '12:00';
                    change((rs) => [...rs, { key: nextKey++, weekday, opens, closes }]);
                  }}
                >
                  <span aria-hidden="true">+ </span>
                  {t('siteManage.hours.add')}
                </button>
                {day.length > 0 && (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    aria-label={t('siteManage.hours.copyLabel', {
                      day: t(`siteManage.weekdayInSentence.${weekday}`),
                    })}
                    onClick={() =>
                      change(
                        (rs) => [
                          ...rs.filter((x) => !WORKING_DAYS.includes(x.weekday) || x.weekday === weekday),
                          ...WORKING_DAYS.filter((d) => d !== weekday).flatMap((d) =>
                            day.map((w) => ({ ...w, key: nextKey++, weekday: d })),
                          ),
                        ],
                        t('siteManage.hours.copied', { day: t(`siteManage.weekdayInSentence.${weekday}`) }),
                      )
                    }
                  >
                    {t('siteManage.hours.copy')}
                  </button>
                )}
              </div>
              {dayErrors.map((e) => (
                <p key={e.key} className="field__error hours-day__error" id={`${id}-${e.key}-error`}>
                  {e.text}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
      <div role="status">{notice && <p className="alert alert--success">{notice}</p>}</div>
      {failure !== null && (
        <p className="alert alert--error" role="alert">
          {errorMessage(failure, t)}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('manage.hours.save')}
        </button>
      </div>
    </form>
  );
}
