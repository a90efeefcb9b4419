import { useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import { STAFF_ROLES, type User } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useCreateUser } from '../api/create-user';
import { useRegions } from '../api/regions';

const Schema = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(2, 'adminAccounts.errors.displayName')
      .max(100, 'adminAccounts.errors.tooLong'),
    email: z.email({ error: 'login.errors.email' }).max(254, { error: 'login.errors.email' }),
    role: z.enum(STAFF_ROLES),
    regionCode: z.string(),
    siteIds: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'delegate' && !v.regionCode) {
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: 'adminAccounts.errors.region' });
    }
    if (v.role === 'site_manager' && v.siteIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['siteIds'], message: 'adminAccounts.errors.sites' });
    }
  });
type Values = z.infer<typeof Schema>;

export interface SiteOption {
  id: string;
  name: string;
  commune: string;
}

/** Creates a La Poste staff account: site manager (with its sites), delegate (with its region) or admin. */
export function CreateUserForm({ sites }: { sites: SiteOption[] }) {
  const { t } = useTranslation();
  const id = useId();
  const regions = useRegions();
  const [created, setCreated] = useState<User | null>(null);
  const {
    register,
    handleSubmit,
    control,
    reset,
    setError,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(Schema),
    defaultValues: { displayName: '', email: '', role: 'site_manager', regionCode: '', siteIds: [] },
  });
  const role = useWatch({ control, name: 'role' });
  const mutation = useCreateUser({
    onSuccess: (u) => {
      setCreated(u);
      reset();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'EMAIL_TAKEN') {
        setError('email', { type: 'server', message: 'errors.EMAIL_TAKEN' }, { shouldFocus: true });
      }
    },
  });
  const sortedSites = useMemo(() => [...sites].sort((a, b) => a.name.localeCompare(b.name, 'fr')), [sites]);

  const message = (name: keyof Values) => errors[name]?.message && t(errors[name].message);

  return (
    <form
      className="form"
      noValidate
      onSubmit={handleSubmit((v) => {
        setCreated(null);
        mutation.mutate({
          displayName: v.displayName.trim(),
          email: v.email.trim(),
          role: v.role,
          ...(v.role === 'delegate' ? { regionCode: v.regionCode } : {}),
          ...(v.role === 'site_manager' ? { siteIds: v.siteIds } : {}),
        });
      })}
    >
      <div role="status">
        {created && (
          <p className="alert alert--success">
            {t('adminAccounts.created', { name: created.displayName, email: created.email })}
          </p>
        )}
      </div>
      {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.code === 'EMAIL_TAKEN') && (
        <p className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </p>
      )}
      <Field label={t('adminAccounts.displayName')} error={message('displayName')}>
        {(c) => <input {...c} type="text" autoComplete="off" {...register('displayName')} />}
      </Field>
      <Field label={t('adminAccounts.email')} error={message('email')}>
        {(c) => <input {...c} type="email" autoComplete="off" {...register('email')} />}
      </Field>
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('adminAccounts.role')}</legend>
        <div className="choices">
          {STAFF_ROLES.map((r) => (
            <label key={r} className="choice">
              <input type="radio" value={r} {...register('role')} /> {t(`roles.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {role === 'delegate' && (
        <Field className="field--medium" label={t('adminAccounts.region')} error={message('regionCode')}>
          {(c) => (
            <select {...c} {...register('regionCode')}>
              <option value="">{t('adminAccounts.chooseRegion')}</option>
              {regions.data?.items.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {role === 'site_manager' && (
        <fieldset
          className="fieldset fieldset--plain"
          aria-describedby={errors.siteIds ? `${id}-siteIds-error` : undefined}
        >
          <legend>{t('adminAccounts.sites')}</legend>
          {sortedSites.length === 0 ? (
            <p className="muted">{t('adminAccounts.noSites')}</p>
          ) : (
            <div className="choices choices--grid">
              {sortedSites.map((s) => (
                <label key={s.id} className="choice">
                  <input type="checkbox" value={s.id} {...register('siteIds')} /> {s.name}
                  <span className="muted"> · {s.commune}</span>
                </label>
              ))}
            </div>
          )}
          {message('siteIds') && (
            <p className="field__error" id={`${id}-siteIds-error`}>
              {message('siteIds')}
            </p>
          )}
        </fieldset>
      )}
      <p className="form__hint">{t('adminAccounts.hint')}</p>
      <div>
        <button className="button button--primary" type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('adminAccounts.submitting') : t('adminAccounts.submit')}
        </button>
      </div>
    </form>
  );
}
