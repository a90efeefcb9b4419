import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { useInstance } from '../../api/instance';
import { hasRole, useMe } from '../../features/auth/api/get-me';
import { useSpaceSearch } from '../../features/spaces/api/search-spaces';
import {
  filtersFromParams,
  paramsFromFilters,
  searchQueryOf,
  withMapArea,
  type SearchFilters,
} from '../../features/spaces/components/search-filters';
import { SpaceList } from '../../features/spaces/components/space-list';
import { SpaceSearchForm } from '../../features/spaces/components/space-search-form';
import { useMediaQuery } from '../../hooks/use-media-query';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';

// Leaflet and the outlines load with the map, not with the app.
const SearchMap = lazy(() => import('../../features/spaces/components/search-map'));

/** Where list and map stand side by side (below, the map is behind a toggle). */
const WIDE = '(min-width: 60rem)';

/**
 * The search of published spaces: a list and a map of the same results, kept in step. Its filters, and
 * the map's area once moved, live in the address, so a search can be shared or reloaded.
 */
export function SpacesPage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.title'));
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(search)), [search]);
  const query = useMemo(() => searchQueryOf(filters), [filters]);
  const spaces = useSpaceSearch(query);
  const items = useMemo(() => spaces.data?.pages.flatMap((p) => p.items) ?? [], [spaces.data]);
  const filtered = search !== '';
  const instance = useInstance();
  const me = useMe();
  // Organisations (and visitors, who sign in on the way) may declare what they did not find.
  const mayDeclare = !me.data || hasRole(me.data, 'member', 'org_admin');
  const wide = useMediaQuery(WIDE);
  const [view, setView] = useState<'list' | 'map'>('list');
  // On a phone the map (and Leaflet) loads the first time it is asked for, then stays.
  const [mapWanted, setMapWanted] = useState(false);
  const showMap = wide || view === 'map';
  if (showMap && !mapWanted) setMapWanted(true);
  const [highlighted, setHighlighted] = useState<string | null>(null);

  const onSearch = (next: SearchFilters) => setParams(paramsFromFilters(next));
  const onAreaChange = useCallback(
    (bbox: string) =>
      setParams((current) => paramsFromFilters(withMapArea(filtersFromParams(current), bbox)), {
        replace: true,
      }),
    [setParams],
  );
  const onHighlight = useCallback((space: Space | null) => setHighlighted(space?.site.id ?? null), []);
  const spaceLink = useCallback((s: Space) => paths.space(s.id), []);

  return (
    <div className="page page--search">
      <h1>{t('spaces.title')}</h1>
      <p className="lead">{t('spaces.intro')}</p>
      <SpaceSearchForm key={search} initial={filters} onSearch={onSearch} />
      <div className="search-bar">
        <p className="muted search-bar__count" role="status">
          {spaces.data &&
            (spaces.isFetching && !spaces.isFetchingNextPage
              ? t('common.loading')
              : filtered
                ? t(filters.bbox ? 'search.foundInArea' : 'search.found', {
                    count: items.length,
                    more: spaces.hasNextPage ? '+' : '',
                  })
                : '')}
        </p>
        {filters.bbox && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => onSearch({ ...filters, bbox: '' })}
          >
            {t('search.forgetArea')}
          </button>
        )}
        <div className="search-bar__toggle" role="group" aria-label={t('map.show')}>
          {(['list', 'map'] as const).map((v) => (
            <button
              key={v}
              type="button"
              className="button button--secondary"
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {t(v === 'list' ? 'map.listView' : 'map.mapView')}
            </button>
          ))}
        </div>
      </div>
      <div className={`search-layout search-layout--${view}`}>
        <section className="search-layout__map" aria-labelledby="map-title" aria-describedby="map-help">
          <a className="skip-inline" href="#resultats">
            {t('map.skip')}
          </a>
          <h2 id="map-title" className="visually-hidden">
            {t('map.title')}
          </h2>
          <p id="map-help" className="visually-hidden">
            {t('map.help')}
          </p>
          {mapWanted && (
            <Suspense fallback={<p className="search-map__loading">{t('map.loading')}</p>}>
              <SearchMap
                spaces={items}
                highlightedSiteId={highlighted}
                area={filters.bbox}
                onAreaChange={onAreaChange}
                spaceLink={spaceLink}
                tileUrl={instance.data?.mapStyleUrl}
              />
            </Suspense>
          )}
        </section>
        <section
          id="resultats"
          tabIndex={-1}
          aria-labelledby="results-title"
          className="search-results search-layout__list"
        >
          <h2 id="results-title" className="visually-hidden">
            {t('search.results')}
          </h2>
          {spaces.isPending && <p role="status">{t('common.loading')}</p>}
          {spaces.isError && (
            <div className="alert alert--error" role="alert">
              <p>{errorMessage(spaces.error, t)}</p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void spaces.refetch()}
              >
                {t('common.retry')}
              </button>
            </div>
          )}
          {spaces.data && (
            <>
              <SpaceList
                spaces={items}
                linkTo={spaceLink}
                empty={filtered ? t(filters.bbox ? 'search.emptyArea' : 'search.empty') : undefined}
                onHighlight={onHighlight}
              />
              {filtered && items.length === 0 && !spaces.hasNextPage && mayDeclare && (
                <p className="alert alert--info need-cta">
                  {t('search.noMatchNeed')}{' '}
                  <Link
                    to={`${paths.newNeed}?${paramsFromFilters({ ...filters, bbox: '', near: '' }).toString()}`}
                  >
                    {t('search.declareNeed')}
                  </Link>
                </p>
              )}
              {spaces.hasNextPage && (
                <p className="search-results__more">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void spaces.fetchNextPage()}
                    disabled={spaces.isFetchingNextPage}
                  >
                    {spaces.isFetchingNextPage ? t('common.loading') : t('search.moreResults')}
                  </button>
                </p>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
