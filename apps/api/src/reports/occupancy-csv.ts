import { stringify } from 'csv-stringify/sync';
import type { OccupancyFigures, OccupancyGroupBy, OccupancyReport } from '@lieux/contracts';

const GROUP_HEADERS: Record<OccupancyGroupBy, string> = {
  site: 'Site',
  space: 'Espace',
  kind: 'Type d’espace',
  month: 'Mois',
  week: 'Semaine',
  legalForm: 'Forme juridique',
};

/** The figure columns: header, decimals written, and what the cell holds. Rates are written as percentages. */
const FIGURES: [string, number, (f: OccupancyFigures) => number | null][] = [
  ['Heures offertes', 2, (f) => f.offeredHours],
  ['Heures réservées', 2, (f) => f.bookedHours],
  ['m²·h offerts', 2, (f) => f.offeredSqmHours],
  ['m²·h utilisés', 2, (f) => f.usedSqmHours],
  ['Taux d’occupation (%)', 1, (f) => percent(f.rate)],
  ['Réservations', 0, (f) => f.bookings],
  ['Organisations', 0, (f) => f.organisations],
  ['Absences', 0, (f) => f.noShows],
  ['Taux d’absence (%)', 1, (f) => percent(f.noShowRate)],
  ['Annulations tardives', 0, (f) => f.lateCancellations],
  ['Taux d’annulation tardive (%)', 1, (f) => percent(f.cancellationRate)],
];

const percent = (r: number | null) => (r === null ? null : r * 100);

/**
 * The report as a French spreadsheet reads it: UTF-8 with BOM, `;` between fields, decimal comma. Labels
 * come from people (a site's name): one starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
 * written behind a quote so that a spreadsheet shows it rather than runs it (OWASP's CSV injection advice).
 * Figures stay numbers until they are written, so that a minus sign on a number is left alone.
 */
export function occupancyCsv(report: OccupancyReport): string {
  const line = (label: string, f: OccupancyFigures) => [label, ...FIGURES.map(([, , value]) => value(f))];
  return stringify([...report.rows.map((r) => line(r.label, r)), line('Total', report.totals)], {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    header: true,
    columns: [GROUP_HEADERS[report.groupBy], ...FIGURES.map(([header]) => header)],
    escape_formulas: true,
    // csv-stringify quotes only the record delimiter itself: a lone line break in a name must not split a row.
    quoted_match: /[\r\n]/,
    cast: {
      number: (value, { index }) => value.toFixed(FIGURES[index - 1][1]).replace('.', ','),
    },
  });
}
