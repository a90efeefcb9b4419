import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { OccupancyRow } from '@lieux/contracts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const OFFERED = '#9aa5b1';
const USED = '#e4663e';

type Format = { number: (v: number | null) => string; month: (key: string) => string };

/**
 * Offered and used m²·hours by month, as bars. The canvas is drawn for the eye; screen readers and
 * keyboards get the same figures in the table beneath it, visually hidden.
 */
export function OccupancyChart({ rows, format: f }: { rows: OccupancyRow[]; format: Format }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    // The page's colours (global.css), so that the axes read in dark mode too.
    const style = getComputedStyle(canvas.current);
    const font = { family: style.fontFamily, size: 12 };
    const tick = { color: style.getPropertyValue('--lp-muted'), font };
    const grid = style.getPropertyValue('--lp-line');
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.key),
        datasets: [
          {
            label: t('reports.offeredSqmHours'),
            data: rows.map((r) => r.offeredSqmHours),
            backgroundColor: OFFERED,
          },
          { label: t('reports.usedSqmHours'), data: rows.map((r) => r.usedSqmHours), backgroundColor: USED },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { left: 24 } },
        scales: {
          x: {
            grid: { color: grid },
            border: { dash: [3, 3] },
            ticks: { ...tick, callback: (_v, i) => f.month(rows[i]?.key ?? '') },
          },
          y: {
            beginAtZero: true,
            grid: { color: grid },
            border: { dash: [3, 3] },
            ticks: { ...tick, callback: (v) => f.number(Number(v)) },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { font, boxWidth: 14, color: style.color } },
          tooltip: {
            titleFont: font,
            bodyFont: font,
            callbacks: {
              title: (items) => f.month(String(items[0]?.label ?? '')),
              label: (item) =>
                t('reports.chartValue', { label: item.dataset.label, value: f.number(Number(item.raw)) }),
            },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [rows, f, t]);

  return (
    <>
      <div className="occupancy-chart" data-testid="occupancy-chart">
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <table className="visually-hidden">
        <caption>{t('reports.byMonth')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.month')}</th>
            <th scope="col">{t('reports.offeredSqmHours')}</th>
            <th scope="col">{t('reports.usedSqmHours')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{f.month(r.key)}</th>
              <td>{f.number(r.offeredSqmHours)}</td>
              <td>{f.number(r.usedSqmHours)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
