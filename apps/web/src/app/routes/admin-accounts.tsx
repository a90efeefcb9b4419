import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@lieux/contracts';
import { useAllSites, type AccountFilters } from '../../features/admin/api/accounts';
import { AccountsList } from '../../features/admin/components/accounts-list';
import { CreateUserForm } from '../../features/admin/components/create-user-form';
import { useMe } from '../../features/auth/api/get-me';
import { usePageTitle } from '../../hooks/use-page-title';

export function AdminAccountsPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminAccounts.title'));
  const [params, setParams] = useSearchParams();
  const role = params.get('role') ?? '';
  const filters: AccountFilters = {
    q: params.get('q') ?? '',
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : '',
  };
  const sites = useAllSites();
  const siteOptions = useMemo(
    () => (sites.data?.items ?? []).map((s) => ({ id: s.id, name: s.name, commune: s.commune })),
    [sites.data],
  );
  const me = useMe();

  return (
    <div className="page page--wide">
      <h1>{t('adminAccounts.title')}</h1>
      <p className="lead">{t('accounts.intro')}</p>
      <section aria-labelledby="accounts-title">
        <h2 id="accounts-title">{t('accounts.listTitle')}</h2>
        <AccountsList
          key={params.toString()}
          filters={filters}
          selfId={me.data?.id}
          onFilter={(f) => {
            const next = new URLSearchParams();
            if (f.q) next.set('q', f.q);
            if (f.role) next.set('role', f.role);
            setParams(next);
          }}
        />
      </section>
      <section className="panel panel--form" aria-labelledby="create-title">
        <h2 id="create-title">{t('adminAccounts.createTitle')}</h2>
        <p>{t('adminAccounts.intro')}</p>
        <CreateUserForm sites={siteOptions} />
      </section>
    </div>
  );
}
