import { splitWeeks } from './reports.service';

describe('splitWeeks', () => {
  it('reads whole ISO weeks from their rows and the days around them from the day rows', () => {
    // Wednesday 3 June to Wednesday 24 June 2026: Monday 8 to Sunday 21 whole.
    expect(splitWeeks('2026-06-03', '2026-06-24')).toEqual({
      grain: 'week',
      whole: { from: '2026-06-08', to: '2026-06-15' },
      days: [
        { from: '2026-06-03', to: '2026-06-07' },
        { from: '2026-06-22', to: '2026-06-24' },
      ],
    });
  });

  it('needs no day rows for a period of whole weeks', () => {
    expect(splitWeeks('2026-06-01', '2026-06-14')).toEqual({
      grain: 'week',
      whole: { from: '2026-06-01', to: '2026-06-08' },
      days: [],
    });
  });

  it('reads days only when no whole week fits', () => {
    expect(splitWeeks('2026-06-03', '2026-06-09')).toEqual({
      grain: 'week',
      whole: null,
      days: [{ from: '2026-06-03', to: '2026-06-09' }],
    });
  });
});
