import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { API_BASE_PATH } from '@lieux/contracts';
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

/** Why the API sent the person back from the group's identity provider (`?oidc=<code>`). */
const OIDC_REFUSALS = new Set([
  'OIDC_FAILED',
  'OIDC_EMAIL_UNVERIFIED',
  'OIDC_ORGANISATION_MEMBER',
  'OIDC_NO_ROLE',
  'OIDC_DEACTIVATED',
]);

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const signedIn = useSignedIn();
  // The demo accounts are shown only where the demo data are loaded (never in a real deployment).
  const instance = useInstance();
  const demoData = instance.data?.demoData === true;
  // Staff sign-in through La Poste's identity provider, offered only where the deployment configured it.
  const oidc = instance.data?.oidc === true;
  const oidcRefusal = params.get('oidc');
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
        {oidcRefusal && OIDC_REFUSALS.has(oidcRefusal) && (
          <p className="alert alert--error" role="alert">
            {t(`login.oidc.${oidcRefusal}`)}
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
        {oidc && (
          <section className="login-card__oidc" aria-labelledby="login-oidc-title">
            <h2 id="login-oidc-title">{t('login.oidc.staff')}</h2>
            {/* A full page load: the API redirects the browser to the provider. */}
            <a className="button button--secondary" href={`${API_BASE_PATH}/auth/oidc/start`}>
              {t('login.oidc.button')}
            </a>
          </section>
        )}
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
