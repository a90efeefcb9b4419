import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { NewPasswordForm } from '../../features/auth/components/new-password-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { setLoginNotice } from '../../lib/login-notice';
import { paths } from '../paths';

/** `/mot-de-passe/nouveau?jeton=…`, from the e-mailed link. */
export function NewPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? '';
  usePageTitle(t('passwordForm.title'));
  return (
    <div className="page page--narrow">
      <div className="card login-card">
        <h1>{t('passwordForm.title')}</h1>
        {token.length < 20 ? (
          <div className="alert alert--error" role="alert">
            <p>{t('errors.INVALID_LINK')}</p>
            <p>
              <Link to={paths.forgotPassword}>{t('passwordForm.askAgain')}</Link>
            </p>
          </div>
        ) : (
          <>
            <p className="lead">{t('passwordForm.intro')}</p>
            <NewPasswordForm
              token={token}
              onDone={() => {
                setLoginNotice('passwordChanged');
                void navigate(paths.login, { replace: true });
              }}
            />
          </>
        )}
      </div>
    </div>
  );
}
