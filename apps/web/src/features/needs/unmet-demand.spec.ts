import { describe, expect, it } from 'vitest';
import type { UnmetDemandRow } from '@lieux/contracts';
import { placesOf, radiusOf, tableRows } from './unmet-demand';

const row = (code: string, name: string, needs: number, o: Partial<UnmetDemandRow> = {}): UnmetDemandRow => ({
  code,
  name,
  departementCode: code.slice(0, 2),
  regionCode: '76',
  latitude: 43,
  longitude: 4,
  kind: 'workshop',
  areaBand: '20to50',
  needs,
  organisations: needs,
  occurrencesWanted: needs * 10,
  hoursWanted: needs * 30,
  ...o,
});

describe('the unmet-demand map and table', () => {
  const rows = [
    row('34', 'Hérault', 1),
    row('30', 'Gard', 2),
    row('34', 'Hérault', 3, { kind: 'office', areaBand: 'lt20' }),
  ];

  it('sum a place’s kinds and bands into one circle, most needs first', () => {
    expect(placesOf(rows).map((p) => [p.code, p.needs, p.hoursWanted])).toEqual([
      ['34', 4, 120],
      ['30', 2, 60],
    ]);
  });

  it('list the rows place by place, most needs first within each', () => {
    expect(tableRows(rows).map((r) => [r.code, r.needs])).toEqual([
      ['34', 3],
      ['34', 1],
      ['30', 2],
    ]);
  });

  it('grow a circle’s area with its needs', () => {
    expect(radiusOf(1, 10)).toBe(6);
    expect(radiusOf(10, 10)).toBe(24);
    expect(radiusOf(5, 10)).toBeGreaterThan(radiusOf(3, 10));
  });
});
