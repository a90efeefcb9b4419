import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { OCCUPANCY_MAX_DAYS } from '@lieux/contracts';
import { Field } from '../../components/field';
import { useMe } from '../../features/auth/api/get-me';
import { useRegions } from '../../features/admin/api/regions';
import { OccupancyDashboard } from '../../features/reports/components/occupancy-dashboard';
import { PrintButton } from '../../components/print-button';
import { usePageTitle } from '../../hooks/use-page-title';
import { todayIn } from '../../lib/wall-clock';
import { paths } from '../paths';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Why a period cannot be reported on, as a key of `reports.errors`; null when it can. */
function periodError(from: string, to: string): 'fromRequired' | 'toRequired' | 'order' | 'tooLong' | null {
  if (!DAY.test(from)) return 'fromRequired';
  if (!DAY.test(to)) return 'toRequired';
  if (from > to) return 'order';
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= OCCUPANCY_MAX_DAYS) return 'tooLong';
  return null;
}

/**
 * Occupancy reports: a delegate's own region(s), or any region and the nation for an admin, and a site of
 * it. The scope, the site and the period are in the address, so that a report can be bookmarked, shared,
 * and left with the browser's back button.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.title'));
  const me = useMe();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const admin = !!me.data?.roles.some((r) => r.role === 'admin');
  const own = (me.data?.roles ?? []).filter((r) => r.role === 'delegate').map((r) => r.regionCode!);
  const choices = admin
    ? ['national', ...(regions.data?.items ?? []).map((r) => `region:${r.code}`)]
    : own.map((c) => `region:${c}`);
  const asked = params.get('perimetre');
  const scope = asked && choices.includes(asked) ? asked : choices[0];
  const site = UUID.test(params.get('site') ?? '') ? params.get('site') : null;
  // This year in Paris, asked at each render: a tab left open over New Year moves on with it.
  const year = todayIn('Europe/Paris').slice(0, 4);
  const from = DAY.test(params.get('du') ?? '') ? params.get('du')! : `${year}-01-01`;
  const to = DAY.test(params.get('au') ?? '') ? params.get('au')! : `${year}-12-31`;
  // What is typed but cannot be reported on yet (an end before the start): shown, not applied.
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const shown = draft ?? { from, to };
  const error = draft ? periodError(draft.from, draft.to) : null;

  const name = (s: string) =>
    s === 'national'
      ? t('reports.national')
      : (regions.data?.items.find((r) => `region:${r.code}` === s)?.name ?? s.replace('region:', ''));
  const search = (next: { scope: string; site?: string | null; from: string; to: string }) => {
    const p = new URLSearchParams({ perimetre: next.scope, du: next.from, au: next.to });
    if (next.site) p.set('site', next.site);
    return `?${p.toString()}`;
  };
  // The period as last typed, until the address has it: two quick changes (the start, then the end)
  // build on each other, not each on the address before the first reached it.
  const typed = useRef<{ from: string; to: string } | null>(null);
  useEffect(() => {
    typed.current = null;
  }, [from, to]);
  const setPeriod = (change: Partial<{ from: string; to: string }>) => {
    const next = { ...(typed.current ?? shown), ...change };
    typed.current = next;
    if (periodError(next.from, next.to)) return setDraft(next);
    setDraft(null);
    setParams(new URLSearchParams(search({ scope, site, ...next })), { replace: true });
  };

  return (
    <div className="page page--wide">
      <div className="page-title">
        <h1>{t('reports.title')}</h1>
        <PrintButton />
      </div>
      <p className="lead">{t('reports.intro')}</p>
      <p>
        <Link to={paths.unmetDemand}>{t('reports.unmetDemand')}</Link>
      </p>
      <form
        className="panel occupancy-filters"
        aria-label={t('reports.filters')}
        noValidate
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label={t('reports.scope')} className="occupancy-filters__scope">
          {(control) => (
            <select
              {...control}
              value={scope ?? ''}
              onChange={(e) => setParams(new URLSearchParams(search({ scope: e.target.value, from, to })))}
            >
              {choices.map((c) => (
                <option key={c} value={c}>
                  {name(c)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('reports.from')}
          error={error === 'fromRequired' ? t('reports.errors.fromRequired') : undefined}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={shown.from}
              onChange={(e) => setPeriod({ from: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('reports.to')}
          error={error && error !== 'fromRequired' ? t(`reports.errors.${error}`) : undefined}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              value={shown.to}
              onChange={(e) => setPeriod({ to: e.target.value })}
            />
          )}
        </Field>
      </form>
      {scope ? (
        <OccupancyDashboard
          scope={scope}
          scopeName={name(scope)}
          site={site}
          from={from}
          to={to}
          siteLink={(id) => search({ scope, site: id, from, to })}
          scopeLink={search({ scope, from, to })}
        />
      ) : (
        <p role="status">{t('common.loading')}</p>
      )}
    </div>
  );
}
