import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AcceptInvitationForm } from '../../features/auth/components/accept-invitation-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { paths } from '../paths';

/** `/invitation?jeton=…`, from the e-mailed invitation. */
export function InvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  usePageTitle(t('invitation.title'));
  return (
    <div className="page page--narrow">
      <div className="card login-card">
        <h1>{t('invitation.title')}</h1>
        {token.length < 20 ? (
          <p className="alert alert--error" role="alert">
            {t('errors.INVALID_LINK')} {t('invitation.askAgain')}
          </p>
        ) : (
          <>
            <p className="lead">{t('invitation.intro')}</p>
            <AcceptInvitationForm token={token} onDone={() => navigate(paths.spaces, { replace: true })} />
          </>
        )}
      </div>
    </div>
  );
}
