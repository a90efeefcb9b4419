import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { todayIn } from '../../../lib/wall-clock';
import { useHolidays, useSetHolidayOpenings, type SiteHoliday } from '../api/holidays';
import { formatCalendarDate } from './format';

function HolidayList({ site, year, holidays }: { site: Site; year: number; holidays: SiteHoliday[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => new Set(holidays.filter((h) => h.open).map((h) => h.date)));
  const [saved, setSaved] = useState(false);
  const mutation = useSetHolidayOpenings({ onSuccess: () => setSaved(true) });
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        mutation.mutate({ siteId: site.id, year, dates: [...open].sort() });
      }}
    >
      {holidays.length === 0 ? (
        <p className="muted">{t('manage.holidays.none')}</p>
      ) : (
        <ul className="holiday-list">
          {holidays.map((h) => (
            <li key={h.date}>
              <span>
                <strong>{h.name}</strong> <span className="muted">· {formatCalendarDate(h.date)}</span>
              </span>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={open.has(h.date)}
                  aria-label={t('manage.holidays.openLabel', { name: h.name })}
                  onChange={(e) => {
                    setSaved(false);
                    setOpen((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(h.date);
                      else next.delete(h.date);
                      return next;
                    });
                  }}
                />{' '}
                <span aria-hidden="true">{t('manage.holidays.open')}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div role="status">{saved && <p className="alert alert--success">{t('manage.holidays.saved')}</p>}</div>
      {mutation.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          {t('manage.holidays.save')}
        </button>
      </div>
    </form>
  );
}

/** The public holidays of the year for the site's département, each with "ouvert ce jour-là". */
export function HolidaysPanel({ site }: { site: Site }) {
  const { t } = useTranslation();
  const thisYear = Number(todayIn(site.timeZone).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const holidays = useHolidays(site.id, year);
  return (
    <div className="stack">
      <Field className="field--narrow" label={t('manage.holidays.year')}>
        {(c) => (
          <select {...c} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear, thisYear + 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        )}
      </Field>
      {holidays.isPending && <p role="status">{t('common.loading')}</p>}
      {holidays.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(holidays.error, t)}
        </p>
      )}
      {holidays.data && <HolidayList key={year} site={site} year={year} holidays={holidays.data.items} />}
    </div>
  );
}
