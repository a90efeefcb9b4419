import { useState, type ReactNode } from 'react';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';

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
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = reason.trim();
    if (r.length < field.minLength) setInvalid(true);
    else onConfirm(r || undefined);
  };

  return (
    <Modal
      title={heading}
      closeButton
      busy={pending}
      cancelLabel={keepLabel}
      onSubmit={submit}
      onClose={onClose}
      actions={
        <button type="submit" className="button button--danger" disabled={pending}>
          {pending ? submittingLabel : submitLabel}
        </button>
      }
    >
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
      <Field label={field.label} hint={field.hint} error={invalid && field.missing}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={500}
            value={reason}
            // A required reason is what the person has to do here: start there.
            autoFocus={field.minLength > 0}
            onChange={(e) => {
              setReason(e.target.value);
              setInvalid(false);
            }}
          />
        )}
      </Field>
    </Modal>
  );
}
