import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import { Field } from '../../../components/field';
import { errorMessage } from '../../../lib/error-message';
import { useRequestPasswordReset } from '../api/password-reset';

const Schema = z.object({
  email: z.email({ error: 'login.errors.email' }).max(254, { error: 'login.errors.email' }),
});
type Values = z.infer<typeof Schema>;

/** Asks for a reset link; the answer never tells whether the address has an account. */
export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const mutation = useRequestPasswordReset();
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { email: '' } });

  if (mutation.isSuccess) {
    return (
      <div className="alert alert--success" role="status">
        <p>
          <strong>{t('forgotPassword.sentTitle')}</strong>
        </p>
        <p>{t('forgotPassword.sent', { email: getValues('email') })}</p>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={handleSubmit((v) => mutation.mutate(v))} noValidate>
      {mutation.isError && (
        <div className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </div>
      )}
      <Field label={t('login.email')} error={errors.email && t(errors.email.message ?? 'login.errors.email')}>
        {(c) => <input {...c} type="email" autoComplete="email" {...register('email')} />}
      </Field>
      <button className="button button--primary" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('forgotPassword.submitting') : t('forgotPassword.submit')}
      </button>
    </form>
  );
}
