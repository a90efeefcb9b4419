import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import {
  buildRule,
  expandSeries,
  MAX_SERIES_OCCURRENCES,
  SeriesRuleError,
  seriesCalendarWindow,
  type SeriesSpec,
} from './series';

const PARIS = 'Europe/Paris';
const local = (iso: string, zone = PARIS) =>
  Temporal.PlainDateTime.from(iso).toZonedDateTime(zone).epochMilliseconds;
const zoned = (ms: number, zone = PARIS) =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone);
const wall = (ms: number, zone = PARIS) => zoned(ms, zone).toPlainTime().toString({ smallestUnit: 'minute' });
const FAR = local('2100-01-01T00:00');
const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof SeriesRuleError) return err.problem;
    throw err;
  }
  return null;
};

describe('expandSeries', () => {
  // 2027: summer time starts Sunday 28 March, ends Sunday 31 October.
  const tuesdays = (rrule: string): SeriesSpec => ({
    firstStart: local('2027-03-16T09:00'),
    firstEnd: local('2027-03-16T11:00'),
    rrule,
    timeZone: PARIS,
  });

  it('keeps 09:00–11:00 local every Tuesday across the March change (UTC moves from 08:00 to 07:00)', () => {
    const { occurrences } = expandSeries(tuesdays('FREQ=WEEKLY;BYDAY=TU;COUNT=4'), { horizonEnd: FAR });
    expect(occurrences.map((o) => new Date(o.start).toISOString())).toEqual([
      '2027-03-16T08:00:00.000Z',
      '2027-03-23T08:00:00.000Z',
      '2027-03-30T07:00:00.000Z',
      '2027-04-06T07:00:00.000Z',
    ]);
    expect(occurrences.map((o) => new Date(o.end).toISOString())[2]).toBe('2027-03-30T09:00:00.000Z');
  });

  it('keeps 09:00–11:00 local across the October change (UTC moves from 07:00 to 08:00)', () => {
    const spec = {
      ...tuesdays('RRULE:FREQ=WEEKLY;UNTIL=20271110T225959Z'),
      firstStart: local('2027-10-19T09:00'),
      firstEnd: local('2027-10-19T11:00'),
    };
    const { occurrences } = expandSeries(spec, { horizonEnd: FAR });
    expect(occurrences.map((o) => new Date(o.start).toISOString())).toEqual([
      '2027-10-19T07:00:00.000Z',
      '2027-10-26T07:00:00.000Z',
      '2027-11-02T08:00:00.000Z',
      '2027-11-09T08:00:00.000Z',
    ]);
  });

  it('cuts an endless rule at the horizon, and says so', () => {
    const horizonEnd = local('2027-04-20T00:00');
    const r = expandSeries(tuesdays('FREQ=WEEKLY'), { horizonEnd });
    expect(r.clippedAt).toBe('horizon');
    expect(r.occurrences).toHaveLength(5);
    expect(r.occurrences.every((o) => o.start <= horizonEnd)).toBe(true);
  });

  it('cuts an endless rule at the maximum count when the horizon is further', () => {
    const r = expandSeries(tuesdays('FREQ=DAILY'), { horizonEnd: FAR });
    expect(r.clippedAt).toBe('count');
    expect(r.occurrences).toHaveLength(MAX_SERIES_OCCURRENCES);
  });

  it('refuses a bounded rule with more occurrences than the maximum, rather than half of it', () => {
    expect(problemOf(() => expandSeries(tuesdays('FREQ=DAILY;COUNT=201'), { horizonEnd: FAR }))).toBe(
      'TOO_MANY_OCCURRENCES',
    );
    expect(
      problemOf(() => expandSeries(tuesdays('FREQ=DAILY;UNTIL=20291231T000000Z'), { horizonEnd: FAR })),
    ).toBe('TOO_MANY_OCCURRENCES');
  });

  it('keeps a bounded rule’s occurrences past the horizon, to be refused one by one', () => {
    const r = expandSeries(tuesdays('FREQ=WEEKLY;COUNT=6'), { horizonEnd: local('2027-04-01T00:00') });
    expect(r.occurrences).toHaveLength(6);
    expect(r.clippedAt).toBeNull();
  });

  it.each([
    ['not a rule at all', 'hello', 'INVALID_RULE'],
    ['an unknown frequency', 'FREQ=WEEKLYISH', 'UNSUPPORTED_RULE'],
    ['an hourly rule', 'FREQ=HOURLY;COUNT=3', 'UNSUPPORTED_RULE'],
    ['a rule that moves the time', 'FREQ=DAILY;BYHOUR=14;COUNT=3', 'UNSUPPORTED_RULE'],
    ['a DTSTART smuggled in', 'DTSTART:20270316T090000\nRRULE:FREQ=DAILY', 'INVALID_RULE'],
    ['COUNT and UNTIL together', 'FREQ=DAILY;COUNT=3;UNTIL=20270401T000000Z', 'INVALID_RULE'],
    ['a zero count', 'FREQ=DAILY;COUNT=0', 'INVALID_RULE'],
    ['a repeated part', 'FREQ=DAILY;FREQ=WEEKLY', 'INVALID_RULE'],
    ['a day of the month out of range', 'FREQ=MONTHLY;BYMONTHDAY=99;COUNT=2', 'INVALID_RULE'],
    ['a day of the month zero', 'FREQ=MONTHLY;BYMONTHDAY=0;COUNT=2', 'INVALID_RULE'],
    ['a thirteenth month', 'FREQ=YEARLY;BYMONTH=13;COUNT=2', 'INVALID_RULE'],
    ['an unknown weekday', 'FREQ=WEEKLY;BYDAY=XX;COUNT=2', 'INVALID_RULE'],
    ['a 54th weekday of the year', 'FREQ=YEARLY;BYDAY=54TU;COUNT=2', 'INVALID_RULE'],
    ['a set position zero', 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=0;COUNT=2', 'INVALID_RULE'],
    ['an unreadable end date', 'FREQ=DAILY;UNTIL=2027-04-01', 'INVALID_RULE'],
    [
      'a first date off the rule (a Tuesday, rule on Mondays)',
      'FREQ=WEEKLY;BYDAY=MO;COUNT=3',
      'NOT_FIRST_OCCURRENCE',
    ],
    ['a rule with no occurrence', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2', 'INVALID_RULE'],
    ['a rule past the year 9999', 'FREQ=YEARLY;INTERVAL=999;COUNT=20', 'INVALID_RULE'],
  ])('refuses %s', (_name, rrule, problem) => {
    expect(problemOf(() => expandSeries(tuesdays(rrule), { horizonEnd: FAR }))).toBe(problem);
  });

  it('refuses an occurrence that ends before it starts or lasts more than a day', () => {
    const spec = tuesdays('FREQ=WEEKLY;COUNT=2');
    expect(problemOf(() => expandSeries({ ...spec, firstEnd: spec.firstStart }, { horizonEnd: FAR }))).toBe(
      'INVALID_PERIOD',
    );
    expect(
      problemOf(() =>
        expandSeries({ ...spec, firstEnd: spec.firstStart + 25 * 3_600_000 }, { horizonEnd: FAR }),
      ),
    ).toBe('INVALID_PERIOD');
  });

  it('keeps an evening that ends after midnight on the next day, in local time', () => {
    const spec = {
      firstStart: local('2027-03-27T22:00'),
      firstEnd: local('2027-03-28T04:00'),
      rrule: 'FREQ=DAILY;COUNT=2',
      timeZone: PARIS,
    };
    const [a, b] = expandSeries(spec, { horizonEnd: FAR }).occurrences;
    // The night of the change is an hour shorter, but still ends at 04:00 on the wall clock.
    expect((a.end - a.start) / 3_600_000).toBe(5);
    expect([wall(b.start), wall(b.end)]).toEqual(['22:00', '04:00']);
  });

  // Property: whatever the zone, day, time, length and simple rule, every occurrence keeps the first one's
  // local start and end times and local length, occurrences are strictly ordered, and their number
  // respects COUNT and the maximum.
  const zones = fc.constantFrom(
    'Europe/Paris',
    'America/Martinique',
    'Indian/Reunion',
    'America/Cayenne',
    'Pacific/Noumea',
    'America/Miquelon',
  );
  const specs = fc.record({
    zone: zones,
    day: fc.integer({ min: 0, max: 3 * 365 }),
    startMinute: fc.integer({ min: 4 * 60, max: 20 * 60 }).map((m) => m - (m % 15)),
    minutes: fc.integer({ min: 1, max: 16 }).map((q) => q * 15),
    rule: fc.oneof(
      fc.record({
        freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'),
        count: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 195, max: 210 })),
      }),
      fc.record({ freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'), count: fc.constant(undefined) }),
    ),
    interval: fc.integer({ min: 1, max: 3 }),
  });

  it('every occurrence has the same local wall times, in order, within the count bounds', () => {
    fc.assert(
      fc.property(specs, ({ zone, day, startMinute, minutes, rule, interval }) => {
        const first = Temporal.PlainDateTime.from('2026-01-05T00:00')
          .toZonedDateTime(zone)
          .add({ days: day })
          .with({ hour: Math.floor(startMinute / 60), minute: startMinute % 60 });
        const end = first.add({ minutes });
        const rrule = `FREQ=${rule.freq};INTERVAL=${interval}${rule.count ? `;COUNT=${rule.count}` : ''}`;
        const horizonEnd = first.add({ days: 120 }).epochMilliseconds;
        const spec = {
          firstStart: first.epochMilliseconds,
          firstEnd: end.epochMilliseconds,
          rrule,
          timeZone: zone,
        };
        if (rule.count && rule.count > MAX_SERIES_OCCURRENCES) {
          expect(problemOf(() => expandSeries(spec, { horizonEnd }))).toBe('TOO_MANY_OCCURRENCES');
          return;
        }
        const { occurrences } = expandSeries(spec, { horizonEnd });
        expect(occurrences[0].start).toBe(first.epochMilliseconds);
        expect(occurrences.length).toBeLessThanOrEqual(rule.count ?? MAX_SERIES_OCCURRENCES);
        if (rule.freq !== 'MONTHLY' && rule.count) expect(occurrences).toHaveLength(rule.count);
        if (!rule.count) expect(occurrences.every((o) => o.start <= horizonEnd)).toBe(true);
        // The wall-clock length: both ends' local times read as if they were UTC.
        const asUtc = (ms: number) =>
          zoned(ms, zone).toPlainDateTime().toZonedDateTime('UTC').epochMilliseconds;
        const localLength = (o: { start: number; end: number }) => asUtc(o.end) - asUtc(o.start);
        for (let i = 0; i < occurrences.length; i++) {
          const o = occurrences[i];
          expect(wall(o.start, zone)).toBe(wall(first.epochMilliseconds, zone));
          expect(wall(o.end, zone)).toBe(wall(end.epochMilliseconds, zone));
          expect(localLength(o)).toBe(minutes * 60_000);
          if (i > 0) expect(o.start).toBeGreaterThan(occurrences[i - 1].end - 1);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('seriesCalendarWindow', () => {
  const DAY = 86_400_000;
  const dates = [
    { start: local('2027-03-16T09:00'), end: local('2027-03-16T11:00') },
    { start: local('2027-03-23T09:00'), end: local('2027-03-23T11:00') },
  ];

  it('spans the dates with a day either side', () => {
    expect(seriesCalendarWindow(dates, FAR)).toEqual({
      start: dates[0].start - DAY,
      end: dates[1].end + DAY,
    });
  });

  it('stops two days past the horizon, however far the dates go', () => {
    const horizonEnd = local('2027-03-18T00:00');
    expect(seriesCalendarWindow(dates, horizonEnd)).toEqual({
      start: dates[0].start - DAY,
      end: horizonEnd + 3 * DAY,
    });
  });
});

describe('buildRule', () => {
  const first = local('2027-03-16T09:00'); // a Tuesday, third of the month

  it('builds weekly rules that include the first day and end on a local date', () => {
    const rule = buildRule({ kind: 'weekly', weekdays: [4] }, { until: '2027-06-30' }, first, PARIS);
    expect(rule).toBe('FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270630T215959Z');
    const { occurrences } = expandSeries(
      { firstStart: first, firstEnd: first + 7_200_000, rrule: rule, timeZone: PARIS },
      { horizonEnd: FAR },
    );
    expect(
      zoned(occurrences[occurrences.length - 1].start)
        .toPlainDate()
        .toString(),
    ).toBe('2027-06-29');
  });

  it('builds monthly rules by date or by weekday', () => {
    expect(buildRule({ kind: 'monthlyByDate' }, { count: 5 }, first, PARIS)).toBe(
      'FREQ=MONTHLY;BYMONTHDAY=16;COUNT=5',
    );
    expect(buildRule({ kind: 'monthlyByWeekday' }, { count: 5 }, first, PARIS)).toBe(
      'FREQ=MONTHLY;BYDAY=3TU;COUNT=5',
    );
    expect(buildRule({ kind: 'monthlyByWeekday' }, { count: 5 }, local('2027-03-30T09:00'), PARIS)).toBe(
      'FREQ=MONTHLY;BYDAY=-1TU;COUNT=5',
    );
  });

  it('always gives a rule whose first occurrence is the first date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.subarray([1, 2, 3, 4, 5, 6, 7]),
        fc.constantFrom('weekly', 'monthlyByDate', 'monthlyByWeekday') as fc.Arbitrary<
          'weekly' | 'monthlyByDate' | 'monthlyByWeekday'
        >,
        fc.integer({ min: 1, max: 30 }),
        (day, weekdays, kind, count) => {
          const start = Temporal.PlainDateTime.from('2027-01-01T10:00')
            .toZonedDateTime(PARIS)
            .add({ days: day }).epochMilliseconds;
          const rrule = buildRule({ kind, weekdays }, { count }, start, PARIS);
          const { occurrences } = expandSeries(
            { firstStart: start, firstEnd: start + 3_600_000, rrule, timeZone: PARIS },
            { horizonEnd: FAR },
          );
          expect(occurrences[0].start).toBe(start);
          expect(occurrences).toHaveLength(count);
        },
      ),
      { numRuns: 200 },
    );
  });
});
