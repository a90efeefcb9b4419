import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { RegisterForm } from '../../features/organisations/components/register-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { returnPathOf, withReturn } from '../../lib/return-path';
import { paths } from '../paths';

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // A visitor who came from a space goes back to it from the confirmation page.
  const back = returnPathOf(params);
  usePageTitle(t('register.title'));
  return (
    <div className="page page--form">
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <div className="card">
        <RegisterForm onSuccess={() => navigate(withReturn(paths.registered, back), { replace: true })} />
      </div>
      <p className="form__footer">
        {t('register.haveAccount')} <Link to={withReturn(paths.login, back)}>{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
