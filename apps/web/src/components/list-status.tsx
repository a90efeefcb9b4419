import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/error-message';

interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: unknown;
}

/**
 * What a list says before its rows: that it is loading, why it failed, or — once loaded with no row —
 * its empty message (with any way out of it, a link or a button).
 */
export function ListStatus({
  query,
  isEmpty,
  empty,
}: {
  query: ListQuery;
  isEmpty: boolean;
  empty: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      {query.isPending && <p role="status">{t('common.loading')}</p>}
      {query.isError && (
        <div className="alert alert--error" role="alert">
          <p>{errorMessage(query.error, t)}</p>
        </div>
      )}
      {query.data !== undefined && isEmpty && <div className="empty">{empty}</div>}
    </>
  );
}
