import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Space } from '@lieux/contracts';
import { errorMessage } from '../../../lib/error-message';
import { useMoveSpace, useSiteSpaces } from '../api/site-spaces';

/** The spaces of a site with their status, and the buttons to edit, publish or archive each, aligned. */
export function SiteSpacesTable({ siteId, editPath }: { siteId: string; editPath: (s: Space) => string }) {
  const { t } = useTranslation();
  const spaces = useSiteSpaces(siteId);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const move = useMoveSpace(siteId, {
    onSuccess: (s, to) =>
      setNotice({
        kind: 'ok',
        text: t(to === 'publish' ? 'manage.spaces.published' : 'manage.spaces.archived', { name: s.name }),
      }),
    onError: (e) => setNotice({ kind: 'error', text: errorMessage(e, t) }),
  });

  if (spaces.isPending) return <p role="status">{t('common.loading')}</p>;
  if (spaces.isError)
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(spaces.error, t)}
      </p>
    );
  const items = [...spaces.data.items].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return (
    <div className="stack">
      <div role="status">
        {notice?.kind === 'ok' && <p className="alert alert--success">{notice.text}</p>}
      </div>
      {notice?.kind === 'error' && (
        <p className="alert alert--error" role="alert">
          {notice.text}
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">{t('manage.spaces.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards spaces-table">
            <caption className="visually-hidden">{t('manage.spaces.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manage.spaces.name')}</th>
                <th scope="col">{t('spaces.fields.kind')}</th>
                <th scope="col" className="num">
                  {t('spaces.fields.capacity')}
                </th>
                <th scope="col" className="num">
                  {t('spaces.fields.area')}
                </th>
                <th scope="col">{t('manage.spaces.status')}</th>
                <th scope="col" className="spaces-table__actions-head">
                  {t('manage.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={editPath(s)}>{s.name}</Link>
                  </th>
                  <td data-label={t('spaces.fields.kind')}>{t(`spaces.kind.${s.kind}`)}</td>
                  <td className="num" data-label={t('spaces.fields.capacity')}>
                    {s.capacity}
                  </td>
                  <td className="num" data-label={t('spaces.fields.area')}>
                    {t('spaces.area', { value: s.areaSqm })}
                  </td>
                  <td data-label={t('manage.spaces.status')}>
                    <span className={`status status--${s.status}`}>{t(`manage.status.${s.status}`)}</span>
                  </td>
                  <td>
                    {/* Three places, each action always in its own: the buttons line up from row to row. */}
                    <div className="spaces-table__actions">
                      <Link
                        className="button button--secondary button--small"
                        to={editPath(s)}
                        aria-label={t('manage.spaces.editLabel', { name: s.name })}
                      >
                        {t('siteManage.spaces.edit')}
                      </Link>
                      {s.status !== 'published' ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={move.isPending}
                          aria-label={t('manage.spaces.publishLabel', { name: s.name })}
                          onClick={() => {
                            setNotice(null);
                            move.mutate({ spaceId: s.id, to: 'publish' });
                          }}
                        >
                          {t('manage.spaces.publish')}
                        </button>
                      ) : (
                        <span aria-hidden="true" />
                      )}
                      {s.status !== 'archived' ? (
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          disabled={move.isPending}
                          aria-label={t('manage.spaces.archiveLabel', { name: s.name })}
                          onClick={() => {
                            setNotice(null);
                            move.mutate({ spaceId: s.id, to: 'archive' });
                          }}
                        >
                          {t('manage.spaces.archive')}
                        </button>
                      ) : (
                        <span aria-hidden="true" />
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
