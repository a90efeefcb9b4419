import { useEffect, useId, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Organisation } from '@lieux/contracts';

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
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const {
    register,
    handleSubmit,
    setFocus,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schemaFor(kind)), defaultValues: { reason: '' } });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    setFocus('reason');
  }, [setFocus]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-heading`}
      onClose={onClose}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
    >
      <form className="form" onSubmit={handleSubmit((v) => onConfirm(v.reason.trim()))} noValidate>
        <header className="dialog__header">
          <h2 id={`${id}-heading`}>{t(`verifications.${kind}.title`, { name: organisation.name })}</h2>
          <button
            type="button"
            className="button button--icon"
            onClick={() => dialogRef.current?.close()}
            aria-label={t('common.close')}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t(`verifications.${kind}.reason`)}</label>
          <textarea
            id={`${id}-reason`}
            rows={4}
            maxLength={1000}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={[`${id}-reason-hint`, errors.reason ? `${id}-reason-error` : null]
              .filter(Boolean)
              .join(' ')}
            {...register('reason')}
          />
          <p className="field__hint" id={`${id}-reason-hint`}>
            {t(`verifications.${kind}.hint`)}
          </p>
          {errors.reason?.message && (
            <p className="field__error" id={`${id}-reason-error`}>
              {t(errors.reason.message)}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dialogRef.current?.close()}
          >
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={pending}>
            {pending ? t(`verifications.${kind}.submitting`) : t(`verifications.${kind}.submit`)}
          </button>
        </div>
      </form>
    </dialog>
  );
}
