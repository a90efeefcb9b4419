import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import { Field } from '../../../components/field';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useAcceptInvitation } from '../api/accept-invitation';
import { LINK_CODES } from './new-password-form';
import { NewPasswordFields, NewPassword, confirmed } from './new-password-fields';

const Schema = confirmed(
  NewPassword.extend({
    displayName: z
      .string()
      .trim()
      .min(2, 'invitation.errors.displayName')
      .max(100, 'invitation.errors.tooLong'),
  }),
);
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
      <NewPasswordFields
        label={t('login.password')}
        password={register('password')}
        confirm={register('confirm')}
        errors={errors}
        apiError={mutation.error}
      />
      <button className="button button--primary" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('invitation.submitting') : t('invitation.submit')}
      </button>
    </form>
  );
}
