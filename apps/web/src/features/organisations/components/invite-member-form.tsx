import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatDate } from '@lieux/scheduling';
import { errorMessage } from '../../../lib/error-message';
import { currentLanguage } from '../../../lib/i18n';
import { useInviteMember, type Invitation } from '../api/members';

const Schema = z.object({
  email: z.email({ error: 'login.errors.email' }).max(254, { error: 'login.errors.email' }),
  role: z.enum(['member', 'org_admin']),
});
type Values = z.infer<typeof Schema>;

/** Invites someone by e-mail into the organisation, as a member or an admin. */
export function InviteMemberForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const id = useId();
  const [sent, setSent] = useState<Invitation | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(Schema), defaultValues: { email: '', role: 'member' } });
  const mutation = useInviteMember({
    onSuccess: (invitation) => {
      setSent(invitation);
      reset();
    },
  });

  return (
    <form
      className="form"
      onSubmit={handleSubmit((v) => {
        setSent(null);
        mutation.mutate({ organisationId, ...v });
      })}
      noValidate
    >
      <div role="status">
        {sent && (
          <p className="alert alert--success">
            {t('members.invited', {
              email: sent.email,
              date: formatDate(sent.expiresAt, 'Europe/Paris', lang),
            })}
          </p>
        )}
      </div>
      {mutation.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </p>
      )}
      <div className="form__row form__row--invite">
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('members.email')}</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
            {...register('email')}
          />
          {errors.email?.message && (
            <p className="field__error" id={`${id}-email-error`}>
              {t(errors.email.message)}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('members.role')}</label>
          <select id={`${id}-role`} {...register('role')}>
            <option value="member">{t('roles.member')}</option>
            <option value="org_admin">{t('roles.org_admin')}</option>
          </select>
        </div>
        <div className="field field--button">
          <button className="button button--primary" type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? t('members.inviting') : t('members.invite')}
          </button>
        </div>
      </div>
      <p className="form__hint">{t('members.inviteHint')}</p>
    </form>
  );
}
