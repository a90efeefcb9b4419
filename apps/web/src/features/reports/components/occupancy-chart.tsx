import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { OccupancyRow } from '@lieux/contracts';
import { CHART_COLOURS as C } from './occupancy-colours';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

type Format = {
  number: (v: number | null) => string;
  rate: (v: number | null) => string;
  month: (key: string) => string;
};

/**
 * Offered and used m²·hours by month, as bars on the left scale, and the occupancy rate as a line on its
 * own scale on the right: the used hours are often a few percent of the offered ones, and a bar that
 * small says nothing by itself. The canvas is drawn for the eye; screen readers and keyboards get the same
 * figures in the table beneath it, visually hidden.
 */
export function OccupancyChart({ rows, format: f }: { rows: OccupancyRow[]; format: Format }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) return;
    // The page's colours (global.css), so that the axes read in dark mode too.
    const style = getComputedStyle(canvas.current);
    const font = { family: style.fontFamily, size: 12 };
    const tick = { color: style.getPropertyValue('--lp-muted') || C.tick, font };
    const grid = style.getPropertyValue('--lp-line') || C.grid;
    const chart = new Chart<'bar' | 'line', (number | null)[], string>(canvas.current, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.key),
        datasets: [
          {
            type: 'line',
            label: t('reports.rate'),
            data: rows.map((r) => r.rate),
            yAxisID: 'rate',
            borderColor: C.rate,
            backgroundColor: C.rate,
            borderWidth: 2,
            pointRadius: 3,
            spanGaps: false,
            // Drawn over the bars.
            order: 0,
          },
          {
            type: 'bar',
            label: t('reports.offeredSqmHours'),
            data: rows.map((r) => r.offeredSqmHours),
            backgroundColor: C.offered,
            order: 1,
          },
          {
            type: 'bar',
            label: t('reports.usedSqmHours'),
            data: rows.map((r) => r.usedSqmHours),
            backgroundColor: C.used,
            order: 1,
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { left: 8 } },
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
            title: { display: true, text: t('reports.sqmHours'), color: tick.color, font },
            ticks: { ...tick, callback: (v) => f.number(Number(v)) },
          },
          rate: {
            position: 'right',
            min: 0,
            // A rate's scale ends at the highest month's rate (rounded up to 10 %), never past 100 %.
            suggestedMax: Math.min(1, Math.ceil(Math.max(0.1, ...rows.map((r) => r.rate ?? 0)) * 10) / 10),
            grid: { drawOnChartArea: false },
            title: { display: true, text: t('reports.rate'), color: C.rate, font },
            ticks: { ...tick, color: C.rate, callback: (v) => f.rate(Number(v)) },
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
                t('reports.chartValue', {
                  label: item.dataset.label,
                  value:
                    item.dataset.yAxisID === 'rate'
                      ? f.rate(item.raw as number | null)
                      : f.number(Number(item.raw)),
                }),
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
      {/* A table keeps its content's width whatever its own: hidden in a box that does not. */}
      <div className="visually-hidden">
        <table>
          <caption>{t('reports.byMonth')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.month')}</th>
              <th scope="col">{t('reports.offeredSqmHours')}</th>
              <th scope="col">{t('reports.usedSqmHours')}</th>
              <th scope="col">{t('reports.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{f.month(r.key)}</th>
                <td>{f.number(r.offeredSqmHours)}</td>
                <td>{f.number(r.usedSqmHours)}</td>
                <td>{f.rate(r.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
