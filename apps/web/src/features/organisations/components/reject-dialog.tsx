import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from '../../../lib/zod';
import type { Organisation } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';

const schemaFor = (kind: 'reject' | 'withdraw') =>
  z.object({
    reason: z
      .string()
      .trim()
      .min(5, `verifications.${kind}.errors.reason`)
      .max(1000, `verifications.${kind}.errors.tooLong`),
  });
type Values = z.infer<ReturnType<typeof schemaFor>>;

/**
 * Asks for the reason of a refusal, or of a withdrawn verification (required: the organisation reads it).
 */
export function RejectDialog({
  kind = 'reject',
  organisation,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  kind?: 'reject' | 'withdraw';
  organisation: Organisation;
  pending: boolean;
  error?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schemaFor(kind)), defaultValues: { reason: '' } });

  useEffect(() => setFocus('reason'), [setFocus]);

  return (
    <Modal
      title={t(`verifications.${kind}.title`, { name: organisation.name })}
      closeButton
      busy={pending}
      onSubmit={handleSubmit((v) => onConfirm(v.reason.trim()))}
      onClose={onClose}
      actions={
        <button type="submit" className="button button--danger" disabled={pending}>
          {pending ? t(`verifications.${kind}.submitting`) : t(`verifications.${kind}.submit`)}
        </button>
      }
    >
      {error && (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      )}
      <Field
        label={t(`verifications.${kind}.reason`)}
        hint={t(`verifications.${kind}.hint`)}
        error={errors.reason?.message && t(errors.reason.message)}
      >
        {(control) => <textarea {...control} rows={4} maxLength={1000} {...register('reason')} />}
      </Field>
    </Modal>
  );
}
