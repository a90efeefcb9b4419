import '../../../lib/zod';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseSheetInput, EQUIPMENT, SPACE_KINDS, type Equipment, type SpaceKind } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { toCaseSheetInput, type CaseSheetFormValues } from './project-values';

type Errors = Partial<Record<keyof CaseSheetFormValues, string>>;

/**
 * The case sheet "à essaimer": what, for whom, and what it needs (kind of space, m², people, hours a week,
 * equipment, partners). The delegate writes it; the organisation may amend it before accepting.
 */
export function CaseSheetForm({
  initial,
  heading,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  children,
}: {
  initial: CaseSheetFormValues;
  heading: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (sheet: CaseSheetInput) => void;
  onCancel?: () => void;
  /** More to choose before sending (the organisation's "public" choice). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof CaseSheetFormValues>(key: K, value: CaseSheetFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = CaseSheetInput.safeParse(toCaseSheetInput(values));
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0]) as keyof CaseSheetFormValues;
        next[key] ??= ['minAreaM2', 'attendees', 'hoursPerWeek'].includes(key)
          ? t('projects.caseSheet.errors.number')
          : issue.message;
      }
      setErrors(next);
      const first = Object.keys(next)[0];
      document.getElementById(`case-sheet-${first}`)?.focus();
      return;
    }
    setErrors({});
    onSubmit(parsed.data);
  };

  const text = (key: 'what' | 'forWhom' | 'partners', rows: number, max: number) => (
    <Field
      id={`case-sheet-${key}`}
      label={t(`projects.caseSheet.${key}`)}
      hint={key === 'partners' ? t('projects.caseSheet.partnersHint') : undefined}
      error={errors[key]}
    >
      {(c) => (
        <textarea
          {...c}
          rows={rows}
          maxLength={max}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );
  const number = (key: 'minAreaM2' | 'attendees' | 'hoursPerWeek') => (
    <Field
      id={`case-sheet-${key}`}
      className="field--narrow"
      label={t(`projects.caseSheet.${key}`)}
      error={errors[key]}
    >
      {(c) => (
        <input
          {...c}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form
      className="form panel panel--form case-sheet-form"
      onSubmit={submit}
      noValidate
      aria-label={heading}
    >
      <h3>{heading}</h3>
      {error !== null && error !== undefined && (
        <p className="alert alert--error" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      {text('what', 3, 1000)}
      {text('forWhom', 2, 500)}
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('projects.caseSheet.needs')}</legend>
        <Field
          id="case-sheet-kind"
          className="field--medium"
          label={t('projects.caseSheet.kind')}
          error={errors.kind}
        >
          {(c) => (
            <select
              {...c}
              value={values.kind}
              onChange={(e) => set('kind', e.target.value as SpaceKind | '')}
            >
              <option value="">{t('projects.caseSheet.anyKind')}</option>
              {SPACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`spaces.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form__row">
          {number('minAreaM2')}
          {number('attendees')}
          {number('hoursPerWeek')}
        </div>
        <fieldset className="fieldset fieldset--plain">
          <legend className="legend">{t('projects.caseSheet.equipment')}</legend>
          <div className="choices choices--grid">
            {EQUIPMENT.map((eq) => (
              <label key={eq} className="choice">
                <input
                  type="checkbox"
                  checked={values.equipment.includes(eq)}
                  onChange={(e) =>
                    set(
                      'equipment',
                      e.target.checked
                        ? [...values.equipment, eq]
                        : values.equipment.filter((x: Equipment) => x !== eq),
                    )
                  }
                />{' '}
                {t(`spaces.equipment.${eq}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>
      {text('partners', 2, 1000)}
      {children}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
