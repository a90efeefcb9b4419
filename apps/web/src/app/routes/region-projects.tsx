import '../../styles/projects.css';
import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ESS_THEMES, type EssTheme } from '@lieux/contracts';
import { Field } from '../../components/field';
import { ListStatus } from '../../components/list-status';
import { useMe } from '../../features/auth/api/get-me';
import { useDepartements, useProjects, useRegionList } from '../../features/projects/api/projects';
import { ProjectsTable } from '../../features/projects/components/projects-table';
import { usePageTitle } from '../../hooks/use-page-title';
import { CATALOGUE_PATH } from '../../features/projects/paths';

// Leaflet and the outlines come with the map only.
const ProjectsMap = lazy(() => import('../../features/projects/components/projects-map'));

const isTheme = (v: string | null): v is EssTheme => !!v && (ESS_THEMES as readonly string[]).includes(v);

/**
 * "Projets de ma région": a delegate's région (an admin chooses one, or the nation) on a map and in a
 * table, filtered by theme and département; the filters are in the address.
 */
export function RegionProjectsPage() {
  const { t } = useTranslation();
  usePageTitle(t('projects.region.title'));
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const own = me.data?.roles.find((r) => r.role === 'delegate')?.regionCode ?? null;
  const admin = !!me.data?.roles.some((r) => r.role === 'admin');
  const regions = useRegionList(true);
  const region = own ?? (params.get('region') || null);
  const theme = isTheme(params.get('theme')) ? (params.get('theme') as EssTheme) : undefined;
  const departement = params.get('departement') || undefined;
  const departements = useDepartements(region);
  const projects = useProjects(
    { region: region ?? undefined, theme, departement },
    me.data !== undefined && (own !== null || admin),
  );
  const items = projects.data?.items ?? [];
  const regionName =
    regions.data?.items.find((r) => r.code === region)?.name ?? region ?? t('projects.region.national');
  const set = (name: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name === 'region') next.delete('departement');
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page page--wide">
      <div className="page-title">
        <h1>{t('projects.region.title')}</h1>
        <Link className="button button--secondary" to={CATALOGUE_PATH}>
          {t('projects.catalogue.title')}
        </Link>
      </div>
      <p className="lead">{t('projects.region.intro', { region: regionName })}</p>
      <form
        noValidate
        className="panel projects-filters"
        aria-label={t('projects.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        {own === null && admin && (
          <Field label={t('projects.region.region')}>
            {(c) => (
              <select {...c} value={region ?? ''} onChange={(e) => set('region', e.target.value)}>
                <option value="">{t('projects.region.national')}</option>
                {regions.data?.items.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('projects.fields.theme')}>
          {(c) => (
            <select {...c} value={theme ?? ''} onChange={(e) => set('theme', e.target.value)}>
              <option value="">{t('projects.allThemes')}</option>
              {ESS_THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(`essThemes.${th}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {region && (
          <Field label={t('projects.region.departement')}>
            {(c) => (
              <select {...c} value={departement ?? ''} onChange={(e) => set('departement', e.target.value)}>
                <option value="">{t('projects.region.allDepartements')}</option>
                {departements.data?.items.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.code} — {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </form>
      <ListStatus query={projects} isEmpty={items.length === 0} empty={<p>{t('projects.region.empty')}</p>} />
      {items.length > 0 && (
        <>
          <section aria-labelledby="projects-map-title" className="project-section">
            <h2 id="projects-map-title">{t('projects.map.title')}</h2>
            <Suspense fallback={<div className="projects-map" aria-hidden="true" />}>
              <ProjectsMap projects={items} />
            </Suspense>
          </section>
          <section aria-labelledby="projects-table-title" className="project-section">
            <h2 id="projects-table-title">{t('projects.region.tableTitle')}</h2>
            <ProjectsTable projects={items} caption={t('projects.region.caption', { count: items.length })} />
          </section>
        </>
      )}
    </div>
  );
}
