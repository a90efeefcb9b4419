import '../../../styles/staff.css';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OccupancyFigures, OccupancyRow } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { downloadOccupancyCsv, useOccupancy, type OccupancyParams } from '../api/get-occupancy';
import { OccupancyChart } from './occupancy-chart';

// The map carries the départements' boundaries: its code and data load with it only.
const OccupancyMap = lazy(() => import('./occupancy-map').then((m) => ({ default: m.OccupancyMap })));

const NO_ROWS: OccupancyRow[] = [];
/** The projects' themes (issue 15): hours and m²·h of the linked bookings, and the people reached. */
const THEME = 'theme' satisfies OccupancyParams['groupBy'];

type SortKey = 'label' | 'offeredSqmHours' | 'usedSqmHours' | 'rate' | 'bookings' | 'organisations';

function useFormat() {
  const lang = currentLanguage();
  return useMemo(() => {
    const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 0 });
    const percent = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      style: 'percent',
      maximumFractionDigits: 1,
    });
    return {
      number: (v: number | null) => (v === null ? '—' : number.format(v)),
      rate: (v: number | null) => (v === null ? '—' : percent.format(v)),
      month: (key: string) =>
        new Date(`${key}-01T12:00:00Z`).toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
          month: 'short',
          year: 'numeric',
        }),
    };
  }, [lang]);
}

/**
 * The delegate's dashboard: a scope over a period, in figures, by month, by site (or, for one site, by
 * space), kind and legal form. A site's name opens its own dashboard (`site`), with a way back.
 */
