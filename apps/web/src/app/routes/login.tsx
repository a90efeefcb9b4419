import { Navigate, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoginForm } from '../../features/auth/components/login-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { tokenStore } from '../../lib/api-client';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  usePageTitle(t('login.title'));
  const state = location.state as { from?: string; expired?: boolean } | null;
  const target = state?.from && state.from !== '/connexion' ? state.from : '/espaces';

  if (tokenStore.get() && !state?.expired) return <Navigate to={target} replace />;

  return (
    <div className="page page--narrow">
      <div className="card login-card">
        <h1>{t('login.title')}</h1>
        <p className="lead">{t('login.intro')}</p>
        {state?.expired && (
          <p className="alert alert--info" role="status">
            {t('errors.UNAUTHENTICATED')}
          </p>
        )}
        <LoginForm onSuccess={() => navigate(target, { replace: true })} />
      </div>
    </div>
  );
}
