import { useTranslation } from 'react-i18next';
import type { Booking } from '@lieux/contracts';
import { ReasonDialog } from './reason-dialog';

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
  return (
    <ReasonDialog
      heading={t('requests.reject.title', { organisation: booking.organisationName, title: booking.title })}
      reason={{
        label: t('requests.reject.reason'),
        hint: t('requests.reject.hint'),
        // The API's own minimum (RejectBookingRequest).
        minLength: 3,
        missing: t('requests.reject.errors.reason'),
      }}
      keepLabel={t('common.cancel')}
      submitLabel={t('requests.reject.submit')}
      submittingLabel={t('requests.reject.submitting')}
      pending={pending}
      error={error}
      onConfirm={(reason) => onConfirm(reason ?? '')}
      onClose={onClose}
    />
  );
}
