import '../../../lib/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  CreateProjectRequest,
  ESS_THEMES,
  LA_POSTE_SERVICES,
  type Project,
  type UpdateProjectRequest,
} from '@lieux/contracts';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import {
  EMPTY_PROJECT,
  projectFieldOf,
  projectFormValues,
  toProjectRequest,
  type ProjectFormValues,
} from './project-values';

/**
 * A project described or changed: what it is, its theme, whom it serves, where and when, its partners and
 * the La Poste services it uses. Checked with the API's own schema before it is sent; the API's field
 * complaints come back under their fields.
 */
export function ProjectForm({
  project,
  pending,
  error,
  onSubmit,
}: {
  /** The project changed; a new one when absent. */
  project?: Project;
  pending: boolean;
  error: unknown;
  onSubmit: (request: CreateProjectRequest | UpdateProjectRequest) => void;
}) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ProjectFormValues>({
    defaultValues: project ? projectFormValues(project) : EMPTY_PROJECT,
    shouldFocusError: true,
  });

  const submit = handleSubmit((values) => {
    const request = toProjectRequest(values);
    const parsed = CreateProjectRequest.safeParse(request);
    let failed = false;
    const seen = new Set<keyof ProjectFormValues>();
    if (values.theme === '') {
      seen.add('theme');
      setError('theme', { message: t('projects.form.errors.theme') }, { shouldFocus: true });
      failed = true;
    }
    if (!values.communeCode.trim() && !values.departementCode.trim()) {
      seen.add('departementCode');
      setError('departementCode', { message: t('projects.form.errors.territory') }, { shouldFocus: !failed });
      failed = true;
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = projectFieldOf(issue.path);
        if (seen.has(field)) continue;
        seen.add(field);
        setError(field, { message: issue.message }, { shouldFocus: !failed });
        failed = true;
      }
    }
    if (failed || !parsed.success) return;
    onSubmit(parsed.data);
  });

  // The API's field complaints (`body.territory.communeCode`), where the schema here let them through.
  const serverError = (field: keyof ProjectFormValues) =>
    error instanceof ApiError
      ? error.errors.find((e) => projectFieldOf(e.path.replace(/^body\./, '').split('.')) === field)?.message
      : undefined;
  const message = (field: keyof ProjectFormValues) => errors[field]?.message ?? serverError(field);

  return (
    <form className="form panel panel--form" onSubmit={submit} noValidate aria-busy={pending}>
      {error !== null && error !== undefined && (
        <p className="alert alert--error" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      <Field label={t('projects.form.title')} error={message('title')}>
        {(c) => <input {...c} type="text" maxLength={120} autoComplete="off" {...register('title')} />}
      </Field>
      <Field className="field--medium" label={t('projects.form.theme')} error={message('theme')}>
        {(c) => (
          <select {...c} {...register('theme')}>
            <option value="">{t('projects.form.chooseTheme')}</option>
            {ESS_THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`essThemes.${theme}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('projects.form.audience')}
        hint={t('projects.form.audienceHint')}
        error={message('audience')}
      >
        {(c) => <input {...c} type="text" maxLength={200} autoComplete="off" {...register('audience')} />}
      </Field>
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('projects.form.territory')}</legend>
        <p className="form__hint">{t('projects.form.territoryHint')}</p>
        <div className="form__row">
          <Field
            className="field--narrow"
            label={t('projects.form.departement')}
            hint={t('projects.form.departementHint')}
            error={message('departementCode')}
          >
            {(c) => (
              <input {...c} type="text" maxLength={3} autoComplete="off" {...register('departementCode')} />
            )}
          </Field>
          <Field
            className="field--narrow"
            label={t('projects.form.commune')}
            hint={t('projects.form.communeHint')}
            error={message('communeCode')}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                maxLength={5}
                inputMode="numeric"
                autoComplete="off"
                {...register('communeCode')}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <div className="form__row">
        <Field label={t('projects.form.startDate')} error={message('startDate')}>
          {(c) => <input {...c} type="date" {...register('startDate')} />}
        </Field>
        <Field
          label={t('projects.form.endDate')}
          hint={t('projects.form.endDateHint')}
          error={message('endDate')}
        >
          {(c) => <input {...c} type="date" {...register('endDate')} />}
        </Field>
      </div>
      <Field
        label={t('projects.form.partners')}
        hint={t('projects.form.partnersHint')}
        error={message('partners')}
      >
        {(c) => <textarea {...c} rows={3} {...register('partners')} />}
      </Field>
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('projects.form.laPosteServices')}</legend>
        <div className="choices choices--grid">
          {LA_POSTE_SERVICES.map((s) => (
            <label key={s} className="choice">
              <input type="checkbox" value={s} {...register('laPosteServices')} />{' '}
              {t(`projects.services.${s}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('projects.form.description')} error={message('description')}>
        {(c) => <textarea {...c} rows={5} maxLength={2000} {...register('description')} />}
      </Field>
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending
            ? t('projects.form.saving')
            : project
              ? t('projects.form.save')
              : t('projects.form.create')}
        </button>
      </div>
    </form>
  );
}
