import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RegisterForm } from '../../features/organisations/components/register-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { paths } from '../paths';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('register.title'));
  return (
    <div className="page page--form">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <div className="card">
        <RegisterForm onSuccess={() => navigate(paths.registered, { replace: true })} />
      </div>
      <p className="form__footer">
        {t('register.haveAccount')} <Link to={paths.login}>{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
