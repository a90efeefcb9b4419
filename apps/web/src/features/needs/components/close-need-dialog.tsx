import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEED_CLOSE_REASONS, type Need, type NeedCloseReason } from '@lieux/contracts';
import { Modal } from '../../../components/modal';
import { errorMessage } from '../../../lib/error-message';
import { useCloseNeed } from '../api/needs';

/** Closing a need, saying why: found elsewhere, project stopped, no longer needed. */
export function CloseNeedDialog({
  need,
  onClosed,
  onClose,
}: {
  need: Need;
  onClosed: (need: Need) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<NeedCloseReason>('found_elsewhere');
  const close = useCloseNeed(need.id, { onSuccess: onClosed });
  return (
    <Modal
      title={t('needs.close.title')}
      description={<p>{t('needs.close.intro')}</p>}
      busy={close.isPending}
      cancelLabel={t('needs.close.keep')}
      onClose={onClose}
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate({ reason });
      }}
      actions={
        <button type="submit" className="button button--danger" disabled={close.isPending}>
          {t('needs.close.submit')}
        </button>
      }
    >
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('needs.close.reason')}</legend>
        {NEED_CLOSE_REASONS.map((r) => (
          <label key={r} className="choice">
            <input
              type="radio"
              name="close-reason"
              value={r}
              checked={reason === r}
              onChange={() => setReason(r)}
            />{' '}
            {t(`needs.closeReasons.${r}`)}
          </label>
        ))}
      </fieldset>
      {close.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(close.error, t)}
        </p>
      )}
    </Modal>
  );
}
