import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateUserForm, type SiteOption } from '../../features/admin/components/create-user-form';
import { useSpaces } from '../../features/spaces/api/get-spaces';
import { usePageTitle } from '../../hooks/use-page-title';

export function AdminAccountsPage() {
  const { t } = useTranslation();
  usePageTitle(t('adminAccounts.title'));
  // Sites come from the published spaces for now (no site listing on the web yet).
  const spaces = useSpaces(200);
  const sites = useMemo(() => {
    const byId = new Map<string, SiteOption>();
    for (const s of spaces.data?.items ?? []) {
      byId.set(s.site.id, { id: s.site.id, name: s.site.name, commune: s.site.commune });
    }
    return [...byId.values()];
  }, [spaces.data]);

  return (
    <div className="page">
      <h1>{t('adminAccounts.title')}</h1>
      <p className="lead">{t('adminAccounts.intro')}</p>
      <section className="panel panel--form" aria-labelledby="create-title">
        <h2 id="create-title">{t('adminAccounts.createTitle')}</h2>
        <CreateUserForm sites={sites} />
      </section>
    </div>
  );
}
