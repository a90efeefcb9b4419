import { text } from 'node:stream/consumers';
import fc from 'fast-check';
import type { OccupancyFigures, OccupancyReport, OccupancyRow } from '@lieux/contracts';
import { occupancyJson } from './occupancy-json';

const figures: fc.Arbitrary<OccupancyFigures> = fc.record({
  offeredHours: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true })),
  bookedHours: fc.double({ min: 0, max: 1e6, noNaN: true }),
  offeredSqmHours: fc.option(fc.double({ min: 0, max: 1e9, noNaN: true })),
  usedSqmHours: fc.double({ min: 0, max: 1e9, noNaN: true }),
  rate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  bookings: fc.nat(),
  organisations: fc.nat(),
  noShows: fc.nat(),
  noShowRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  lateCancellations: fc.nat(),
  cancellationRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
});

const row: fc.Arbitrary<OccupancyRow> = fc
  .tuple(
    figures,
    fc.uuid(),
    fc.string({ unit: 'grapheme' }),
    fc.option(fc.record({ latitude: fc.double({ noNaN: true }), longitude: fc.double({ noNaN: true }) }), {
      nil: undefined,
    }),
  )
  .map(([f, key, label, at]) => ({ key, label, ...f, ...at }));

describe('occupancyJson', () => {
  it('writes the bytes JSON.stringify writes, whatever the number of rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          scope: fc.constantFrom('national', 'region:76', 'departement:2A'),
          from: fc.constant('2026-06-15'),
          to: fc.constant('2027-06-14'),
          groupBy: fc.constantFrom('site' as const, 'space' as const),
          rows: fc.array(row, { maxLength: 1_200, size: 'max' }),
          totals: figures,
        }),
        fc.array(fc.nat({ max: 700 }), { maxLength: 5 }),
        async (report: OccupancyReport, cuts) => {
          // The rows in pieces of any size, empty ones included, as a cursor could give them.
          async function* pieces() {
            let at = 0;
            for (const n of cuts) {
              yield report.rows.slice(at, at + n);
              at += n;
            }
            yield report.rows.slice(at);
          }
          const streamed = occupancyJson({ ...report, rows: pieces() });
          // A boolean: a failing case's diff of two megabyte strings would take longer than the test.
          expect((await text(streamed)) === JSON.stringify(report)).toBe(true);
        },
      ),
      // Shrinking arrays of a thousand rows takes minutes; the first counterexample says enough.
      { numRuns: 30, endOnFailure: true },
    );
  });
});
