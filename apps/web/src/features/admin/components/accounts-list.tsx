import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Account, type Role } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { ListStatus } from '../../../components/list-status';
import { Modal } from '../../../components/modal';
import { errorMessage } from '../../../lib/error-message';
import { useAccountAction, useAccounts, type AccountFilters } from '../api/accounts';
import { useRegions } from '../api/regions';
import { RolesDialog } from './roles-dialog';
import '../../../styles/admin.css';

type Pending = { kind: 'roles' | 'deactivate'; account: Account } | null;

/** Every account: searched by name or address, filtered by role, with what an admin may do to each. */
export function AccountsList({
  filters,
  onFilter,
  selfId,
}: {
  filters: AccountFilters;
  onFilter: (f: AccountFilters) => void;
  selfId: string | undefined;
}) {
  const { t } = useTranslation();
  const accounts = useAccounts(filters);
  const regions = useRegions();
  const [draft, setDraft] = useState(filters);
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAccountAction({
    onSuccess: (a, done) => {
      setPending(null);
      setNotice(t(`accounts.done.${done.kind}`, { name: a.displayName, email: a.email }));
    },
  });
  const items = accounts.data?.pages.flatMap((p) => p.items) ?? [];
  const regionName = (code: string) => regions.data?.items.find((r) => r.code === code)?.name ?? code;

  const grantLabel = (g: Account['roles'][number]) =>
    g.siteName
      ? `${t(`roles.${g.role}`)} · ${g.siteName}`
      : g.regionCode
        ? `${t(`roles.${g.role}`)} · ${regionName(g.regionCode)}`
        : t(`roles.${g.role}`);

  const search = (e: FormEvent) => {
    e.preventDefault();
    onFilter({ q: draft.q.trim(), role: draft.role });
  };

  return (
    <>
      <form
        className="audit-filters"
        role="search"
        aria-label={t('accounts.searchLabel')}
        noValidate
        onSubmit={search}
      >
        <Field label={t('accounts.search')}>
          {(c) => (
            <input
              {...c}
              type="search"
              value={draft.q}
              autoComplete="off"
              onChange={(e) => setDraft((d) => ({ ...d, q: e.target.value }))}
            />
          )}
        </Field>
        <Field label={t('accounts.roleFilter')}>
          {(c) => (
            <select
              {...c}
              value={draft.role}
              onChange={(e) => setDraft((d) => ({ ...d, role: e.target.value as Role | '' }))}
            >
              <option value="">{t('accounts.anyRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="audit-filters__actions">
          <button type="submit" className="button button--primary">
            {t('accounts.searchSubmit')}
          </button>
        </div>
      </form>
      <div role="status">{notice && <p className="alert alert--success">{notice}</p>}</div>
      {action.isError && !pending && (
        <p className="alert alert--error" role="alert">
          {errorMessage(action.error, t)}
        </p>
      )}
      <ListStatus query={accounts} isEmpty={items.length === 0} empty={<p>{t('accounts.empty')}</p>} />
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">{t('accounts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.columns.person')}</th>
                <th scope="col">{t('accounts.columns.roles')}</th>
                <th scope="col">{t('accounts.columns.status')}</th>
                <th scope="col">{t('accounts.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <span className="block">{a.displayName}</span>
                    <span className="muted block audit-email">{a.email}</span>
                    {a.organisation && <span className="muted block">{a.organisation.name}</span>}
                  </th>
                  <td>
                    <ul className="plain-list">
                      {a.roles.map((g, i) => (
                        <li key={i}>{grantLabel(g)}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {a.deactivatedAt ? (
                      <span className="tag tag--muted">{t('accounts.status.deactivated')}</span>
                    ) : a.invitationPending ? (
                      <span className="tag tag--muted">{t('accounts.status.invited')}</span>
                    ) : (
                      <span className="tag">{t('accounts.status.active')}</span>
                    )}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={t('accounts.changeRolesOf', { name: a.displayName })}
                        onClick={() => setPending({ kind: 'roles', account: a })}
                      >
                        {t('accounts.changeRoles')}
                      </button>
                      {a.invitationPending && !a.deactivatedAt && (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={t('accounts.resendTo', { name: a.displayName })}
                          disabled={action.isPending}
                          onClick={() => action.mutate({ kind: 'invitation', id: a.id })}
                        >
                          {t('accounts.resend')}
                        </button>
                      )}
                      {a.deactivatedAt ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={t('accounts.reactivateName', { name: a.displayName })}
                          disabled={action.isPending}
                          onClick={() => action.mutate({ kind: 'reactivate', id: a.id })}
                        >
                          {t('accounts.reactivate')}
                        </button>
                      ) : (
                        a.id !== selfId && (
                          <button
                            type="button"
                            className="button button--danger button--small"
                            aria-label={t('accounts.deactivateName', { name: a.displayName })}
                            onClick={() => setPending({ kind: 'deactivate', account: a })}
                          >
                            {t('accounts.deactivate')}
                          </button>
                        )
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {accounts.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={accounts.isFetchingNextPage}
          onClick={() => void accounts.fetchNextPage()}
        >
          {t('accounts.more')}
        </button>
      )}
      {pending?.kind === 'roles' && (
        <RolesDialog
          account={pending.account}
          onDone={(a) => {
            setPending(null);
            setNotice(t('accounts.done.roles', { name: a.displayName }));
          }}
          onClose={() => setPending(null)}
        />
      )}
      {pending?.kind === 'deactivate' && (
        <Modal
          title={t('accounts.deactivateTitle', { name: pending.account.displayName })}
          description={<p className="dialog__intro">{t('accounts.deactivateIntro')}</p>}
          initialFocus="cancel"
          busy={action.isPending}
          onClose={() => setPending(null)}
          actions={
            <button
              type="button"
              className="button button--danger"
              disabled={action.isPending}
              onClick={() => action.mutate({ kind: 'deactivate', id: pending.account.id })}
            >
              {t('accounts.deactivateConfirm')}
            </button>
          }
        >
          {action.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(action.error, t)}
            </p>
          )}
        </Modal>
      )}
    </>
  );
}
