import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The person is on the waiting list of a busy slot; `listPath` is the page of their entries. */
export function WaitlistJoined({ listPath }: { listPath: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--success" role="status">
      <p>
        <strong>{t('waitlist.joined')}</strong> {t('waitlist.joinedNote')}
      </p>
      <p>
        <Link to={listPath}>{t('waitlist.seeMine')}</Link>
      </p>
    </div>
  );
}
