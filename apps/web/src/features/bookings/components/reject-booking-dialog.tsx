import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';

/** Asks a manager why they refuse a request: the organisation receives the reason. */
export function RejectBookingDialog({
  booking,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  booking: Booking;
  pending: boolean;
  error?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

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
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 3) setInvalid(true);
          else onConfirm(reason.trim());
        }}
      >
        <header className="dialog__header">
          <h2 id={`${id}-heading`}>
            {t('requests.reject.title', { organisation: booking.organisationName, title: booking.title })}
          </h2>
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
          <label htmlFor={`${id}-reason`}>{t('requests.reject.reason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={4}
            maxLength={500}
            value={reason}
            autoFocus
            onChange={(e) => {
              setReason(e.target.value);
              setInvalid(false);
            }}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={[`${id}-hint`, invalid ? `${id}-error` : null].filter(Boolean).join(' ')}
          />
          <p className="field__hint" id={`${id}-hint`}>
            {t('requests.reject.hint')}
          </p>
          {invalid && (
            <p className="field__error" id={`${id}-error`}>
              {t('requests.reject.errors.reason')}
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
            {pending ? t('requests.reject.submitting') : t('requests.reject.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
