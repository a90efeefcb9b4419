import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { formatDate, formatTimeRange, LATE_CANCELLATION_MS } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';

/**
 * Asks before cancelling. Warns when the cancellation is late (less than 24 h before the start: it is
 * counted as such); a site manager must give the reason, the organisation may.
 */
export function CancelBookingDialog({
  booking,
  asManager = false,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  booking: Booking;
  asManager?: boolean;
  pending: boolean;
  error?: string;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [now] = useState(() => Date.now());
  const late = Date.parse(booking.start) - now < LATE_CANCELLATION_MS;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const r = reason.trim();
    if (asManager && r.length === 0) {
      setMissing(true);
      return;
    }
    onConfirm(r || undefined);
  };

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
          <h2 id={`${id}-heading`}>{t('bookingActions.cancel.title', { title: booking.title })}</h2>
          <button
            type="button"
            className="button button--icon"
            onClick={() => dialogRef.current?.close()}
            aria-label={t('common.close')}
          >
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <p>
          {t('bookingActions.cancel.summary', {
            space: booking.spaceName,
            site: booking.siteName,
            date: formatDate(booking.start, booking.timeZone, lang),
            time: formatTimeRange(booking.start, booking.end, booking.timeZone, lang),
          })}
        </p>
        {late && (
          <p className="alert alert--warning" role="note">
            {t('bookingActions.cancel.late')}
          </p>
        )}
        {error && (
          <p className="alert alert--error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {t(asManager ? 'bookingActions.cancel.reasonRequired' : 'bookingActions.cancel.reason')}
          </label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${id}-reason-error` : undefined}
          />
          {missing && (
            <p className="field__error" id={`${id}-reason-error`}>
              {t('errors.REASON_REQUIRED')}
            </p>
          )}
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => dialogRef.current?.close()}
          >
            {t('bookingActions.cancel.keep')}
          </button>
          <button type="submit" className="button button--danger" disabled={pending}>
            {pending ? t('bookingActions.cancel.submitting') : t('bookingActions.cancel.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
