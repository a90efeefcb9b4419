import { useId, type ReactNode } from 'react';

/** What the control inside a `Field` spreads onto itself to be named and described by it. */
export interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled control with its hint and its error: the label names the control, and the hint then the
 * error describe it, so a screen reader says what is wrong on reaching it.
 */
export function Field({
  id: givenId,
  label,
  hint,
  liveHint = false,
  error,
  className,
  children,
}: {
  /** The control's id, when something else refers to it; one is made otherwise. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The hint answers what is typed (a SIRET found, an expiry date): read out when it changes. */
  liveHint?: boolean;
  error?: ReactNode;
  /** Modifiers beside `field`: `field--narrow`, `field--medium`… */
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const madeId = useId();
  const id = givenId ?? madeId;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <p className="field__hint" id={`${id}-hint`} aria-live={liveHint ? 'polite' : undefined}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
