import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '@lieux/contracts';
import { ApiError } from '../../../lib/api-client';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { useSetOpeningHours, type WeeklyWindow } from '../api/set-opening-hours';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

interface Row {
  key: number;
  weekday: number;
  opens: string;
  closes: string;
}

let nextKey = 1;
const rowsOf = (hours: WeeklyWindow[]): Row[] =>
  [...hours]
    .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
    .map((w) => ({ key: nextKey++, ...w }));

/** The weekly hours of a site, per weekday, with any number of windows a day; saved all at once (PUT). */
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
 * Weekly windows edited per weekday, any number a day, saved all at once: a site's hours, or a space's
 * own. `save` answers the hours as stored; its ApiError names faulty windows by index (`body.N`).
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
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const mutation = { error: failure, isError: failure !== null, isPending: pending };

  // The API names a faulty window by its index in the array sent: `body.3` (or `body.3.closes`).
  const sent = rows;
  const fieldErrors = new Map<number, string>();
  if (mutation.error instanceof ApiError) {
    for (const e of mutation.error.errors) {
      const m = /^body\.(\d+)/.exec(e.path);
      const row = m ? sent[Number(m[1])] : undefined;
      if (row && !fieldErrors.has(row.key)) fieldErrors.set(row.key, e.message);
    }
  }

  const update = (key: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };

  return (
    <form
      className="form hours-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        setFailure(null);
        setPending(true);
        save(rows.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })))
          .then((stored) => {
            setRows(rowsOf(stored));
            setSaved(true);
          })
          .catch(setFailure)
          .finally(() => setPending(false));
      }}
    >
      <p className="muted">{t('manage.hours.intro', { timeZone })}</p>
      {WEEKDAYS.map((weekday) => {
        const day = rows.filter((r) => r.weekday === weekday);
        return (
          <fieldset key={weekday} className="fieldset fieldset--plain hours-day">
            <legend>{t(`manage.weekday.${weekday}`)}</legend>
            {day.length === 0 && <p className="muted">{t('manage.hours.closed')}</p>}
            {day.map((r, i) => {
              const error = fieldErrors.get(r.key);
              const errorId = `${id}-${r.key}-error`;
              const label = t('manage.hours.window', { day: t(`manage.weekday.${weekday}`), n: i + 1 });
              return (
                <div key={r.key} className="hours-window" role="group" aria-label={label}>
                  {(['opens', 'closes'] as const).map((edge) => (
                    <Field key={edge} className="field--narrow" label={t(`manage.hours.${edge}`)}>
                      {(c) => (
                        <input
                          {...c}
                          type="time"
                          step={300}
                          required
                          value={r[edge]}
                          // One message for the window, under both times.
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? errorId : undefined}
                          onChange={(e) => update(r.key, { [edge]: e.target.value })}
                        />
                      )}
                    </Field>
                  ))}
                  <button
                    type="button"
                    className="button button--ghost"
                    aria-label={t('manage.hours.removeLabel', { window: label })}
                    onClick={() => {
                      setSaved(false);
                      setRows((rs) => rs.filter((x) => x.key !== r.key));
                    }}
                  >
                    {t('manage.hours.remove')}
                  </button>
                  {error && (
                    <p className="field__error hours-window__error" id={errorId}>
                      {error}
                    </p>
                  )}
                </div>
              );
            })}
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('manage.hours.addLabel', { day: t(`manage.weekday.${weekday}`) })}
              onClick={() => {
                setSaved(false);
                const last = day[day.length - 1];
                const opens = last ? (last.closes < '14:00' ? '14:00' : last.closes) : '09:00';
                const closes = last ? '18:00' : '12:00';
                setRows((rs) => [...rs, { key: nextKey++, weekday, opens, closes }]);
              }}
            >
              {t('manage.hours.add')}
            </button>
          </fieldset>
        );
      })}
      <div role="status">{saved && <p className="alert alert--success">{t('manage.hours.saved')}</p>}</div>
      {mutation.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {t('manage.hours.save')}
        </button>
      </div>
    </form>
  );
}
