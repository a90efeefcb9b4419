import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/error-message';
import { useConfirmPasswordReset } from '../api/password-reset';
import { NewPasswordFields, NewPassword, confirmed } from './new-password-fields';

const Schema = confirmed(NewPassword);

export const LINK_CODES = new Set(['INVALID_LINK', 'LINK_EXPIRED']);

/** Chooses a new password with the token of the e-mailed link. */
export function NewPasswordForm({ token, onDone }: { token: string; onDone: () => void }) {
  const { t } = useTranslation();
  const mutation = useConfirmPasswordReset({ onSuccess: onDone });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({ resolver: zodResolver(Schema), defaultValues: { password: '', confirm: '' } });
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
      <NewPasswordFields
        label={t('passwordForm.password')}
        password={register('password')}
        confirm={register('confirm')}
        errors={errors}
        apiError={mutation.error}
      />
      <button className="button button--primary" type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? t('passwordForm.submitting') : t('passwordForm.submit')}
      </button>
    </form>
  );
}
