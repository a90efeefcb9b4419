import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole, useMe } from '../../features/auth/api/get-me';
import { NationalFigures } from '../../features/discovery/components/national-figures';
import { HomeSearch } from '../../features/spaces/components/home-search';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSignedIn } from '../../hooks/use-signed-in';
import { paths } from '../paths';
import '../../styles/home.css';

/** Where a signed-in person's work is, by role: the first that applies. */
function YourWork() {
  const { t } = useTranslation();
  const user = useMe().data;
  if (!user) return null;
  const links: { to: string; label: string }[] = [];
  if (hasRole(user, 'member', 'org_admin')) links.push({ to: paths.myBookings, label: t('nav.myBookings') });
  if (hasRole(user, 'site_manager', 'admin'))
    links.push({ to: paths.manageRequests, label: t('nav.requests') });
  if (hasRole(user, 'delegate', 'admin'))
    links.push({ to: paths.verifications, label: t('nav.verifications') });
  return (
    <section className="home-work card" aria-labelledby="work-title">
      <h2 id="work-title">{t('home.work.title', { name: user.displayName })}</h2>
      <p className="actions">
        {links.map((l, i) => (
          <Link
            key={l.to}
            className={`button ${i === 0 ? 'button--primary' : 'button--secondary'}`}
            to={l.to}
          >
            {l.label}
          </Link>
        ))}
        <Link className="button button--secondary" to={paths.account}>
          {t('nav.account')}
        </Link>
      </p>
    </section>
  );
}

/** The ways in: organisations register or sign in; site managers and delegates sign in with their account. */
function WaysIn() {
  const { t } = useTranslation();
  return (
    <section className="home-ways" aria-labelledby="ways-title">
      <h2 id="ways-title">{t('home.ways.title')}</h2>
      <ul className="home-ways__list">
        <li className="card">
          <h3>{t('home.ways.organisations.title')}</h3>
          <p>{t('home.ways.organisations.text')}</p>
          <p className="actions">
            <Link className="button button--primary" to={paths.register}>
              {t('home.register')}
            </Link>
            <Link className="button button--secondary" to={paths.login}>
              {t('nav.signIn')}
            </Link>
          </p>
        </li>
        <li className="card">
          <h3>{t('home.ways.managers.title')}</h3>
          <p>{t('home.ways.managers.text')}</p>
          <p className="actions">
            <Link className="button button--secondary" to={paths.login}>
              {t('home.ways.managers.signIn')}
            </Link>
          </p>
        </li>
        <li className="card">
          <h3>{t('home.ways.delegates.title')}</h3>
          <p>{t('home.ways.delegates.text')}</p>
          <p className="actions">
            <Link className="button button--secondary" to={paths.login}>
              {t('home.ways.delegates.signIn')}
            </Link>
          </p>
        </li>
      </ul>
    </section>
  );
}

/** The front door, for everyone: what this is, a search, the network's figures and the ways in. */
export function HomePage() {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  usePageTitle(undefined);
  return (
    <div className="page home">
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <HomeSearch />
        <p className="home-hero__all">
          <Link to={paths.spaces}>{t('home.allSpaces')}</Link>
        </p>
      </section>
      {signedIn && <YourWork />}
      <NationalFigures />
      {!signedIn && <WaysIn />}
    </div>
  );
}
