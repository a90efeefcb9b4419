import fc from 'fast-check';
import { siteDays } from './closed-days';
import {
  compareMatches,
  countedFree,
  judgeOccurrences,
  matchNeedOnSpace,
  needSeriesRule,
  spaceFitsNeed,
  type MatchableSpace,
  type NeedBooker,
  type NeedCriteria,
  type NeedSiteCalendar,
} from './need-matching';
import { hoursWanted, needDates, needOccurrences, occurrencesWanted } from './need-occurrences';
import { overlaps, type Period } from './periods';
import { blockedPeriod, checkBooking } from './policy';
import { expandSeries } from './series';

const PARIS = 'Europe/Paris';
const DAY = 86_400_000;
const now = Date.parse('2027-03-01T08:00:00+01:00'); // a Monday, four weeks before the change to summer time

const baseSpace: MatchableSpace = {
  id: 'space-1',
  kind: 'workshop',
  areaSqm: 40,
  capacity: 12,
  equipment: ['wifi', 'projector'],
  stepFree: true,
  status: 'published',
  policy: {
    slotStepMinutes: 30,
    minDurationMinutes: 30,
    maxDurationMinutes: 240,
    minNoticeMinutes: 60,
    horizonDays: 90,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    approvalRequired: false,
    audience: 'all',
  },
  price: { hourlyRateCents: 1000 },
  site: { timeZone: PARIS, departementCode: '30', regionCode: '76', latitude: 43.8367, longitude: 4.3601 },
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })),
};
const booker: NeedBooker = {
  verification: 'verified',
  legalForm: 'association',
  esus: false,
  departementCode: '30',
  regionCode: '76',
  discounts: [{ basis: 'association', percent: 50 }],
};
const need: NeedCriteria = {
  kind: 'workshop',
  minAreaM2: 30,
  attendees: 8,
  equipment: ['wifi'],
  stepFree: false,
  maxHourlyRateCents: null,
  place: { latitude: 43.8367, longitude: 4.3601, radiusKm: 20, departementCode: '30' },
  schedule: {
    from: '2027-03-02',
    until: '2027-03-30',
    startTime: '14:00',
    endTime: '17:00',
    weekdays: [2],
    perWeek: null,
  },
};
const noCalendar: NeedSiteCalendar = { closures: [], holidayOpenings: [] };

describe('need occurrences', () => {
  it('lays every Tuesday afternoon in the site’s zone, across the change to summer time', () => {
    const occ = needOccurrences(need.schedule, PARIS);
    expect(occ.map((o) => new Date(o.start).toISOString())).toEqual([
      '2027-03-02T13:00:00.000Z',
      '2027-03-09T13:00:00.000Z',
      '2027-03-16T13:00:00.000Z',
      '2027-03-23T13:00:00.000Z',
      '2027-03-30T12:00:00.000Z',
    ]);
    expect(occurrencesWanted(need.schedule)).toBe(5);
    expect(hoursWanted(need.schedule)).toBe(15);
  });

  it('counts perWeek within each ISO week, fewer at a short first or last week', () => {
    const s = { ...need.schedule, from: '2027-03-04', until: '2027-03-16', weekdays: [1, 2, 4], perWeek: 2 };
    // Thu 4 | Mon 8, Tue 9, Thu 11 | Mon 15, Tue 16
    expect(needDates(s).map((d) => d.date)).toEqual([
      '2027-03-04',
      '2027-03-08',
      '2027-03-09',
      '2027-03-11',
      '2027-03-15',
      '2027-03-16',
    ]);
    expect(occurrencesWanted(s)).toBe(1 + 2 + 2);
  });

  it('reads no weekday as every day', () => {
    expect(
      needDates({ ...need.schedule, weekdays: [], from: '2027-03-01', until: '2027-03-07' }),
    ).toHaveLength(7);
  });
});

