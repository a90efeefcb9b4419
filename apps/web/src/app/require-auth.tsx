import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@lieux/contracts';
import { hasRole, useMe } from '../features/auth/api/get-me';
import { useSignedIn } from '../hooks/use-signed-in';
import { tokenStore } from '../lib/api-client';
import { usePageTitle } from '../hooks/use-page-title';
import { errorMessage } from '../lib/error-message';
import { withReturn } from '../lib/return-path';
import { paths } from './paths';

/** Pages behind sign-in: without a session, go to the login page and come back after. */
export function RequireAuth() {
  const location = useLocation();
  if (!useSignedIn()) {
    // After a sign-out, the next person to sign in starts from the spaces, not from the last page.
    const back = tokenStore.endedOnPurpose() ? null : `${location.pathname}${location.search}`;
    return <Navigate to={withReturn(paths.login, back)} replace />;
  }
  return <Outlet />;
}

function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.message')}</p>
    </div>
  );
}

/** Pages for some roles only (the API refuses the others anyway: this says so before a call fails). */
export function RequireRole({ roles }: { roles: Role[] }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <p role="status">{t('common.loading')}</p>;
  if (me.isError) {
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(me.error, t)}
      </p>
    );
  }
  return hasRole(me.data, ...roles) ? <Outlet /> : <Forbidden />;
}
