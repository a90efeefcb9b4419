import { useTranslation } from 'react-i18next';

/** Whether the calendar's availability failed to load, and, for screen readers, that it is loading. */
export function AvailabilityStatus({ failed, fetching }: { failed: boolean; fetching: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {failed && (
        <p className="alert alert--error" role="alert">
          {t('calendar.loadError')}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {fetching ? t('calendar.loading') : ''}
      </p>
    </>
  );
}
