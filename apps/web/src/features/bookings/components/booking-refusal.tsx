import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../lib/error-message';

/** Why the API refused the booking or the series, with each refused date of a series. */
export function BookingRefusal({ error, details }: { error: Error; details: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--error" role="alert">
      <p>
        <strong>{t('bookingForm.errorSummary')}</strong> {errorMessage(error, t)}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
