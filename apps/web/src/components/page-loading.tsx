import { useTranslation } from 'react-i18next';

/**
 * What a page shows while its code and words arrive: the shape of a page (a title, a lead, a block) in
 * the room the page will take, so that the header stays put and the footer stays below the first screen
 * when the page replaces it. Announced once, politely.
 */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status" aria-busy="true">
      <p className="page-loading__text">{t('common.loading')}</p>
      <div className="page-loading__shape" aria-hidden="true">
        <span className="skeleton skeleton--title" />
        <span className="skeleton skeleton--line" />
        <span className="skeleton skeleton--block" />
      </div>
    </div>
  );
}
