import type { OccupancyFigures, OccupancyGroupBy, OccupancyReport } from '@lieux/contracts';
import { frenchCsv } from '../http/french-csv';

const GROUP_HEADERS: Record<OccupancyGroupBy, string> = {
  site: 'Site',
  space: 'Espace',
  kind: 'Type d’espace',
  month: 'Mois',
  week: 'Semaine',
  legalForm: 'Forme juridique',
  theme: 'Thème',
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

/** The report as a French spreadsheet reads it (see `frenchCsv`); rates are written as percentages. */
export function occupancyCsv(report: OccupancyReport): string {
  // By theme, the people the projects reached, from their light reports, close the line.
  const people = report.groupBy === 'theme';
  const line = (label: string, f: OccupancyFigures & { peopleReached?: number }) => [
    label,
    ...FIGURES.map(([, , value]) => value(f)),
    ...(people ? [f.peopleReached ?? 0] : []),
  ];
  const totalPeople = report.rows.reduce((sum, r) => sum + (r.peopleReached ?? 0), 0);
  return frenchCsv(
    [
      GROUP_HEADERS[report.groupBy],
      ...FIGURES.map(([header]) => header),
      ...(people ? ['Personnes touchées'] : []),
    ],
    [
      ...report.rows.map((r) => line(r.label, r)),
      line('Total', people ? { ...report.totals, peopleReached: totalPeople } : report.totals),
    ],
    (index) => FIGURES[index - 1]?.[1] ?? 0,
  );
}
