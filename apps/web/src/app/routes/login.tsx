import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInstance } from '../../api/instance';
import { useMe } from '../../features/auth/api/get-me';
import { LoginForm } from '../../features/auth/components/login-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSignedIn } from '../../hooks/use-signed-in';
import { clearLoginNotice, peekLoginNotice } from '../../lib/login-notice';
import { returnPathOf, withReturn } from '../../lib/return-path';
import { paths } from '../paths';
import { workHome } from '../work-home';

type LoginState = { expired?: boolean } | null;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const signedIn = useSignedIn();
  // The demo accounts are shown only where the demo data are loaded (never in a real deployment).
  const demoData = useInstance().data?.demoData === true;
  usePageTitle(t('login.title'));
  const [notice] = useState(peekLoginNotice);
  useEffect(clearLoginNotice, []);
  const state = location.state as LoginState;
  const me = useMe();
  const back = returnPathOf(params);
  // An explicit return path wins; otherwise each person lands on their own work.
  const explicit = back && !back.startsWith(paths.login) ? back : null;
  const toSpace = back !== null && back.startsWith(`${paths.spaces}/`);
  const toSlot = toSpace && back.includes('debut=');

  // (An account just deleted is still signed in for a moment: its notice must show.)
  if (signedIn && !state?.expired && !notice) {
    if (explicit) return <Navigate to={explicit} replace />;
    if (me.data) return <Navigate to={workHome(me.data)} replace />;
    if (me.isError) return <Navigate to={paths.spaces} replace />;
    return <p role="status">{t('common.loading')}</p>;
  }

  return (
    <div className="page page--narrow">
      <div className="card login-card">
        <h1>{t('login.title')}</h1>
        <p className="lead">
          {toSlot ? t('login.introToSlot') : toSpace ? t('login.introToSpace') : t('login.intro')}
        </p>
        {state?.expired && (
          <p className="alert alert--info" role="status">
            {t('errors.UNAUTHENTICATED')}
          </p>
        )}
        {notice && (
          <p className="alert alert--success" role="status">
            {t(`login.notice.${notice}`)}
          </p>
        )}
        <LoginForm
          onSuccess={(res) => navigate(explicit ?? workHome(res.user), { replace: true })}
          demoHint={demoData}
        />
        <p className="login-card__forgot">
          <Link to={paths.forgotPassword}>{t('login.forgotPassword')}</Link>
        </p>
      </div>
      <div className="card card--aside">
        <h2>{t('login.newHere')}</h2>
        <p className="muted">{t('login.registerIntro')}</p>
        <Link className="button button--secondary" to={withReturn(paths.register, back)}>
          {t('login.register')}
        </Link>
      </div>
    </div>
  );
}
