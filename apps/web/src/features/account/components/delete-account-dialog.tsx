import { useTranslation } from 'react-i18next';
import { Modal } from '../../../components/modal';
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
  const mutation = useDeleteMe({ onSuccess: onDeleted });

  return (
    <Modal
      title={t('account.delete.title')}
      description={
        <>
          <p>{t('account.delete.explain')}</p>
          <p>{t('account.delete.bookings')}</p>
        </>
      }
      busy={mutation.isPending}
      initialFocus="cancel"
      onClose={() => {
        if (!mutation.isSuccess) onClose();
      }}
      actions={
        <button
          type="button"
          className="button button--danger"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate()}
        >
          {mutation.isPending ? t('account.delete.submitting') : t('account.delete.confirm')}
        </button>
      }
    >
      {mutation.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(mutation.error, t)}
        </p>
      )}
    </Modal>
  );
}
