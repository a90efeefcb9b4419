import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSpaceSearch } from '../../features/spaces/api/search-spaces';
import {
  filtersFromParams,
  paramsFromFilters,
  searchQueryOf,
  type SearchFilters,
} from '../../features/spaces/components/search-filters';
import { SpaceList } from '../../features/spaces/components/space-list';
import { SpaceSearchForm } from '../../features/spaces/components/space-search-form';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';

/** The search of published spaces; its filters live in the address, so a search can be shared or reloaded. */
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

  const onSearch = (next: SearchFilters) => setParams(paramsFromFilters(next));

  return (
    <div className="page">
      <h1>{t('spaces.title')}</h1>
      <p className="lead">{t('spaces.intro')}</p>
      <SpaceSearchForm key={search} initial={filters} onSearch={onSearch} />
      <section aria-labelledby="results-title" className="search-results">
        <h2 id="results-title" className="visually-hidden">
          {t('search.results')}
        </h2>
        {spaces.isPending && <p role="status">{t('common.loading')}</p>}
        {spaces.isError && (
          <div className="alert alert--error" role="alert">
            <p>{errorMessage(spaces.error, t)}</p>
            <button type="button" className="button button--secondary" onClick={() => void spaces.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {spaces.data && (
          <>
            <p className="muted" role="status">
              {spaces.isFetching && !spaces.isFetchingNextPage
                ? t('common.loading')
                : filtered
                  ? t('search.found', { count: items.length, more: spaces.hasNextPage ? '+' : '' })
                  : ''}
            </p>
            <SpaceList
              spaces={items}
              linkTo={(s) => paths.space(s.id)}
              empty={filtered ? t('search.empty') : undefined}
            />
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
  );
}
