import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OccupancyFigures, OccupancyRow } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { downloadOccupancyCsv, useOccupancy, type OccupancyParams } from '../api/get-occupancy';
import { OccupancyChart } from './occupancy-chart';

// The map carries the départements' boundaries: its code and data load with it only.
const OccupancyMap = lazy(() => import('./occupancy-map').then((m) => ({ default: m.OccupancyMap })));

const NO_ROWS: OccupancyRow[] = [];

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

/** The delegate's dashboard: a scope over a period, in figures, by month, by site (then space), kind and legal form. */
export function OccupancyDashboard({ scope, from, to }: { scope: string; from: string; to: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [site, setSite] = useState<OccupancyRow | null>(null);
  const base = { scope, from, to };
  const bySite = useOccupancy({ ...base, groupBy: 'site' });
  const byMonth = useOccupancy({ ...base, groupBy: 'month' });
  const byKind = useOccupancy({ ...base, groupBy: 'kind' });
  const byForm = useOccupancy({ ...base, groupBy: 'legalForm' });
  const bySpace = useOccupancy({ scope: `site:${site?.key}`, from, to, groupBy: 'space' }, site !== null);
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

  if (bySite.isError) return <p role="alert">{t('reports.error')}</p>;
  if (!bySite.data) return <p role="status">{t('common.loading')}</p>;
  const totals = bySite.data.totals;

  return (
    <div className="occupancy">
      <Headline totals={totals} format={f} />

      <p>
        <button
          type="button"
          className="button"
          disabled={downloading}
          onClick={() => void download({ ...base, groupBy: 'site' })}
        >
          {t('reports.downloadCsv')}
        </button>
        {downloadError && <span role="alert"> {t('reports.downloadFailed')}</span>}
      </p>

      <section aria-labelledby="by-month">
        <h2 id="by-month">{t('reports.byMonth')}</h2>
        <OccupancyChart rows={byMonth.data?.rows ?? NO_ROWS} format={f} />
      </section>

      <section aria-labelledby="by-site">
        <h2 id="by-site">{t('reports.bySite')}</h2>
        <FiguresTable
          caption={t('reports.bySiteCaption')}
          rows={bySite.data.rows}
          format={f}
          onOpen={(row) => setSite(row)}
          openLabel={(row) => t('reports.openSite', { site: row.label })}
        />
      </section>

      {site && (
        <section aria-labelledby="by-space">
          <h2 id="by-space">{t('reports.spacesOf', { site: site.label })}</h2>
          <p>
            <button type="button" className="button button--secondary" onClick={() => setSite(null)}>
              {t('reports.closeSite')}
            </button>
          </p>
          {bySpace.data ? (
            <FiguresTable
              caption={t('reports.spacesOf', { site: site.label })}
              rows={bySpace.data.rows}
              format={f}
            />
          ) : (
            <p role="status">{t('common.loading')}</p>
          )}
        </section>
      )}

      <div className="occupancy-columns">
        <section aria-labelledby="map">
          <h2 id="map">{t('reports.map.title')}</h2>
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <OccupancyMap sites={bySite.data.rows} format={f.rate} />
          </Suspense>
        </section>
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
  onOpen,
  openLabel,
}: {
  caption: string;
  rows: OccupancyRow[];
  format: Format;
  onOpen?: (row: OccupancyRow) => void;
  openLabel?: (row: OccupancyRow) => string;
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
              <th scope="row">
                {onOpen ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onOpen(r)}
                    aria-label={openLabel?.(r)}
                  >
                    {r.label}
                  </button>
                ) : (
                  r.label
                )}
              </th>
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
