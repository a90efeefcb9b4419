import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage, fieldMessage } from '../../../lib/error-message';
import { useConfirmPasswordReset } from '../api/password-reset';

const Schema = z
  .object({
    password: z.string().min(10, 'passwordForm.errors.tooShort').max(200, 'passwordForm.errors.tooLong'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'passwordForm.errors.mismatch' });
type Values = z.infer<typeof Schema>;

export const LINK_CODES = new Set(['INVALID_LINK', 'LINK_EXPIRED']);

/** Chooses a new password with the token of the e-mailed link. */
export function NewPasswordForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useConfirmPasswordReset({ onSuccess: onDone });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { password: '', confirm: '' } });
  const linkProblem = mutation.error instanceof ApiError && LINK_CODES.has(mutation.error.code);

  return (
    <form
      className="form"
      onSubmit={handleSubmit((v) => mutation.mutate({ token, password: v.password }))}
      noValidate
    >
      {mutation.isError && (
        <div className="alert alert--error" role="alert">
          <p>{errorMessage(mutation.error, t)}</p>
          {linkProblem && (
            <p>
              <Link to="/mot-de-passe-oublie">{t('passwordForm.askAgain')}</Link>
            </p>
          )}
        </div>
      )}
      <Field
        label={t('passwordForm.password')}
        hint={t('passwordForm.hint')}
        error={
          errors.password?.message
            ? t(errors.password.message)
            : fieldMessage(mutation.error, 'body.password')
        }
      >
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('password')} />}
      </Field>
      <Field label={t('passwordForm.confirm')} error={errors.confirm?.message && t(errors.confirm.message)}>
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('confirm')} />}
      </Field>
      <button className="button button--primary" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('passwordForm.submitting') : t('passwordForm.submit')}
      </button>
    </form>
  );
}
