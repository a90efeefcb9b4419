import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@lieux/contracts';
import { regionsQueryOptions } from '../features/admin/api/regions';
import { sitesQueryOptions } from '../features/sites/api/get-sites';

/**
 * What a staff member (no organisation) answers for, under their name in the header: "Gestionnaire de
 * site · Lyon Part-Dieu", "Délégué·e régional·e · Bretagne", "Administration nationale".
 */
export function StaffScope({ user }: { user: User }) {
  const { t } = useTranslation();
  const managed = user.roles.filter((r) => r.role === 'site_manager' && r.siteId).map((r) => r.siteId!);
  const regionCodes = user.roles
    .filter((r) => r.role === 'delegate' && r.regionCode)
    .map((r) => r.regionCode!);
  const sites = useQuery({ ...sitesQueryOptions(), enabled: managed.length > 0 });
  const regions = useQuery({ ...regionsQueryOptions(), enabled: regionCodes.length > 0 });

  const parts: string[] = [];
  if (managed.length > 0) {
    const names = managed.map((id) => sites.data?.items.find((s) => s.id === id)?.name).filter(Boolean);
    const scope = managed.length === 1 ? names[0] : t('nav.scope.sites', { count: managed.length });
    parts.push(scope ? `${t('nav.scope.siteManager')} · ${scope}` : t('nav.scope.siteManager'));
  }
  if (regionCodes.length > 0) {
    const names = regionCodes.map((c) => regions.data?.items.find((r) => r.code === c)?.name ?? c);
    parts.push(`${t('nav.scope.delegate')} · ${names.join(', ')}`);
  }
  if (user.roles.some((r) => r.role === 'admin')) parts.push(t('nav.scope.admin'));
  if (parts.length === 0) return null;
  const text = parts.join(' — ');
  return (
    <span className="whoami__org" title={text}>
      {text}
    </span>
  );
}
