import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import { Field } from '../../../components/field';
import { fieldMessage } from '../../../lib/error-message';

/** A new password typed twice, with locale keys as messages; `confirmed` checks that both are the same. */
export const NewPassword = z.object({
  password: z.string().min(10, 'passwordForm.errors.tooShort').max(200, 'passwordForm.errors.tooLong'),
  confirm: z.string(),
});

export const confirmed = <T extends z.ZodType<{ password: string; confirm: string }>>(schema: T) =>
  schema.refine((v) => v.password === v.confirm, {
    path: ['confirm'],
    message: 'passwordForm.errors.mismatch',
  });

/** The new password, with the API's refusal of it (too easy to guess), then its confirmation. */
export function NewPasswordFields({
  label,
  password,
  confirm,
  errors,
  apiError,
}: {
  label: string;
  password: UseFormRegisterReturn;
  confirm: UseFormRegisterReturn;
  errors: FieldErrors<{ password: string; confirm: string }>;
  apiError: Error | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        label={label}
        hint={t('passwordForm.hint')}
        error={
          errors.password?.message ? t(errors.password.message) : fieldMessage(apiError, 'body.password')
        }
      >
        {(c) => <input {...c} type="password" autoComplete="new-password" {...password} />}
      </Field>
      <Field label={t('passwordForm.confirm')} error={errors.confirm?.message && t(errors.confirm.message)}>
        {(c) => <input {...c} type="password" autoComplete="new-password" {...confirm} />}
      </Field>
    </>
  );
}
