import {
  candidateOccurrences,
  occurrencesHostable,
  occurrencesWanted,
  type SiteCalendarFacts,
} from './need-hostable';

const tuesdays = {
  from: '2031-03-04',
  until: '2031-03-25',
  startTime: '14:00',
  endTime: '17:00',
  weekdays: [2],
  perWeek: null,
};

const site = (over: Partial<SiteCalendarFacts> = {}): SiteCalendarFacts => ({
  timeZone: 'Europe/Paris',
  departementCode: '34',
  closures: [],
  holidayOpenings: new Set(),
  busy: new Map(),
  ...over,
});

const NOW = Date.parse('2031-01-01T00:00:00Z');

describe('a need’s occurrences', () => {
  it('are the listed weekdays of the range at the wall times of the site’s zone, across a DST change', () => {
    const o = candidateOccurrences(tuesdays, 'Europe/Paris');
    expect(o.map((x) => x.date)).toEqual(['2031-03-04', '2031-03-11', '2031-03-18', '2031-03-25']);
    expect(new Date(o[0].start).toISOString()).toBe('2031-03-04T13:00:00.000Z');
    // Summer time from 30 March 2031: not yet on the 25th.
    expect(new Date(o[3].start).toISOString()).toBe('2031-03-25T13:00:00.000Z');
    const summer = candidateOccurrences(
      { ...tuesdays, from: '2031-04-01', until: '2031-04-01' },
      'Europe/Paris',
    );
    expect(new Date(summer[0].start).toISOString()).toBe('2031-04-01T12:00:00.000Z');
    const reunion = candidateOccurrences({ ...tuesdays, until: '2031-03-04' }, 'Indian/Reunion');
    expect(new Date(reunion[0].start).toISOString()).toBe('2031-03-04T10:00:00.000Z');
  });

  it('count every day when no weekday is listed, and at most n a week for "n per week"', () => {
    expect(occurrencesWanted({ ...tuesdays, weekdays: [] })).toBe(22);
    // 3–30 March 2031: Monday 3 to Sunday 30, four whole weeks of five weekdays, two a week.
    expect(
      occurrencesWanted({
        ...tuesdays,
        from: '2031-03-03',
        until: '2031-03-30',
        weekdays: [1, 2, 3, 4, 5],
        perWeek: 2,
      }),
    ).toBe(8);
    // A week with one candidate day counts one.
    expect(
      occurrencesWanted({
        ...tuesdays,
        from: '2031-03-07',
        until: '2031-03-10',
        weekdays: [5, 1],
        perWeek: 2,
      }),
    ).toBe(2);
  });
});

describe('the occurrences a site could host', () => {
  it('are those with one fitting space free, on a day the site is not closed', () => {
    expect(occurrencesHostable(tuesdays, ['a'], site(), NOW)).toBe(4);
    expect(occurrencesHostable(tuesdays, [], site(), NOW)).toBe(0);
    const busyA = new Map([
      ['a', [{ start: Date.parse('2031-03-11T15:00:00Z'), end: Date.parse('2031-03-11T15:30:00Z') }]],
    ]);
    expect(occurrencesHostable(tuesdays, ['a'], site({ busy: busyA }), NOW)).toBe(3);
    // Another space free then saves it.
    expect(occurrencesHostable(tuesdays, ['a', 'b'], site({ busy: busyA }), NOW)).toBe(4);
    // A booking that ends as the occurrence starts does not stand in its way.
    const before = new Map([
      ['a', [{ start: Date.parse('2031-03-11T12:00:00Z'), end: Date.parse('2031-03-11T13:00:00Z') }]],
    ]);
    expect(occurrencesHostable(tuesdays, ['a'], site({ busy: before }), NOW)).toBe(4);
    const closures = [{ from: '2031-03-17', to: '2031-03-26' }];
    expect(occurrencesHostable(tuesdays, ['a'], site({ closures }), NOW)).toBe(2);
  });

  it('leave out the past and the public holidays the site does not open', () => {
    expect(occurrencesHostable(tuesdays, ['a'], site(), Date.parse('2031-03-12T00:00:00Z'))).toBe(2);
    // 14 July 2032 is a Wednesday.
    const july = { ...tuesdays, from: '2032-07-13', until: '2032-07-15', weekdays: [] };
    expect(occurrencesHostable(july, ['a'], site(), NOW)).toBe(2);
    expect(occurrencesHostable(july, ['a'], site({ holidayOpenings: new Set(['2032-07-14']) }), NOW)).toBe(3);
  });
});
