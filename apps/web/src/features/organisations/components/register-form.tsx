import { useId, useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { LEGAL_FORMS, checkSiret } from '@lieux/contracts';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { formatCalendarDate, localToday } from '../../../lib/calendar-date';
import { useRegisterOrganisation, type RegisterOrganisationResponse } from '../api/register-organisation';
import { CommuneCombobox } from './commune-combobox';
import {
  FIELD_OF,
  esusExpiry,
  registerFormSchema,
  toRegisterRequest,
  type RegisterFormValues,
} from './register-form-schema';

/** API refusals that belong to one field. */
const CODE_FIELD: Partial<Record<string, keyof RegisterFormValues>> = {
  SIRET_TAKEN: 'siret',
  EMAIL_TAKEN: 'email',
  UNKNOWN_COMMUNE: 'communeCode',
  POSTCODE_MISMATCH: 'communeCode',
};

export function RegisterForm({ onSuccess }: { onSuccess: (res: RegisterOrganisationResponse) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const id = useId();
  const schema = useMemo(() => registerFormSchema(t), [t]);
  const {
    register,
    handleSubmit,
    control,
    setError,
    setValue,
    trigger,
    formState: { errors, touchedFields, submitCount },
  } = useForm<RegisterFormValues>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: {
      name: '',
      siret: '',
      legalForm: '',
      rna: '',
      esusApprovedOn: '',
      address: '',
      communeCode: '',
      postcode: '',
      communeName: '',
      displayName: '',
      email: '',
      password: '',
    },
  });
  const [siret, legalForm, esusApprovedOn, communeCode, postcode, communeName] = useWatch({
    control,
    name: ['siret', 'legalForm', 'esusApprovedOn', 'communeCode', 'postcode', 'communeName'],
  });

  const mutation = useRegisterOrganisation({
    onSuccess,
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const field = CODE_FIELD[error.code];
      if (field) {
        setError(field, { type: 'server', message: t(`errors.${error.code}`) }, { shouldFocus: true });
        return;
      }
      if (error.code === 'VALIDATION_FAILED') {
        let first = true;
        for (const e of error.errors) {
          const f = FIELD_OF[e.path.replace(/^body\./, '')];
          if (f) {
            setError(f, { type: 'server', message: e.message }, { shouldFocus: first });
            first = false;
          }
        }
      }
    },
  });

  const onSubmit = handleSubmit((values) => mutation.mutate(toRegisterRequest(values)));

  const describedBy = (name: keyof RegisterFormValues, hint = false) =>
    [hint ? `${id}-${name}-hint` : null, errors[name] ? `${id}-${name}-error` : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const fieldProps = (name: keyof RegisterFormValues, hint = false) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': describedBy(name, hint),
  });
  const fieldError = (name: keyof RegisterFormValues) =>
    errors[name] ? (
      <p className="field__error" id={`${id}-${name}-error`}>
        {errors[name]?.message}
      </p>
    ) : null;

  const siretCheck = checkSiret(siret);
  const expiry = legalForm === 'esus_company' ? esusExpiry(esusApprovedOn) : null;
  const expired = expiry !== null && expiry < localToday();
  const fieldCodeHandled = mutation.error instanceof ApiError && CODE_FIELD[mutation.error.code];

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {mutation.isError && !fieldCodeHandled && (
        <div className="alert alert--error" role="alert">
          <p>{errorMessage(mutation.error, t)}</p>
        </div>
      )}
      {submitCount > 0 && Object.keys(errors).length > 0 && !mutation.isError && (
        <p className="alert alert--error" role="alert">
          {t('register.errors.summary')}
        </p>
      )}

      <fieldset className="fieldset">
        <legend>{t('register.organisation')}</legend>

        <div className="field">
          <label htmlFor={`${id}-name`}>{t('register.name')}</label>
          <input type="text" autoComplete="organization" {...fieldProps('name')} {...register('name')} />
          {fieldError('name')}
        </div>

        <div className="field field--medium">
          <label htmlFor={`${id}-siret`}>{t('register.siret')}</label>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            {...fieldProps('siret', true)}
            {...register('siret', {
              onChange: (e: { target: { value: string } }) => {
                // As soon as 14 digits are in, say whether the SIRET exists, without waiting for the blur.
                if (e.target.value.replace(/\D/g, '').length >= 14 || touchedFields.siret)
                  void trigger('siret');
              },
            })}
          />
          <p className="field__hint" id={`${id}-siret-hint`} aria-live="polite">
            {siretCheck.valid && !errors.siret ? (
              <span className="field__ok">
                {t('register.siretValid', { siren: siretCheck.siren.replace(/(\d{3})(?=\d)/g, '$1 ') })}
              </span>
            ) : (
              t('register.siretHint')
            )}
          </p>
          {fieldError('siret')}
        </div>

        <div className="field field--medium">
          <label htmlFor={`${id}-legalForm`}>{t('register.legalForm')}</label>
          <select {...fieldProps('legalForm')} {...register('legalForm')}>
            <option value="">{t('register.chooseLegalForm')}</option>
            {LEGAL_FORMS.map((f) => (
              <option key={f} value={f}>
                {t(`legalForms.${f}`)}
              </option>
            ))}
          </select>
          {fieldError('legalForm')}
        </div>

        {legalForm === 'association' && (
          <div className="field field--medium">
            <label htmlFor={`${id}-rna`}>{t('register.rna')}</label>
            <input
              type="text"
              autoComplete="off"
              spellCheck={false}
              {...fieldProps('rna', true)}
              {...register('rna', {
                onChange: (e: { target: { value: string } }) => {
                  if (e.target.value.trim().length >= 10 || touchedFields.rna) void trigger('rna');
                },
              })}
            />
            <p className="field__hint" id={`${id}-rna-hint`}>
              {t('register.rnaHint')}
            </p>
            {fieldError('rna')}
          </div>
        )}

        {legalForm === 'esus_company' && (
          <div className="field field--medium">
            <label htmlFor={`${id}-esusApprovedOn`}>{t('register.esusApprovedOn')}</label>
            <input type="date" {...fieldProps('esusApprovedOn', true)} {...register('esusApprovedOn')} />
            <p className="field__hint" id={`${id}-esusApprovedOn-hint`} aria-live="polite">
              {expiry
                ? t(expired ? 'register.esusExpired' : 'register.esusExpires', {
                    date: formatCalendarDate(expiry, lang),
                  })
                : t('register.esusHint')}
            </p>
            {fieldError('esusApprovedOn')}
          </div>
        )}

        <div className="field">
          <label htmlFor={`${id}-address`}>{t('register.address')}</label>
          <input
            type="text"
            autoComplete="street-address"
            {...fieldProps('address')}
            {...register('address')}
          />
          {fieldError('address')}
        </div>

        <Controller
          control={control}
          name="communeCode"
          render={({ field, fieldState }) => (
            <CommuneCombobox
              id={`${id}-communeCode`}
              label={t('register.commune.label')}
              hint={t('register.commune.hint')}
              value={communeCode ? { communeCode, postcode, name: communeName } : null}
              error={fieldState.error?.message}
              onBlur={field.onBlur}
              onChange={(choice) => {
                field.onChange(choice?.communeCode ?? '');
                setValue('postcode', choice?.postcode ?? '');
                setValue('communeName', choice?.name ?? '');
                if (choice) void trigger('communeCode');
              }}
            />
          )}
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('register.admin')}</legend>
        <p className="field__hint">{t('register.adminHint')}</p>
        <div className="field">
          <label htmlFor={`${id}-displayName`}>{t('register.displayName')}</label>
          <input
            type="text"
            autoComplete="name"
            {...fieldProps('displayName')}
            {...register('displayName')}
          />
          {fieldError('displayName')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('register.email')}</label>
          <input type="email" autoComplete="email" {...fieldProps('email')} {...register('email')} />
          {fieldError('email')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('register.password')}</label>
          <input
            type="password"
            autoComplete="new-password"
            {...fieldProps('password', true)}
            {...register('password')}
          />
          <p className="field__hint" id={`${id}-password-hint`}>
            {t('register.passwordHint')}
          </p>
          {fieldError('password')}
        </div>
      </fieldset>

      <div>
        <button className="button button--primary" type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('register.submitting') : t('register.submit')}
        </button>
      </div>
    </form>
  );
}
