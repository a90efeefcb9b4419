import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../features/auth/api/get-me';
import { useLogout } from '../features/auth/api/logout';
import { useSignedIn } from '../hooks/use-signed-in';
import { onUnauthorized } from '../lib/api-client';
import { withReturn } from '../lib/return-path';
import { paths } from './paths';
import { workHome } from './work-home';

// Staff only, and reads the sites and régions: kept out of the first load every visitor makes.
const StaffScope = lazy(() => import('./staff-scope').then((m) => ({ default: m.StaffScope })));

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button
      type="button"
      className="button button--ghost lang-switch"
      onClick={() => void i18n.changeLanguage(next)}
      aria-label={t('nav.switchLanguage')}
      lang={next}
    >
      <span aria-hidden="true">{t('nav.switchLanguageShort')}</span>
    </button>
  );
}

/** Pages after which signing in should not come back to them. */
const NO_RETURN: readonly string[] = [paths.home, paths.registered];
/** The sign-in and sign-up pages are themselves the way in: the header does not repeat it there. */
const WAY_IN: readonly string[] = [paths.login, paths.register];

/** A visitor's way in: sign in (and come back to this page), or register the organisation. */
function VisitorLinks() {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  if (WAY_IN.includes(pathname)) return null;
  const back = NO_RETURN.includes(pathname) ? null : `${pathname}${search}`;
  return (
    <>
      <Link className="button button--ghost" to={withReturn(paths.login, back)}>
        {t('nav.signIn')}
      </Link>
      <Link className="button button--primary" to={withReturn(paths.register, back)}>
        {t('nav.register')}
      </Link>
    </>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const mainRef = useRef<HTMLElement>(null);
  const signedIn = useSignedIn();
  const me = useMe();
  const user = me.data;
  const logout = useLogout({ onSettled: () => navigate(paths.login, { replace: true }) });

  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.clear();
        navigate(withReturn(paths.login, `${window.location.pathname}${window.location.search}`), {
          replace: true,
          state: { expired: true },
        });
      }),
    [navigate, queryClient],
  );

  // After a navigation, move focus to the page so keyboard and screen-reader users start from its top.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [location.pathname]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={signedIn && user ? workHome(user) : paths.home} className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          {!signedIn && (
            <nav aria-label={t('nav.main')} className="main-nav">
              <NavLink to={paths.spaces}>{t('nav.spaces')}</NavLink>
            </nav>
          )}
          {signedIn && (
            <nav aria-label={t('nav.main')} className="main-nav">
              {hasRole(user, 'site_manager') && <NavLink to={paths.today}>{t('nav.today')}</NavLink>}
              {hasRole(user, 'delegate') && <NavLink to={paths.region}>{t('nav.region')}</NavLink>}
              <NavLink to={paths.spaces}>{t('nav.spaces')}</NavLink>
              {hasRole(user, 'member', 'org_admin') && (
                <NavLink to={paths.myBookings}>{t('nav.myBookings')}</NavLink>
              )}
              {hasRole(user, 'member', 'org_admin') && (
                <NavLink to={paths.waitlist}>{t('nav.waitlist')}</NavLink>
              )}
              {hasRole(user, 'member', 'org_admin', 'delegate', 'admin') && (
                <NavLink to={paths.projects}>
                  {t(user?.organisation ? 'nav.myProjects' : 'nav.projects')}
                </NavLink>
              )}
              {hasRole(user, 'member', 'org_admin') && <NavLink to={paths.needs}>{t('nav.needs')}</NavLink>}
              {hasRole(user, 'org_admin') && <NavLink to={paths.members}>{t('nav.members')}</NavLink>}
              {hasRole(user, 'org_admin') && (
                <NavLink to={paths.integrations}>{t('nav.integrations')}</NavLink>
              )}
              {hasRole(user, 'site_manager', 'admin') && (
                <NavLink to={paths.manage}>{t('nav.manage')}</NavLink>
              )}
              {hasRole(user, 'site_manager', 'admin') && (
                <NavLink to={paths.manageRequests}>{t('nav.requests')}</NavLink>
              )}
              {hasRole(user, 'delegate', 'admin') && (
                <NavLink to={paths.verifications}>{t('nav.verifications')}</NavLink>
              )}
              {hasRole(user, 'admin') && (
                <>
                  <NavLink to={paths.adminAccounts}>{t('nav.accounts')}</NavLink>
                  <NavLink to={paths.adminAudit}>{t('nav.audit')}</NavLink>
                  <NavLink to={paths.adminQuotas}>{t('nav.quotas')}</NavLink>
                </>
              )}
              {hasRole(user, 'delegate', 'admin') && <NavLink to={paths.reports}>{t('nav.reports')}</NavLink>}
              <NavLink to={paths.account}>{t('nav.account')}</NavLink>
            </nav>
          )}
          <div className="site-header__end">
            {signedIn && user && (
              <p className="whoami">
                <span className="visually-hidden">{t('nav.signedInAs')} </span>
                <span className="whoami__name" title={user.displayName}>
                  {user.displayName}
                </span>
                {user.organisation ? (
                  <span className="whoami__org" title={user.organisation.name}>
                    {user.organisation.name}
                  </span>
                ) : (
                  <Suspense fallback={null}>
                    <StaffScope user={user} />
                  </Suspense>
                )}
              </p>
            )}
            <LanguageSwitch />
            {!signedIn && <VisitorLinks />}
            {signedIn && (
              <button
                type="button"
                className="button button--ghost"
                onClick={() => logout.mutate()}
                disabled={logout.isPending}
              >
                {t('nav.signOut')}
              </button>
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {signedIn && user?.organisation && user.organisation.verification !== 'verified' && (
          <p className={`banner banner--${user.organisation.verification}`}>
            {t(`banner.${user.organisation.verification}`)}
          </p>
        )}
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
