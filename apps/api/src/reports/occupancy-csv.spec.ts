import type { OccupancyFigures } from '@lieux/contracts';
import { occupancyCsv } from './occupancy-csv';

const figures: OccupancyFigures = {
  offeredHours: 68,
  bookedHours: 19,
  offeredSqmHours: 1360,
  usedSqmHours: 380,
  rate: 0.2794,
  bookings: 4,
  organisations: 2,
  noShows: 1,
  noShowRate: 0.2,
  lateCancellations: 1,
  cancellationRate: null,
};
const csv = (labels: string[], totals: Partial<OccupancyFigures> = {}) =>
  occupancyCsv({
    scope: 'national',
    from: '2026-03-01',
    to: '2026-03-31',
    groupBy: 'site',
    rows: labels.map((label) => ({ key: label, label, ...figures })),
    totals: { ...figures, ...totals },
  });
const FIGURES = ';68,00;19,00;1360,00;380,00;27,9;4;2;1;20,0;1;';

describe('occupancy CSV', () => {
  it('neutralises every label a spreadsheet would run as a formula', () => {
    const labels = ['=HYPERLINK("http://evil.example","Clique")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];
    const cells = csv(labels).split(FIGURES + '\r\n');
    cells[0] = cells[0].slice(cells[0].indexOf('\r\n') + 2); // after the header line
    expect(cells.slice(0, -2)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""Clique"")"`,
      `'+1+1`,
      `'-2+3`,
      `'@SUM(A1)`,
      `'\tx`,
      `"'\rx"`,
    ]);
  });

  it('keeps a line break inside its cell', () => {
    expect(csv(['Poste\nCentre'])).toContain(`\r\n"Poste\nCentre"${FIGURES}\r\n`);
  });

  it('writes figures as numbers the French way, a negative one included, with no quote before it', () => {
    const [, row, total] = csv(['Poste Montpellier'], { usedSqmHours: -12.5, lateCancellations: -1 }).split(
      '\r\n',
    );
    expect(row).toBe(`Poste Montpellier${FIGURES}`);
    expect(total).toBe('Total;68,00;19,00;1360,00;-12,50;27,9;4;2;1;20,0;-1;');
  });

  it('closes each theme line with the people reached, and totals them', () => {
    const theme = { ...figures, offeredHours: null, offeredSqmHours: null };
    const text = occupancyCsv({
      scope: 'region:76',
      from: '2026-03-01',
      to: '2026-03-31',
      groupBy: 'theme',
      rows: [
        { key: 'numerique', label: 'Numérique', ...theme, peopleReached: 12 },
        { key: 'culture', label: 'Culture', ...theme, peopleReached: 18 },
      ],
      totals: figures,
    });
    const [header, first, , total] = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header.startsWith('Thème;')).toBe(true);
    expect(header.endsWith(';Personnes touchées')).toBe(true);
    expect(first).toBe('Numérique;;19,00;;380,00;27,9;4;2;1;20,0;1;;12');
    expect(total).toBe('Total;68,00;19,00;1360,00;380,00;27,9;4;2;1;20,0;1;;30');
  });
});
