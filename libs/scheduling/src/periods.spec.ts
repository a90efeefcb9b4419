import fc from 'fast-check';
import { duration, intersect, normalize, overlaps, subtract, type Period } from './periods';

const period = fc
  .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 }))
  .map(([start, len]): Period => ({ start, end: start + len }));
const periods = fc.array(period, { maxLength: 12 });

const covers = (ps: Period[], t: number) => ps.some((p) => p.start <= t && t < p.end);

describe('periods', () => {
  it('normalize gives sorted, disjoint, non-touching periods covering the same instants', () => {
    fc.assert(
      fc.property(periods, fc.integer({ min: -10, max: 1300 }), (ps, t) => {
        const n = normalize(ps);
        for (let i = 1; i < n.length; i++) expect(n[i - 1].end).toBeLessThan(n[i].start);
        expect(covers(n, t)).toBe(covers(ps, t));
      }),
    );
  });

  it('open minus busy is exactly the open instants that no busy period covers', () => {
    fc.assert(
      fc.property(periods, periods, fc.integer({ min: -10, max: 1300 }), (open, busy, t) => {
        const free = subtract(open, busy);
        expect(covers(free, t)).toBe(covers(open, t) && !covers(busy, t));
        expect(free.some((f) => busy.some((b) => overlaps(f, b)))).toBe(false);
      }),
    );
  });

  it('measures add up: |open| = |open − busy| + |open ∩ busy|', () => {
    fc.assert(
      fc.property(periods, periods, (open, busy) => {
        expect(duration(subtract(open, busy)) + duration(intersect(open, busy))).toBe(
          duration(normalize(open)),
        );
      }),
    );
  });

  it('treats periods as half-open: touching periods do not overlap', () => {
    expect(overlaps({ start: 0, end: 10 }, { start: 10, end: 20 })).toBe(false);
    expect(overlaps({ start: 0, end: 2 }, { start: 1, end: 1 })).toBe(false);
    expect(subtract([{ start: 0, end: 20 }], [{ start: 10, end: 20 }])).toEqual([{ start: 0, end: 10 }]);
  });
});
