import { useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { LEGAL_FORMS, checkSiret } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { formatCalendarDate } from '../../../lib/calendar-date';
import { todayIn } from '../../../lib/wall-clock';
import { useRegisterOrganisation, type RegisterOrganisationResponse } from '../api/register-organisation';
import { CommuneCombobox } from '../../../components/commune-combobox';
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

  const message = (name: keyof RegisterFormValues) => errors[name]?.message;

  const siretCheck = checkSiret(siret);
  const expiry = legalForm === 'esus_company' ? esusExpiry(esusApprovedOn) : null;
  const expired = expiry !== null && expiry < todayIn('Europe/Paris');
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

        <Field label={t('register.name')} error={message('name')}>
          {(c) => <input {...c} type="text" autoComplete="organization" {...register('name')} />}
        </Field>

        <Field
          className="field--medium"
          label={t('register.siret')}
          liveHint
          hint={
            siretCheck.valid && !errors.siret ? (
              <span className="field__ok">
                {t('register.siretValid', { siren: siretCheck.siren.replace(/(\d{3})(?=\d)/g, '$1 ') })}
              </span>
            ) : (
              t('register.siretHint')
            )
          }
          error={message('siret')}
        >
          {(c) => (
            <input
              {...c}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              {...register('siret', {
                onChange: (e: { target: { value: string } }) => {
                  // As soon as 14 digits are in, say whether the SIRET exists, without waiting for the blur.
                  if (e.target.value.replace(/\D/g, '').length >= 14 || touchedFields.siret)
                    void trigger('siret');
                },
              })}
            />
          )}
        </Field>

        <Field className="field--medium" label={t('register.legalForm')} error={message('legalForm')}>
          {(c) => (
            <select {...c} {...register('legalForm')}>
              <option value="">{t('register.chooseLegalForm')}</option>
              {LEGAL_FORMS.map((f) => (
                <option key={f} value={f}>
                  {t(`legalForms.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>

        {legalForm === 'association' && (
          <Field
            className="field--medium"
            label={t('register.rna')}
            hint={t('register.rnaHint')}
            error={message('rna')}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                autoComplete="off"
                spellCheck={false}
                {...register('rna', {
                  onChange: (e: { target: { value: string } }) => {
                    if (e.target.value.trim().length >= 10 || touchedFields.rna) void trigger('rna');
                  },
                })}
              />
            )}
          </Field>
        )}

        {legalForm === 'esus_company' && (
          <Field
            className="field--medium"
            label={t('register.esusApprovedOn')}
            liveHint
            hint={
              expiry
                ? t(expired ? 'register.esusExpired' : 'register.esusExpires', {
                    date: formatCalendarDate(expiry, lang),
                  })
                : t('register.esusHint')
            }
            error={message('esusApprovedOn')}
          >
            {(c) => <input {...c} type="date" {...register('esusApprovedOn')} />}
          </Field>
        )}

        <Field label={t('register.address')} error={message('address')}>
          {(c) => <input {...c} type="text" autoComplete="street-address" {...register('address')} />}
        </Field>

        <Controller
          control={control}
          name="communeCode"
          render={({ field, fieldState }) => (
            <CommuneCombobox
              label={t('communePicker.label')}
              hint={t('communePicker.hint')}
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
        <Field label={t('register.displayName')} error={message('displayName')}>
          {(c) => <input {...c} type="text" autoComplete="name" {...register('displayName')} />}
        </Field>
        <Field label={t('register.email')} error={message('email')}>
          {(c) => <input {...c} type="email" autoComplete="email" {...register('email')} />}
        </Field>
        <Field label={t('register.password')} hint={t('register.passwordHint')} error={message('password')}>
          {(c) => <input {...c} type="password" autoComplete="new-password" {...register('password')} />}
        </Field>
      </fieldset>

      <div>
        <button className="button button--primary" type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('register.submitting') : t('register.submit')}
        </button>
      </div>
    </form>
  );
}
