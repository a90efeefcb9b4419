import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../features/auth/api/get-me';
import { useLogout } from '../features/auth/api/logout';
import { onUnauthorized, tokenStore } from '../lib/api-client';

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

export function Layout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const mainRef = useRef<HTMLElement>(null);
  const signedIn = tokenStore.get() !== null;
  const me = useMe();
  const logout = useLogout({ onSettled: () => navigate('/connexion', { replace: true }) });

  useEffect(
    () =>
      onUnauthorized(() => {
        queryClient.clear();
        navigate('/connexion', { replace: true, state: { from: window.location.pathname, expired: true } });
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
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          {signedIn && (
            <nav aria-label={t('nav.main')} className="main-nav">
              <NavLink to="/espaces">{t('nav.spaces')}</NavLink>
              <NavLink to="/mes-reservations">{t('nav.myBookings')}</NavLink>
            </nav>
          )}
          <div className="site-header__end">
            {signedIn && me.data && (
              <p className="whoami">
                <span className="whoami__name">{t('nav.signedInAs', { name: me.data.displayName })}</span>
                {me.data.organisation && <span className="whoami__org">{me.data.organisation.name}</span>}
              </p>
            )}
            <LanguageSwitch />
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
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
