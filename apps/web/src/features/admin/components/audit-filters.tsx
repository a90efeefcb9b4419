import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { currentLanguage } from '../../../lib/i18n';
import type { AuditFilters as Filters } from '../api/get-audit';

/** `booking` or `booking.cancel` from the two filters, and back. */
const whatOf = (f: Filters) => (f.action ? `${f.entity}.${f.action}` : f.entity);

/** Who, what and when: applied when sent, so that the address (and the CSV export) carries them. */
export function AuditFilters({ value, onApply }: { value: Filters; onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [draft, setDraft] = useState({
    actor: value.actor,
    what: whatOf(value),
    from: value.from,
    to: value.to,
  });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setError(t('audit.filters.toBeforeFrom'));
      return;
    }
    setError(null);
    const [entity = '', action = ''] = draft.what.split('.');
    onApply({ actor: draft.actor.trim(), entity, action, from: draft.from, to: draft.to });
  };

  return (
    <form
      className="audit-filters"
      role="search"
      aria-label={t('audit.filters.label')}
      noValidate
      onSubmit={submit}
    >
      <Field label={t('audit.filters.actor')} hint={t('audit.filters.actorHint')}>
        {(c) => <input {...c} type="search" value={draft.actor} onChange={set('actor')} autoComplete="off" />}
      </Field>
      <Field label={t('audit.filters.what')}>
        {(c) => (
          <select {...c} value={draft.what} onChange={set('what')}>
            <option value="">{t('audit.filters.everything')}</option>
            {Object.entries(AUDIT_ENTITIES).map(([entity, words]) => (
              <optgroup key={entity} label={words[lang]}>
                <option value={entity}>{t('audit.filters.allOf', { what: words[lang] })}</option>
                {Object.entries(AUDIT_ACTIONS)
                  .filter(([key]) => key.startsWith(`${entity}.`))
                  .map(([key, action]) => (
                    <option key={key} value={key}>
                      {action[lang]}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('audit.filters.from')} error={error}>
        {(c) => <input {...c} type="date" value={draft.from} onChange={set('from')} />}
      </Field>
      <Field label={t('audit.filters.to')}>
        {(c) => <input {...c} type="date" value={draft.to} onChange={set('to')} />}
      </Field>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          {t('audit.filters.apply')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDraft({ actor: '', what: '', from: '', to: '' });
            setError(null);
            onApply({ actor: '', entity: '', action: '', from: '', to: '' });
          }}
        >
          {t('audit.filters.clear')}
        </button>
      </div>
    </form>
  );
}
