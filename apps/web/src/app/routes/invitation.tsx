import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@lieux/contracts';
import { ME_QUERY_KEY } from '../../api/query-keys';
import { AcceptInvitationForm } from '../../features/auth/components/accept-invitation-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { workHome } from '../work-home';

/** `/invitation?jeton=…`, from the e-mailed invitation. */
export function InvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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
            <AcceptInvitationForm
              token={token}
              // Accepting signs the person in: they start from their own work, as after a sign-in.
              onDone={() =>
                navigate(workHome(queryClient.getQueryData<User>(ME_QUERY_KEY)), { replace: true })
              }
            />
          </>
        )}
      </div>
    </div>
  );
}
