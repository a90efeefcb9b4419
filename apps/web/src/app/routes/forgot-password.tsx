import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ForgotPasswordForm } from '../../features/auth/components/forgot-password-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { paths } from '../paths';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('forgotPassword.title'));
  return (
    <div className="page page--narrow">
      <div className="card login-card">
        <h1>{t('forgotPassword.title')}</h1>
        <p className="lead">{t('forgotPassword.intro')}</p>
        <ForgotPasswordForm />
      </div>
      <p className="form__footer">
        <Link to={paths.login}>{t('forgotPassword.back')}</Link>
      </p>
    </div>
  );
}
