import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDownloadMyData } from '../../features/account/api/personal-data';
import { DeleteAccountDialog } from '../../features/account/components/delete-account-dialog';
import { SessionsList } from '../../features/account/components/sessions-list';
import { useMe } from '../../features/auth/api/get-me';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { setLoginNotice } from '../../lib/login-notice';
import { paths } from '../paths';

export function AccountPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('account.title'));
  const me = useMe();
  const download = useDownloadMyData();
  const [deleting, setDeleting] = useState(false);
  const user = me.data;

  return (
    <div className="page">
      <h1>{t('account.title')}</h1>
      <p className="lead">{t('account.intro')}</p>
      {me.isPending && <p role="status">{t('common.loading')}</p>}
      {me.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(me.error, t)}
        </p>
      )}
      {user && (
        <div className="account-grid">
          <section className="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{t('account.profile.title')}</h2>
            <dl className="facts facts--wide">
              <div>
                <dt>{t('account.profile.name')}</dt>
                <dd>{user.displayName}</dd>
              </div>
              <div>
                <dt>{t('account.profile.email')}</dt>
                <dd>{user.email}</dd>
              </div>
              <div>
                <dt>{t('account.profile.organisation')}</dt>
                <dd>
                  {user.organisation ? (
                    <>
                      {user.organisation.name}{' '}
                      <span
                        className={`status status--${user.organisation.verification === 'verified' ? 'confirmed' : user.organisation.verification}`}
                      >
                        {t(`verification.${user.organisation.verification}`)}
                      </span>
                    </>
                  ) : (
                    t('account.profile.noOrganisation')
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('account.profile.roles')}</dt>
                <dd>
                  <ul className="plain-list">
                    {user.roles.map((r) => (
                      <li key={`${r.role}-${r.organisationId ?? ''}-${r.siteId ?? ''}-${r.regionCode ?? ''}`}>
                        {t(`roles.${r.role}`)}
                        {r.regionCode && <> · {t('account.profile.region', { code: r.regionCode })}</>}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            </dl>
          </section>

          <section className="panel" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t('account.sessions.title')}</h2>
            <p className="muted">{t('account.sessions.intro')}</p>
            <SessionsList />
          </section>

          <section className="panel" aria-labelledby="data-title">
            <h2 id="data-title">{t('account.data.title')}</h2>
            <p className="muted">{t('account.data.intro')}</p>
            {download.isError && (
              <p className="alert alert--error" role="alert">
                {errorMessage(download.error, t)}
              </p>
            )}
            <p className="actions">
              <button
                type="button"
                className="button button--secondary"
                disabled={download.isPending}
                onClick={() => download.mutate()}
              >
                {t('account.data.download')}
              </button>
            </p>
          </section>

          <section className="panel panel--danger" aria-labelledby="delete-title">
            <h2 id="delete-title">{t('account.delete.heading')}</h2>
            <p className="muted">{t('account.delete.intro')}</p>
            <p className="actions">
              <button type="button" className="button button--danger" onClick={() => setDeleting(true)}>
                {t('account.delete.open')}
              </button>
            </p>
          </section>
        </div>
      )}
      {deleting && (
        <DeleteAccountDialog
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setLoginNotice('accountDeleted');
            return navigate(paths.login, { replace: true });
          }}
        />
      )}
    </div>
  );
}
