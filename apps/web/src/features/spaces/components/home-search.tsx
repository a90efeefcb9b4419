import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/field';

export interface HomeSearchValues {
  q: string;
  date: string;
  start: string;
  end: string;
}

type Errors = Partial<Record<keyof HomeSearchValues, string>>;

/**
 * The home page's search, in the search page's own parameters (`commune`, `date`, `debut`, `fin`: see
 * search-filters.ts). Written out here rather than imported: the search's filters bring the date library
 * with them, and the home page must stay light.
 */
export function homeSearchPath(v: HomeSearchValues): string {
  const params = new URLSearchParams();
  if (v.q.trim()) params.set('commune', v.q.trim());
  if (v.date) params.set('date', v.date);
  if (v.start) params.set('debut', v.start);
  if (v.end) params.set('fin', v.end);
  const query = params.toString();
  return query ? `/espaces?${query}` : '/espaces';
}

/** The search page's rules: a place of two letters at least; a date goes with a time window, and back. */
export function homeSearchErrors(v: HomeSearchValues): Errors {
  const errors: Errors = {};
  if (v.q.trim().length === 1) errors.q = 'home.search.errors.q';
  const any = v.date || v.start || v.end;
  if (any && !v.date) errors.date = 'home.search.errors.date';
  if (any && !v.start) errors.start = 'home.search.errors.time';
  if (any && !v.end) errors.end = 'home.search.errors.time';
  if (v.start && v.end && v.end <= v.start) errors.end = 'home.search.errors.endBeforeStart';
  return errors;
}

const FIELDS: readonly (keyof HomeSearchValues)[] = ['q', 'date', 'start', 'end'];

/** A commune or postcode and, if wished, a date and times: leads to the search page with those filters. */
export function HomeSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Errors>({});

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const field = (k: keyof HomeSearchValues) => String(data.get(k) ?? '');
    const values: HomeSearchValues = {
      q: field('q'),
      date: field('date'),
      start: field('start'),
      end: field('end'),
    };
    const found = homeSearchErrors(values);
    setErrors(found);
    const first = FIELDS.find((k) => found[k]);
    if (first) {
      form.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    void navigate(homeSearchPath(values));
  };

  const error = (name: keyof HomeSearchValues) => (errors[name] ? t(errors[name]) : undefined);

  return (
    <form
      className="home-search"
      role="search"
      aria-label={t('home.search.label')}
      noValidate
      onSubmit={onSubmit}
    >
      <Field label={t('home.search.q')} error={error('q')} className="home-search__place">
        {(c) => (
          <input
            {...c}
            name="q"
            type="search"
            autoComplete="address-level2"
            placeholder={t('home.search.qPlaceholder')}
            maxLength={80}
          />
        )}
      </Field>
      <Field label={t('home.search.date')} error={error('date')} className="home-search__date">
        {(c) => <input {...c} name="date" type="date" />}
      </Field>
      <Field label={t('home.search.start')} error={error('start')} className="field--narrow">
        {(c) => <input {...c} name="start" type="time" step={900} />}
      </Field>
      <Field label={t('home.search.end')} error={error('end')} className="field--narrow">
        {(c) => <input {...c} name="end" type="time" step={900} />}
      </Field>
      <button type="submit" className="button button--primary home-search__submit">
        {t('home.search.submit')}
      </button>
      <p className="home-search__note muted">{t('home.search.timeZoneNote')}</p>
    </form>
  );
}
