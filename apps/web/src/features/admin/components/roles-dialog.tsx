import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '@lieux/contracts';
import { Field } from '../../../components/field';
import { Modal } from '../../../components/modal';
import { errorMessage } from '../../../lib/error-message';
import { useAccountAction, useAllSites } from '../api/accounts';
import { useRegions } from '../api/regions';

/**
 * A person's staff roles, changed together: the sites they manage, the région they are delegate of, and
 * whether they are an admin. Their roles in an organisation are not the console's to change.
 */
export function RolesDialog({
  account,
  onDone,
  onClose,
}: {
  account: Account;
  onDone: (a: Account) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const sites = useAllSites();
  const regions = useRegions();
  const [siteIds, setSiteIds] = useState(() =>
    account.roles.filter((g) => g.role === 'site_manager').map((g) => g.siteId!),
  );
  const [regionCode, setRegionCode] = useState(
    () => account.roles.find((g) => g.role === 'delegate')?.regionCode ?? '',
  );
  const [admin, setAdmin] = useState(() => account.roles.some((g) => g.role === 'admin'));
  const action = useAccountAction({ onSuccess: (a) => onDone(a) });
  const sorted = useMemo(
    () => [...(sites.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    [sites.data],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.mutate({
      kind: 'roles',
      id: account.id,
      body: { siteIds, regionCode: regionCode || null, admin },
    });
  };

  return (
    <Modal
      title={t('accounts.rolesTitle', { name: account.displayName })}
      description={<p className="dialog__intro">{t('accounts.rolesIntro')}</p>}
      closeButton
      busy={action.isPending}
      onSubmit={submit}
      onClose={onClose}
      actions={
        <button type="submit" className="button button--primary" disabled={action.isPending}>
          {action.isPending ? t('accounts.saving') : t('accounts.saveRoles')}
        </button>
      }
    >
      {action.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(action.error, t)}
        </p>
      )}
      <fieldset className="fieldset fieldset--plain">
        <legend>{t('accounts.sitesManaged')}</legend>
        {sites.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : (
          <div className="choices choices--grid accounts-sites">
            {sorted.map((s) => (
              <label key={s.id} className="choice">
                <input
                  type="checkbox"
                  checked={siteIds.includes(s.id)}
                  onChange={(e) =>
                    setSiteIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id)))
                  }
                />{' '}
                {s.name}
                <span className="muted"> · {s.commune}</span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <Field className="field--medium" label={t('accounts.delegateOf')}>
        {(c) => (
          <select {...c} value={regionCode} onChange={(e) => setRegionCode(e.target.value)}>
            <option value="">{t('accounts.noRegion')}</option>
            {regions.data?.items.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <label className="choice">
        <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} />{' '}
        {t('roles.admin')}
      </label>
    </Modal>
  );
}