describe('matching one space', () => {
  it('counts free occurrences, the distance and the price after discount', () => {
    const taken = [{ start: Date.parse('2027-03-09T13:30:00Z'), end: Date.parse('2027-03-09T14:00:00Z') }];
    const m = matchNeedOnSpace(need, baseSpace, booker, noCalendar, taken, now)!;
    expect(m.occurrencesWanted).toBe(5);
    expect(m.occurrencesFree).toBe(4);
    expect(m.occurrences[1]).toMatchObject({ free: false, reason: 'SLOT_TAKEN' });
    expect(m.hourlyRateCents).toBe(500);
    expect(m.discountPercent).toBe(50);
    expect(m.totalCents).toBe(4 * 1500);
    expect(m.distanceKm).toBe(0);
  });

  it('names a closure or a holiday as the booking path does', () => {
    const closed = {
      closures: [{ startsOn: '2027-03-16', endsOn: '2027-03-16', reason: 'Travaux' }],
      holidayOpenings: [],
    };
    const m = matchNeedOnSpace(need, baseSpace, booker, closed, [], now)!;
    expect(m.occurrences[2]).toMatchObject({ free: false, reason: 'CLOSED' });
  });

  it.each<[string, Partial<NeedCriteria>, Partial<MatchableSpace>]>([
    ['kind', { kind: 'meeting_room' }, {}],
    ['area', { minAreaM2: 50 }, {}],
    ['people', { attendees: 13 }, {}],
    ['equipment', { equipment: ['kitchen'] }, {}],
    ['step-free', { stepFree: true }, { stepFree: false }],
    ['price ceiling after discount', { maxHourlyRateCents: 499 }, {}],
    ['free only', { maxHourlyRateCents: 0 }, {}],
    ['out of reach', { place: { ...need.place, latitude: 45 } }, {}],
    ['not published', {}, { status: 'draft' }],
    [
      'another département’s audience',
      {},
      {
        policy: { ...baseSpace.policy, audience: 'departement' },
        site: { ...baseSpace.site, departementCode: '34' },
      },
    ],
  ])('refuses a space that fails the %s', (_what, n, s) => {
    expect(spaceFitsNeed({ ...need, ...n }, { ...baseSpace, ...s }, booker)).toBe(false);
    expect(
      matchNeedOnSpace({ ...need, ...n }, { ...baseSpace, ...s }, booker, noCalendar, [], now),
    ).toBeNull();
  });

  it('keeps a space within the price ceiling only after the discount', () => {
    expect(spaceFitsNeed({ ...need, maxHourlyRateCents: 500 }, baseSpace, booker)).toBe(true);
    expect(spaceFitsNeed({ ...need, maxHourlyRateCents: 500 }, baseSpace, { ...booker, discounts: [] })).toBe(
      false,
    );
  });

  it('refuses an organisation the booking path would not admit', () => {
    expect(spaceFitsNeed(need, baseSpace, { ...booker, verification: 'pending' })).toBe(false);
    expect(spaceFitsNeed(need, baseSpace, null)).toBe(false);
  });

  it('counts at most perWeek free occurrences a week, the first ones', () => {
    const s = { ...need.schedule, weekdays: [1, 2, 3], perWeek: 1 };
    const m = matchNeedOnSpace({ ...need, schedule: s }, baseSpace, booker, noCalendar, [], now)!;
    expect(m.occurrencesWanted).toBe(5);
    expect(m.occurrencesFree).toBe(5);
  });

  it('ranks by free occurrences, then distance, then price', () => {
    const a = { spaceId: 'a', occurrencesFree: 3, distanceKm: 10, hourlyRateCents: 0 };
    const b = { spaceId: 'b', occurrencesFree: 4, distanceKm: 19, hourlyRateCents: 900 };
    const c = { spaceId: 'c', occurrencesFree: 3, distanceKm: 10, hourlyRateCents: -1 + 1 };
    const d = { spaceId: 'd', occurrencesFree: 3, distanceKm: 2, hourlyRateCents: 5000 };
    expect([a, b, c, d].sort(compareMatches).map((m) => m.spaceId)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('gives a series rule whose expansion is the need’s own occurrences', () => {
    const m = matchNeedOnSpace(need, baseSpace, booker, noCalendar, [], now)!;
    const series = needSeriesRule(need.schedule, m.occurrences, PARIS)!;
    const { occurrences } = expandSeries({ ...series, timeZone: PARIS }, { horizonEnd: now + 90 * DAY });
    expect(occurrences).toEqual(m.occurrences.map(({ start, end }) => ({ start, end })));
    expect(needSeriesRule({ ...need.schedule, perWeek: 1 }, m.occurrences, PARIS)).toBeNull();
  });
});

// ------------------------------------------------------------------------------------------------------
// Property: a match never lists an occurrence (nor a space) that a booking of it would refuse
// ------------------------------------------------------------------------------------------------------

/** The booking path, step by step as `BookingCreation.checkPolicy` and the exclusion constraint judge one period. */
function bookingRefuses(
  space: MatchableSpace,
  period: Period,
  attendees: number,
  calendar: NeedSiteCalendar,
  taken: readonly Period[],
): string | null {
  const rules = { ...space.policy, capacity: space.capacity };
  const attempt = { period, attendees, now, timeZone: space.site.timeZone };
  const first = checkBooking(rules, { ...attempt, open: [period] })[0];
  if (first) return first;
  const days = siteDays(
    {
      timeZone: space.site.timeZone,
      departementCode: space.site.departementCode,
      openingHours: space.openingHours,
      ...calendar,
    },
    { start: period.start - DAY, end: period.end + DAY },
  );
  const second = checkBooking(rules, { ...attempt, ...days })[0];
  if (second) return second;
  return taken.some((b) => overlaps(b, blockedPeriod(period, space.policy))) ? 'SLOT_TAKEN' : null;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const isoDay = (offset: number) =>
  new Date(Date.parse('2027-02-20T00:00:00Z') + offset * DAY).toISOString().slice(0, 10);

const spaceArb = fc
  .record({
    step: fc.constantFrom(15, 30, 60),
    minDur: fc.constantFrom(30, 60, 120),
    maxDur: fc.constantFrom(120, 240, 480),
    notice: fc.constantFrom(0, 60, 2880),
    horizon: fc.integer({ min: 5, max: 120 }),
    before: fc.constantFrom(0, 15, 30),
    after: fc.constantFrom(0, 15, 60),
    capacity: fc.integer({ min: 1, max: 30 }),
    hours: fc.array(
      fc.record({
        weekday: fc.integer({ min: 1, max: 7 }),
        opens: fc.integer({ min: 14, max: 30 }),
        span: fc.integer({ min: 2, max: 24 }),
      }),
      { maxLength: 6 },
    ),
    zone: fc.constantFrom(PARIS, 'America/Cayenne', 'Indian/Reunion'),
  })
  .map((r): MatchableSpace => ({
    ...baseSpace,
    capacity: r.capacity,
    policy: {
      ...baseSpace.policy,
      slotStepMinutes: r.step,
      minDurationMinutes: r.minDur,
      maxDurationMinutes: r.maxDur,
      minNoticeMinutes: r.notice,
      horizonDays: r.horizon,
      bufferBeforeMinutes: r.before,
      bufferAfterMinutes: r.after,
    },
    site: { ...baseSpace.site, timeZone: r.zone },
    openingHours: r.hours.map((h) => ({
      weekday: h.weekday,
      opens: hhmm(h.opens * 30),
      closes: hhmm(Math.min(47, h.opens + h.span) * 30),
    })),
  }));

const calendarArb = fc.record({
  closures: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 80 }), days: fc.integer({ min: 0, max: 5 }) }).map((c) => ({
      startsOn: isoDay(c.at),
      endsOn: isoDay(c.at + c.days),
      reason: 'Fermeture',
    })),
    { maxLength: 3 },
  ),
  // Easter Monday and 8 May 2027 fall in the window.
  holidayOpenings: fc.subarray(['2027-03-29', '2027-05-08']),
});

