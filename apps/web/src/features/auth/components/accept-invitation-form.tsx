import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage, fieldMessage } from '../../../lib/error-message';
import { useAcceptInvitation } from '../api/accept-invitation';
import { LINK_CODES } from './new-password-form';

const Schema = z
  .object({
    displayName: z
      .string()
      .trim()
      .min(2, 'invitation.errors.displayName')
      .max(100, 'invitation.errors.tooLong'),
    password: z.string().min(10, 'passwordForm.errors.tooShort').max(200, 'passwordForm.errors.tooLong'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'passwordForm.errors.mismatch' });
type Values = z.infer<typeof Schema>;

/** Takes up an invitation: a name and a password, then signed in. */
export function AcceptInvitationForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useAcceptInvitation({ onSuccess: onDone });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(Schema),
    defaultValues: { displayName: '', password: '', confirm: '' },
  });
  const linkProblem = mutation.error instanceof ApiError && LINK_CODES.has(mutation.error.code);

  return (
    <form
      className="form"
      onSubmit={handleSubmit((v) =>
        mutation.mutate({ token, displayName: v.displayName.trim(), password: v.password }),
      )}
      noValidate
    >
      {mutation.isError && (
        <div className="alert alert--error" role="alert">
          <p>{errorMessage(mutation.error, t)}</p>
          {linkProblem && <p>{t('invitation.askAgain')}</p>}
        </div>
      )}
      <Field
        label={t('invitation.displayName')}
        error={errors.displayName?.message && t(errors.displayName.message)}
      >
        {(c) => <input {...c} type="text" autoComplete="name" {...register('displayName')} />}
      </Field>
      <Field
        label={t('register.password')}
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
        {mutation.isPending ? t('invitation.submitting') : t('invitation.submit')}
      </button>
    </form>
  );
}
