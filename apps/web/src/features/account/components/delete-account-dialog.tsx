import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';
import { useDeleteMe } from '../api/personal-data';

/** Confirms the deletion of the account, saying what becomes of the bookings. */
export function DeleteAccountDialog({
  onClose,
  onDeleted,
}: {
  onClose: () => void;
  onDeleted: () => void | Promise<void>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const mutation = useDeleteMe({ onSuccess: onDeleted });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    cancelRef.current?.focus();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-body`}
      onClose={() => {
        if (!mutation.isSuccess) onClose();
      }}
      onCancel={(e) => {
        if (mutation.isPending) e.preventDefault();
      }}
    >
      <div className="form">
        <header className="dialog__header">
          <h2 id={`${id}-heading`}>{t('account.delete.title')}</h2>
        </header>
        <div id={`${id}-body`}>
          <p>{t('account.delete.explain')}</p>
          <p>{t('account.delete.bookings')}</p>
        </div>
        {mutation.isError && (
          <p className="alert alert--error" role="alert">
            {errorMessage(mutation.error, t)}
          </p>
        )}
        <div className="dialog__actions">
          <button
            ref={cancelRef}
            type="button"
            className="button button--secondary"
            onClick={() => dialogRef.current?.close()}
          >
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={mutation.isPending}
            onClick={() => mutation.mutate()}
          >
            {mutation.isPending ? t('account.delete.submitting') : t('account.delete.confirm')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
