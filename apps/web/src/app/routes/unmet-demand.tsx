import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ESS_THEMES, SPACE_KINDS, type EssTheme, type SpaceKind } from '@lieux/contracts';
import { useInstance } from '../../api/instance';
import { Field } from '../../components/field';
import { useRegions } from '../../features/admin/api/regions';
import { useMe } from '../../features/auth/api/get-me';
import {
  downloadUnmetDemandCsv,
  useUnmetDemand,
  type UnmetDemandParams,
} from '../../features/needs/api/needs';
import { COMMUNE_ZOOM, tableRows } from '../../features/needs/unmet-demand';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { currentLanguage } from '../../lib/i18n';
import { paths } from '../paths';
import '../../styles/needs.css';

// Leaflet and the outlines come with the map, after the table.
const UnmetDemandMap = lazy(() => import('../../features/needs/components/unmet-demand-map'));

const GROUPS = ['departement', 'commune'] as const;
type Group = (typeof GROUPS)[number];

/**
 * "Demande non satisfaite": open needs no space meets, by département (or commune), kind and area, with the
 * hours wanted; where La Poste could open more m². A delegate sees their région, an admin any or the
 * nation. The question is in the address (`?perimetre=region:76&par=commune&type=workshop`).
 */
export function UnmetDemandPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  usePageTitle(t('unmetDemand.title'));
  const me = useMe();
  const regions = useRegions();
  const instance = useInstance();
  const [params, setParams] = useSearchParams();
  const admin = !!me.data?.roles.some((r) => r.role === 'admin');
  const own = (me.data?.roles ?? []).filter((r) => r.role === 'delegate').map((r) => r.regionCode!);
  const choices = admin
    ? ['national', ...(regions.data?.items ?? []).map((r) => `region:${r.code}`)]
    : own.map((c) => `region:${c}`);
  const asked = params.get('perimetre');
  const scope = asked && choices.includes(asked) ? asked : choices[0];
  const groupBy: Group = params.get('par') === 'commune' ? 'commune' : 'departement';
  const kindParam = params.get('type');
  const kind = (SPACE_KINDS as readonly string[]).includes(kindParam ?? '')
    ? (kindParam as SpaceKind)
    : undefined;
  const themeParam = params.get('theme');
  const theme = (ESS_THEMES as readonly string[]).includes(themeParam ?? '')
    ? (themeParam as EssTheme)
    : undefined;
  const [zoom, setZoom] = useState(0);
  const [csv, setCsv] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const query: UnmetDemandParams = { scope: scope ?? 'national', groupBy, kind, theme };
  const report = useUnmetDemand(query, !!scope);
  const mapGroup: Group = groupBy === 'commune' || zoom >= COMMUNE_ZOOM ? 'commune' : 'departement';
  const mapReport = useUnmetDemand({ ...query, groupBy: mapGroup }, !!scope);

  const set = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const name = (s: string) =>
    s === 'national'
      ? t('reports.national')
      : (regions.data?.items.find((r) => `region:${r.code}` === s)?.name ?? s.replace('region:', ''));
  const number = (n: number) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB').format(n);
  const hours = (n: number) =>
    new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
  const rows = report.data ? tableRows(report.data.rows) : [];

  const download = async () => {
    setCsv({ busy: true, error: null });
    try {
      await downloadUnmetDemandCsv(query);
      setCsv({ busy: false, error: null });
    } catch (error) {
      setCsv({ busy: false, error });
    }
  };

  return (
    <div className="page page--wide">
      <p className="breadcrumb">
        <Link to={paths.reports}>
          <span aria-hidden="true">← </span>
          {t('unmetDemand.back')}
        </Link>
      </p>
      <h1>{t('unmetDemand.title')}</h1>
      <p className="lead">{t('unmetDemand.intro')}</p>
      <form
        className="panel demand-filters"
        aria-label={t('unmetDemand.filters')}
        noValidate
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label={t('reports.scope')}>
          {(c) => (
            <select {...c} value={scope ?? ''} onChange={(e) => set('perimetre', e.target.value)}>
              {choices.map((s) => (
                <option key={s} value={s}>
                  {name(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('unmetDemand.groupBy')}>
          {(c) => (
            <select
              {...c}
              value={groupBy}
              onChange={(e) => set('par', e.target.value === 'commune' ? 'commune' : undefined)}
            >
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`unmetDemand.groups.${g}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('unmetDemand.kind')}>
          {(c) => (
            <select {...c} value={kind ?? ''} onChange={(e) => set('type', e.target.value || undefined)}>
              <option value="">{t('unmetDemand.anyKind')}</option>
              {SPACE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`spaces.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('unmetDemand.theme')}>
          {(c) => (
            <select {...c} value={theme ?? ''} onChange={(e) => set('theme', e.target.value || undefined)}>
              <option value="">{t('unmetDemand.anyTheme')}</option>
              {ESS_THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(`essThemes.${th}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {report.isError && (
        <p className="alert alert--error" role="alert">
          {errorMessage(report.error, t)}
        </p>
      )}
      {report.data && (
        <p className="demand-totals" role="status">
          {t('unmetDemand.totals', {
            count: report.data.totals.needs,
            organisations: number(report.data.totals.organisations),
            hours: hours(report.data.totals.hoursWanted),
          })}
        </p>
      )}
      <div className="demand-layout">
        <section className="demand-map" aria-labelledby="demand-map-title">
          <h2 id="demand-map-title">{t('unmetDemand.map.title')}</h2>
          <p className="muted">{t('unmetDemand.map.help')}</p>
          <div className="demand-map__frame" data-testid="unmet-demand-map">
            <Suspense fallback={<p className="search-map__loading">{t('map.loading')}</p>}>
              <UnmetDemandMap
                rows={mapReport.data?.rows ?? []}
                frameKey={`${scope}|${kind ?? ''}|${theme ?? ''}`}
                onZoom={setZoom}
                tileUrl={instance.data?.mapStyleUrl}
              />
            </Suspense>
          </div>
        </section>
        <section className="demand-table" aria-labelledby="demand-table-title">
          <div className="panel__header">
            <h2 id="demand-table-title">{t(`unmetDemand.table.title.${groupBy}`)}</h2>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void download()}
              disabled={csv.busy || !scope}
            >
              {csv.busy ? t('unmetDemand.csvBusy') : t('unmetDemand.csv')}
            </button>
          </div>
          {!!csv.error && (
            <p className="alert alert--error" role="alert">
              {errorMessage(csv.error, t)}
            </p>
          )}
          {report.isPending && <p role="status">{t('common.loading')}</p>}
          {report.data && rows.length === 0 && <p className="empty">{t('unmetDemand.empty')}</p>}
          {rows.length > 0 && (
            <div
              className="table-wrap"
              tabIndex={0}
              role="region"
              aria-label={t(`unmetDemand.table.title.${groupBy}`)}
            >
              <table className="table table--compact">
                <caption className="visually-hidden">{t(`unmetDemand.table.title.${groupBy}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`unmetDemand.table.place.${groupBy}`)}</th>
                    <th scope="col">{t('unmetDemand.table.kind')}</th>
                    <th scope="col">{t('unmetDemand.table.area')}</th>
                    <th scope="col" className="num">
                      {t('unmetDemand.table.needs')}
                    </th>
                    <th scope="col" className="num">
                      {t('unmetDemand.table.organisations')}
                    </th>
                    <th scope="col" className="num">
                      {t('unmetDemand.table.occurrences')}
                    </th>
                    <th scope="col" className="num">
                      {t('unmetDemand.table.hours')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${r.code}|${r.kind ?? ''}|${r.areaBand}`}>
                      <th scope="row">
                        {r.name} <span className="muted">({r.code})</span>
                      </th>
                      <td>{r.kind ? t(`spaces.kind.${r.kind}`) : t('unmetDemand.anyKindShort')}</td>
                      <td>{t(`unmetDemand.bands.${r.areaBand}`)}</td>
                      <td className="num">{number(r.needs)}</td>
                      <td className="num">{number(r.organisations)}</td>
                      <td className="num">{number(r.occurrencesWanted)}</td>
                      <td className="num">{hours(r.hoursWanted)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
