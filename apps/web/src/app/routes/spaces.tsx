import { useTranslation } from 'react-i18next';
import { useSpaces } from '../../features/spaces/api/get-spaces';
import { SpaceList } from '../../features/spaces/components/space-list';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';

export function SpacesPage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.title'));
  const spaces = useSpaces();
  return (
    <div className="page">
      <h1>{t('spaces.title')}</h1>
      <p className="lead">{t('spaces.intro')}</p>
      {spaces.isPending && <p role="status">{t('common.loading')}</p>}
      {spaces.isError && (
        <div className="alert alert--error" role="alert">
          <p>{errorMessage(spaces.error, t)}</p>
          <button type="button" className="button button--secondary" onClick={() => void spaces.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {spaces.data && <SpaceList spaces={spaces.data.items} linkTo={(s) => `/espaces/${s.id}`} />}
    </div>
  );
}