const needArb = fc
  .record({
    from: fc.integer({ min: 0, max: 60 }),
    days: fc.integer({ min: 0, max: 50 }),
    start: fc.integer({ min: 16, max: 40 }),
    length: fc.integer({ min: 1, max: 8 }),
    weekdays: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
    perWeek: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    attendees: fc.integer({ min: 1, max: 30 }),
  })
  .map((r): NeedCriteria => ({
    ...need,
    attendees: r.attendees,
    schedule: {
      from: isoDay(r.from),
      until: isoDay(r.from + r.days),
      startTime: hhmm(r.start * 30),
      endTime: hhmm(Math.min(47, r.start + r.length) * 30),
      weekdays: r.weekdays,
      perWeek: r.perWeek,
    },
  }));

const takenArb = fc.array(
  fc
    .record({ at: fc.integer({ min: 0, max: 90 * 48 }), length: fc.integer({ min: 1, max: 12 }) })
    .map((b) => {
      const start = Date.parse('2027-02-20T00:00:00Z') + b.at * 1_800_000;
      return { start, end: start + b.length * 1_800_000 };
    }),
  { maxLength: 40 },
);

describe('property: same rules as the booking path', () => {
  it('a free occurrence is one a booking would take, a refused one is refused for the same reason', () => {
    fc.assert(
      fc.property(spaceArb, calendarArb, needArb, takenArb, (space, calendar, n, taken) => {
        const candidates = needOccurrences(n.schedule, space.site.timeZone);
        if (candidates.length === 0) return;
        const judged = judgeOccurrences(space, candidates, n.attendees, now, calendar, taken);
        judged.forEach((o) => {
          expect(o.reason).toBe(bookingRefuses(space, o, n.attendees, calendar, taken));
          expect(o.free).toBe(o.reason === null);
        });
        const match = matchNeedOnSpace(n, space, booker, calendar, taken, now);
        const counted = countedFree(n.schedule, candidates, judged);
        // A match lists a space only when a booking of the need would take at least one occurrence.
        expect(match === null).toBe(counted.length === 0);
        if (match) {
          expect(match.occurrencesFree).toBe(counted.length);
          for (const o of match.occurrences.filter((x) => x.free))
            expect(bookingRefuses(space, o, n.attendees, calendar, taken)).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });
});
