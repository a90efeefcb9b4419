import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/api/get-me';
import { useRegions } from '../../features/admin/api/regions';
import { OccupancyDashboard } from '../../features/reports/components/occupancy-dashboard';
import { PrintButton } from '../../components/print-button';
import { usePageTitle } from '../../hooks/use-page-title';

const year = new Date().getFullYear();

/** Occupancy reports: a delegate's own region(s), or any region and the nation for an admin. */
export function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  const me = useMe();
  const regions = useRegions();
  const admin = !!me.data?.roles.some((r) => r.role === 'admin');
  const own = (me.data?.roles ?? []).filter((r) => r.role === 'delegate').map((r) => r.regionCode!);
  const choices = admin
    ? ['national', ...(regions.data?.items ?? []).map((r) => `region:${r.code}`)]
    : own.map((c) => `region:${c}`);
  const [picked, setPicked] = useState<string | null>(null);
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const scope = picked ?? choices[0];
  const name = (s: string) =>
    s === 'national'
      ? t('reports.national')
      : (regions.data?.items.find((r) => `region:${r.code}` === s)?.name ?? s.replace('region:', ''));

  return (
    <div className="page page--wide">
      <div className="page-title">
        <h1>{t('reports.title')}</h1>
        <PrintButton />
      </div>
      <p className="lead">{t('reports.intro')}</p>
      <form className="occupancy-filters" noValidate onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('reports.scope')}
          <select value={scope ?? ''} onChange={(e) => setPicked(e.target.value)}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {name(c)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.from')}
          <input
            type="date"
            value={from}
            max={to}
            onChange={(e) => e.target.value && setFrom(e.target.value)}
          />
        </label>
        <label>
          {t('reports.to')}
          <input
            type="date"
            value={to}
            min={from}
            onChange={(e) => e.target.value && setTo(e.target.value)}
          />
        </label>
      </form>
      {scope ? (
        <OccupancyDashboard scope={scope} from={from} to={to} />
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </div>
  );
}
