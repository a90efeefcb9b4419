import { Link } from 'react-router';
import { ListStatus } from '../../components/list-status';
import { useTranslation } from 'react-i18next';
import { useSites } from '../../features/sites/api/get-sites';
import { usePageTitle } from '../../hooks/use-page-title';
import { paths } from '../paths';

/** The manager's console: the sites they manage (every site for an admin). */
export function ManageSitesPage() {
  const { t } = useTranslation();
  usePageTitle(t('manage.title'));
  const sites = useSites();
  const items = [...(sites.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return (
    <div className="page">
      <h1>{t('manage.title')}</h1>
      <p className="lead">{t('manage.intro')}</p>
      <ListStatus query={sites} isEmpty={items.length === 0} empty={<p>{t('manage.noSites')}</p>} />
      {items.length > 0 && (
        <ul className="space-grid" aria-label={t('manage.sitesLabel')}>
          {items.map((site) => (
            <li key={site.id}>
              <article className="space-card">
                <header className="space-card__header">
                  <h2 className="space-card__title">
                    <Link to={paths.manageSite(site.id)}>{site.name}</Link>
                  </h2>
                  <p className="space-card__site">
                    {site.address} · {site.postcode} {site.commune}
                  </p>
                </header>
                <p className="muted">
                  {site.openingHours.length === 0
                    ? t('manage.noHours')
                    : t('manage.closuresCount', { count: site.closures.length })}
                </p>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
