import type { AreaBand, UnmetDemandReport } from '@lieux/contracts';
import { frenchCsv } from '../http/french-csv';
import { KIND_LABELS } from '../reports/reports.service';

export const AREA_BAND_LABELS: Record<AreaBand, string> = {
  any: 'Toute surface',
  lt20: 'Moins de 20 m²',
  '20to50': '20 à 50 m²',
  '50to100': '50 à 100 m²',
  gte100: '100 m² et plus',
};

/** The unmet demand as a French spreadsheet reads it, in the occupancy CSV's format (see `frenchCsv`). */
export function unmetDemandCsv(report: UnmetDemandReport): string {
  const place = report.groupBy === 'commune' ? 'Commune (ou département)' : 'Département';
  return frenchCsv(
    [
      'Code',
      place,
      'Code département',
      'Type d’espace',
      'Surface souhaitée',
      'Besoins',
      'Organisations',
      'Créneaux souhaités',
      'Heures souhaitées',
    ],
    [
      ...report.rows.map((r) => [
        r.code,
        r.name,
        r.departementCode,
        r.kind ? (KIND_LABELS[r.kind] ?? r.kind) : 'Tout type',
        AREA_BAND_LABELS[r.areaBand],
        r.needs,
        r.organisations,
        r.occurrencesWanted,
        r.hoursWanted,
      ]),
      [
        'Total',
        null,
        null,
        null,
        null,
        report.totals.needs,
        report.totals.organisations,
        report.rows.reduce((n, r) => n + r.occurrencesWanted, 0),
        report.totals.hoursWanted,
      ],
    ],
    (index) => (index === 8 ? 2 : 0),
  );
}
