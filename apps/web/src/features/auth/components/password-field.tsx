import type { UseFormRegisterReturn } from 'react-hook-form';

/** A labelled password input with its hint and error, wired for assistive technologies. */
export function PasswordField({
  id,
  label,
  hint,
  error,
  autoComplete = 'new-password',
  registration,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  autoComplete?: string;
  registration: UseFormRegisterReturn;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...registration}
      />
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
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
