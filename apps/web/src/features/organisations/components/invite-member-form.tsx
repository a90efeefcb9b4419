import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import { formatDate } from '@lieux/scheduling';
import { Field } from '../../../components/field';
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
        <Field label={t('members.email')} error={errors.email?.message && t(errors.email.message)}>
          {(c) => <input {...c} type="email" autoComplete="off" {...register('email')} />}
        </Field>
        <Field label={t('members.role')}>
          {(c) => (
            <select {...c} {...register('role')}>
              <option value="member">{t('roles.member')}</option>
              <option value="org_admin">{t('roles.org_admin')}</option>
            </select>
          )}
        </Field>
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