export function OccupancyDashboard({
  scope,
  scopeName,
  site,
  from,
  to,
  siteLink,
  scopeLink,
}: {
  scope: string;
  scopeName: string;
  site: string | null;
  from: string;
  to: string;
  /** Where a site's drill-down is (its address's search). */
  siteLink: (id: string) => string;
  scopeLink: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const period = { from, to };
  // The scope's sites are read in a site's view too: its name comes from them, and the way back is instant.
  const bySite = useOccupancy({ scope, ...period, groupBy: 'site' });
  const shown = site ? `site:${site}` : scope;
  const base = { scope: shown, ...period };
  const bySpace = useOccupancy({ ...base, groupBy: 'space' }, site !== null);
  const byMonth = useOccupancy({ ...base, groupBy: 'month' });
  const byKind = useOccupancy({ ...base, groupBy: 'kind' });
  const byForm = useOccupancy({ ...base, groupBy: 'legalForm' });
  const byTheme = useOccupancy({ ...base, groupBy: THEME });
  const totalsOf = site ? bySpace : bySite;
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState(false);

  const download = async (p: OccupancyParams) => {
    setDownloading(true);
    setDownloadError(false);
    try {
      await downloadOccupancyCsv(p);
    } catch {
      setDownloadError(true);
    } finally {
      setDownloading(false);
    }
  };

  if (bySite.isError || totalsOf.isError) return <p role="alert">{t('reports.error')}</p>;
  if (!bySite.data || !totalsOf.data) return <p role="status">{t('common.loading')}</p>;
  const totals = totalsOf.data.totals;
  const siteName = site ? (bySite.data.rows.find((r) => r.key === site)?.label ?? t('reports.site')) : null;

  return (
    <div className="occupancy">
      {siteName && (
        <>
          <p className="breadcrumb">
            <Link to={scopeLink}>
              <span aria-hidden="true">← </span>
              {t('reports.backTo', { scope: scopeName })}
            </Link>
          </p>
          <h2 className="occupancy__site">{siteName}</h2>
        </>
      )}
      <Headline totals={totals} format={f} />

      <p>
        <button
          type="button"
          className="button"
          disabled={downloading}
          onClick={() => void download({ ...base, groupBy: site ? 'space' : 'site' })}
        >
          {t('reports.downloadCsv')}
        </button>
        {downloadError && <span role="alert"> {t('reports.downloadFailed')}</span>}
      </p>

      <section aria-labelledby="by-month">
        <h2 id="by-month">{t('reports.byMonth')}</h2>
        <OccupancyChart rows={byMonth.data?.rows ?? NO_ROWS} format={f} />
      </section>

      {siteName ? (
        <section aria-labelledby="by-space">
          <h2 id="by-space">{t('reports.bySpace')}</h2>
          <FiguresTable
            caption={t('reports.spacesOf', { site: siteName })}
            rows={totalsOf.data.rows}
            format={f}
          />
        </section>
      ) : (
        <section aria-labelledby="by-site">
          <h2 id="by-site">{t('reports.bySite')}</h2>
          <FiguresTable
            caption={t('reports.bySiteCaption')}
            rows={bySite.data.rows}
            format={f}
            link={(row) => siteLink(row.key)}
          />
        </section>
      )}

      <div className="occupancy-columns">
        {!siteName && (
          <section aria-labelledby="map">
            <h2 id="map">{t('reports.map.title')}</h2>
            <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
              <OccupancyMap sites={bySite.data.rows} format={f.rate} />
            </Suspense>
          </section>
        )}
        <section aria-labelledby="by-form">
          <h2 id="by-form">{t('reports.byLegalForm')}</h2>
          {byForm.data && (
            <div
              className="table-wrap"
              tabIndex={0}
              role="region"
              aria-label={t('reports.byLegalFormCaption')}
            >
              <table className="table table--compact">
                <caption>{t('reports.byLegalFormCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.legalForm')}</th>
                    <th scope="col" className="num">
                      {t('reports.usedSqmHours')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.share')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.bookings')}
                    </th>
                    <th scope="col" className="num">
                      {t('reports.organisations')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {byForm.data.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{t(`legalForms.${r.key}`, r.label)}</th>
                      <td className="num">{f.number(r.usedSqmHours)}</td>
                      <td className="num">{f.rate(r.rate)}</td>
                      <td className="num">{f.number(r.bookings)}</td>
                      <td className="num">{f.number(r.organisations)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <section aria-labelledby="by-theme">
        <h2 id="by-theme">{t('reports.byTheme')}</h2>
        <p className="muted">{t('reports.themeIntro')}</p>
        {byTheme.isError && <p role="alert">{t('reports.error')}</p>}
        {byTheme.data && (
          <>
            <ThemeTable rows={byTheme.data.rows} format={f} />
            <p>
              <button
                type="button"
                className="button"
                disabled={downloading}
                onClick={() => void download({ ...base, groupBy: THEME })}
              >
                {t('reports.downloadThemeCsv')}
              </button>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="by-kind">
        <h2 id="by-kind">{t('reports.byKind')}</h2>
        {byKind.data && (
          <FiguresTable
            caption={t('reports.byKind')}
            rows={byKind.data.rows.map((r) => ({ ...r, label: t(`spaces.kind.${r.key}`, r.label) }))}
            format={f}
          />
        )}
      </section>
    </div>
  );
}

type Format = ReturnType<typeof useFormat>;

/** People reached, on the rows by theme (the reports' figures beside the occupancy's). */
const peopleOf = (r: OccupancyRow) =>
  (r as OccupancyRow & { peopleReached?: number | null }).peopleReached ?? null;

function ThemeTable({ rows, format: f }: { rows: OccupancyRow[]; format: Format }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p>{t('reports.empty')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={t('reports.byThemeCaption')}>
      <table className="table table--compact">
        <caption>{t('reports.byThemeCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.theme')}</th>
            <th scope="col" className="num">
              {t('reports.themeBookedHours')}
            </th>
            <th scope="col" className="num">
              {t('reports.columns.usedSqmHours')}
            </th>
            <th scope="col" className="num">
              {t('reports.columns.bookings')}
            </th>
            <th scope="col" className="num">
              {t('reports.peopleReached')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{t(`essThemes.${r.key}`, r.label)}</th>
              <td className="num">{f.number(r.bookedHours)}</td>
              <td className="num">{f.number(r.usedSqmHours)}</td>
              <td className="num">{f.number(r.bookings)}</td>
              <td className="num">{f.number(peopleOf(r))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Headline({ totals, format: f }: { totals: OccupancyFigures; format: Format }) {
  const { t } = useTranslation();
  const items = [
    ['offeredSqmHours', f.number(totals.offeredSqmHours)],
    ['usedSqmHours', f.number(totals.usedSqmHours)],
    ['rate', f.rate(totals.rate)],
    ['bookings', f.number(totals.bookings)],
    ['organisations', f.number(totals.organisations)],
  ] as const;
  return (
    <dl className="occupancy-headline" aria-label={t('reports.headline')}>
      {items.map(([key, value]) => (
        <div key={key} className="card" data-testid={`headline-${key}`}>
          <dt>{t(`reports.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function FiguresTable({
  caption,
  rows,
  format: f,
  link,
}: {
  caption: string;
  rows: OccupancyRow[];
  format: Format;
  /** Where a row's name leads, if anywhere. */
  link?: (row: OccupancyRow) => string;
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'label', desc: false });
  const sorted = useMemo(() => {
    const value = (r: OccupancyRow) => r[sort.key] ?? -1;
    const out = [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y, 'fr')
        : Number(x) - Number(y);
    });
    return sort.desc ? out.reverse() : out;
  }, [rows, sort]);
  const columns: SortKey[] = [
    'label',
    'offeredSqmHours',
    'usedSqmHours',
    'rate',
    'bookings',
    'organisations',
  ];
  if (rows.length === 0) return <p>{t('reports.empty')}</p>;
  return (
    // Focusable, so that a keyboard can scroll a table wider than the screen.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c}
                scope="col"
                className={c === 'label' ? undefined : 'num'}
                aria-sort={sort.key === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setSort((s) => ({ key: c, desc: s.key === c ? !s.desc : c !== 'label' }))}
                >
                  {t(`reports.columns.${c}`)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.key}>
              <th scope="row">{link ? <Link to={link(r)}>{r.label}</Link> : r.label}</th>
              <td className="num">{f.number(r.offeredSqmHours)}</td>
              <td className="num">{f.number(r.usedSqmHours)}</td>
              <td className="num">{f.rate(r.rate)}</td>
              <td className="num">{f.number(r.bookings)}</td>
              <td className="num">{f.number(r.organisations)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
