import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ReasonField {
  label: string;
  hint?: string;
  /** Fewest characters once trimmed: 0 when the reason may be left out. */
  minLength: number;
  /** Shown when the reason is shorter. */
  missing: string;
}

/**
 * The confirmation of a change that may carry a reason the organisation receives (a cancellation, a
 * refusal): what changes (`children`), the API's error, the reason, and the two buttons.
 */
export function ReasonDialog({
  heading,
  children,
  warning,
  reason: field,
  keepLabel,
  submitLabel,
  submittingLabel,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  heading: string;
  children?: ReactNode;
  /** What the person should weigh before confirming (a late cancellation). */
  warning?: string;
  reason: ReasonField;
  keepLabel: string;
  submitLabel: string;
  submittingLabel: string;
  pending: boolean;
  error?: string;
  /** The trimmed reason, undefined when left empty. */
  onConfirm: (reason: string | undefined) => void;
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

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = reason.trim();
    if (r.length < field.minLength) setInvalid(true);
    else onConfirm(r || undefined);
  };
  const describedBy = [field.hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean);

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
      <form className="form" onSubmit={submit} noValidate>
        <header className="dialog__header">
          <h2 id={`${id}-heading`}>{heading}</h2>
          <button
            type="button"
            className="button button--icon"
            onClick={() => dialogRef.current?.close()}
            aria-label={t('common.close')}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {children}
        {warning && (
          <p className="alert alert--warning" role="note">
            {warning}
          </p>
        )}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{field.label}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            maxLength={500}
            value={reason}
            // A required reason is what the person has to do here: start there.
            autoFocus={field.minLength > 0}
            onChange={(e) => {
              setReason(e.target.value);
              setInvalid(false);
            }}
            aria-invalid={invalid ? true : undefined}
            aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
          />
          {field.hint && (
            <p className="field__hint" id={`${id}-hint`}>
              {field.hint}
            </p>
          )}
          {invalid && (
            <p className="field__error" id={`${id}-error`}>
              {field.missing}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dialogRef.current?.close()}
          >
            {keepLabel}
          </button>
          <button type="submit" className="button button--danger" disabled={pending}>
            {pending ? submittingLabel : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
