import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { monthPieces } from './reports.service';

const date = fc
  .integer({ min: 0, max: 800 })
  .map((n) => Temporal.PlainDate.from('2026-01-01').add({ days: n }).toString());

/** Every day a period's pieces stand for, in order. */
function daysOf(pieces: NonNullable<ReturnType<typeof monthPieces>>): string[] {
  const days: string[] = [];
  const push = (from: Temporal.PlainDate, to: Temporal.PlainDate) => {
    for (let d = from; Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 }))
      days.push(d.toString());
  };
  const whole = pieces.whole
    ? [Temporal.PlainDate.from(pieces.whole.from), Temporal.PlainDate.from(pieces.whole.to)]
    : null;
  const cuts = pieces.cut.map((c) => {
    const month = Temporal.PlainDate.from(c.month);
    return { from: month.with({ day: c.first }), to: month.with({ day: c.last }) };
  });
  const before = cuts.filter((c) => !whole || Temporal.PlainDate.compare(c.from, whole[0]) < 0);
  for (const c of before) push(c.from, c.to);
  if (whole) push(whole[0], whole[1].with({ day: whole[1].daysInMonth }));
  for (const c of cuts.filter((c) => !before.includes(c))) push(c.from, c.to);
  return days;
}

describe('monthPieces', () => {
  it('reads twelve months from the 15th as two cut months around eleven whole ones', () => {
    expect(monthPieces('2026-06-15', '2027-06-14')).toEqual({
      whole: { from: '2026-07-01', to: '2027-05-01' },
      cut: [
        { month: '2026-06-01', first: 15, last: 30 },
        { month: '2027-06-01', first: 1, last: 14 },
      ],
    });
  });

  it('leaves to the day rows a month cut at both ends', () => {
    expect(monthPieces('2026-02-03', '2026-02-27')).toBeNull();
    expect(monthPieces('2026-02-01', '2026-02-27')).toEqual({
      whole: null,
      cut: [{ month: '2026-02-01', first: 1, last: 27 }],
    });
  });

  it('stands for exactly the days of the period, each cut month at one of its ends', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const pieces = monthPieces(from, to);
        const start = Temporal.PlainDate.from(from);
        const end = Temporal.PlainDate.from(to);
        const sameMonth = from.slice(0, 7) === to.slice(0, 7);
        if (sameMonth && start.day > 1 && end.day < end.daysInMonth) {
          expect(pieces).toBeNull();
          return;
        }
        expect(pieces).not.toBeNull();
        const expected: string[] = [];
        for (let d = start; Temporal.PlainDate.compare(d, end) <= 0; d = d.add({ days: 1 })) {
          expected.push(d.toString());
        }
        expect(daysOf(pieces!)).toEqual(expected);
        for (const c of pieces!.cut) {
          const month = Temporal.PlainDate.from(c.month);
          expect(month.day).toBe(1);
          expect(c.first === 1 || c.last === month.daysInMonth).toBe(true);
          expect(c.first === 1 && c.last === month.daysInMonth).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
