import fc from 'fast-check';
import {
  occupancyRate,
  rollUp,
  spaceDays,
  spaceSums,
  type OccupancyBooking,
  type OccupancyCalendar,
} from './occupancy';

const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '09:00', closes: '12:00' },
  { weekday, opens: '14:00', closes: '18:00' },
]);

/** Open 9–12 and 14–18 on weekdays, and 01:00–04:00 on Sundays (the night window meets the clock change). */
const calendar: OccupancyCalendar = {
  timeZone: 'Europe/Paris',
  openingHours: [...weekdays, { weekday: 7, opens: '01:00', closes: '04:00' }],
  closures: [{ startsOn: '2026-04-01', endsOn: '2026-04-01' }],
  departementCode: '34',
  holidayOpenings: new Set(),
  published: [{ start: Date.parse('2026-01-01T00:00:00+01:00'), end: Infinity }],
};

const b = (start: string, end: string, status: string, organisationId: string): OccupancyBooking => ({
  start: Date.parse(start),
  end: Date.parse(end),
  status,
  organisationId,
});

const bookings = [
  b('2026-03-23T09:00:00+01:00', '2026-03-23T12:00:00+01:00', 'confirmed', 'o1'),
  b('2026-03-24T10:00:00+01:00', '2026-03-24T16:00:00+01:00', 'completed', 'o2'),
  // Three days, the middle one closed.
  b('2026-03-31T09:00:00+02:00', '2026-04-02T12:00:00+02:00', 'confirmed', 'o1'),
  b('2026-03-26T09:00:00+01:00', '2026-03-26T12:00:00+01:00', 'cancelled', 'o3'),
  b('2026-03-27T14:00:00+01:00', '2026-03-27T18:00:00+01:00', 'no_show', 'o3'),
  b('2026-03-29T01:00:00+01:00', '2026-03-29T04:00:00+02:00', 'confirmed', 'o2'),
  b('2026-03-30T09:00:00+02:00', '2026-03-30T10:00:00+02:00', 'pending', 'o4'),
];

describe('occupancy of one space', () => {
  const days = spaceDays(calendar, bookings, '2026-03-23', '2026-04-06');
  const day = (date: string) => days.find((d) => d.date === date)!;

  it('offers 7 h a weekday, 2 h on the spring-forward Sunday, nothing on a closure or Easter Monday', () => {
    expect(days).toHaveLength(15);
    expect(day('2026-03-23').offeredMinutes).toBe(420);
    expect(day('2026-03-28').offeredMinutes).toBe(0);
    expect(day('2026-03-29').offeredMinutes).toBe(120);
    expect(day('2026-04-05').offeredMinutes).toBe(180);
    expect(day('2026-04-01').offeredMinutes).toBe(0);
    expect(day('2026-04-06').offeredMinutes).toBe(0);
    // 5 × 420 + 120 + 4 × 420 + 180
    expect(days.reduce((s, d) => s + d.offeredMinutes, 0)).toBe(4080);
  });

  it('books confirmed and completed hours clipped to the offered hours', () => {
    expect(day('2026-03-24').bookedMinutes).toBe(240); // 10–12 and 14–16 of 10–16
    expect(day('2026-03-31').bookedMinutes).toBe(420);
    expect(day('2026-04-01').bookedMinutes).toBe(0); // closed
    expect(day('2026-04-02').bookedMinutes).toBe(180);
    expect(day('2026-03-26').bookedMinutes).toBe(0); // cancelled
    expect(day('2026-03-27').bookedMinutes).toBe(0); // no-show
    expect(day('2026-03-29').bookedMinutes).toBe(120);
    expect(day('2026-03-30').bookedMinutes).toBe(0); // pending
    const sums = spaceSums(20, days);
    expect(sums).toEqual({
      offeredMinutes: 4080,
      bookedMinutes: 1140,
      offeredSqmMinutes: 81_600,
      usedSqmMinutes: 22_800,
      bookings: 4,
    });
    expect(occupancyRate(sums)).toBeCloseTo(1140 / 4080, 12);
    expect(days.reduce((s, d) => s + d.noShows, 0)).toBe(1);
    expect(day('2026-03-31').byOrganisation).toEqual({ o1: 420 });
  });

  it('counts only the local days on which the space was published, each of them whole', () => {
    // Published on Wednesday 25 March at 15:30, archived at midnight starting Thursday 2 April.
    const published = [
      { start: Date.parse('2026-03-25T15:30:00+01:00'), end: Date.parse('2026-04-02T00:00:00+02:00') },
    ];
    const window = spaceDays({ ...calendar, published }, bookings, '2026-03-23', '2026-04-06');
    const on = (date: string) => window.find((d) => d.date === date)!;
    // 25–27 March 3 × 420 (the 25th whole) + 120 on the 29th + 30–31 March 2 × 420 + the closed 1st = 2220.
    expect(window.reduce((s, d) => s + d.offeredMinutes, 0)).toBe(2220);
    expect(on('2026-03-24')).toEqual({
      date: '2026-03-24',
      offeredMinutes: 0,
      bookedMinutes: 0,
      bookings: 0,
      noShows: 0,
      byOrganisation: {},
    });
    expect(on('2026-03-25').offeredMinutes).toBe(420);
    expect(on('2026-04-02').offeredMinutes).toBe(0);
    // Booked: 420 on the 31st (not the 2nd of the same booking) + 120 on the 29th; the bookings of the 23rd
    // and 24th were before it was published.
    expect(spaceSums(20, window)).toMatchObject({ offeredMinutes: 2220, bookedMinutes: 540, bookings: 2 });
    expect(window.reduce((s, d) => s + d.noShows, 0)).toBe(1);
    // Archived on the 31st at 18:00 and published again on 3 April: both days count whole, the 2nd not.
    const twice = spaceDays(
      {
        ...calendar,
        published: [
          { start: Date.parse('2026-03-01T00:00:00+01:00'), end: Date.parse('2026-03-31T18:00:00+02:00') },
          { start: Date.parse('2026-04-03T08:00:00+02:00'), end: Infinity },
        ],
      },
      bookings,
      '2026-03-30',
      '2026-04-03',
    );
    expect(twice.map((d) => [d.date, d.offeredMinutes, d.bookedMinutes])).toEqual([
      ['2026-03-30', 420, 0],
      ['2026-03-31', 420, 420],
      ['2026-04-01', 0, 0],
      ['2026-04-02', 0, 0],
      ['2026-04-03', 420, 0], // Good Friday, a working day in Hérault
    ]);
  });

  it('has no rate when nothing is offered', () => {
    expect(occupancyRate(spaceSums(20, spaceDays(calendar, [], '2026-04-06', '2026-04-06')))).toBeNull();
  });
});

const TIME = Date.parse('2026-03-16T00:00:00Z');
const HOUR = 3_600_000;
const arbBooking = fc
  .record({
    startHour: fc.integer({ min: 0, max: 24 * 28 }),
    hours: fc.integer({ min: 1, max: 30 }),
    status: fc.constantFrom('pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show'),
    organisationId: fc.constantFrom('o1', 'o2', 'o3'),
  })
  .map((r) => ({
    start: TIME + r.startHour * HOUR,
    end: TIME + (r.startHour + r.hours) * HOUR,
    status: r.status,
    organisationId: r.organisationId,
  }));

/** Bookings as the database allows them: active ones never overlap. */
function withoutOverlaps(list: OccupancyBooking[]): OccupancyBooking[] {
  const kept: OccupancyBooking[] = [];
  for (const x of list) {
    const active = x.status === 'confirmed' || x.status === 'completed';
    const clash = kept.some(
      (k) => (k.status === 'confirmed' || k.status === 'completed') && k.start < x.end && x.start < k.end,
    );
    if (!active || !clash) kept.push(x);
  }
  return kept;
}

describe('occupancy properties', () => {
  it('keeps the rate within [0, 1] and booked hours within offered hours, day by day', () => {
    fc.assert(
      fc.property(fc.array(arbBooking, { maxLength: 12 }), fc.integer({ min: 1, max: 500 }), (list, area) => {
        const days = spaceDays(calendar, withoutOverlaps(list), '2026-03-16', '2026-04-12');
        for (const d of days) expect(d.bookedMinutes).toBeLessThanOrEqual(d.offeredMinutes);
        const rate = occupancyRate(spaceSums(area, days));
        expect(rate === null || (rate >= 0 && rate <= 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('rolls up to the sum of its parts, whatever the split into periods and organisations', () => {
    fc.assert(
      fc.property(fc.array(arbBooking, { maxLength: 12 }), fc.integer({ min: 1, max: 27 }), (list, cut) => {
        const clean = withoutOverlaps(list);
        const whole = spaceDays(calendar, clean, '2026-03-16', '2026-04-12');
        const parts = [whole.slice(0, cut), whole.slice(cut)].map((p) => spaceSums(35, p));
        expect(rollUp(parts)).toEqual(spaceSums(35, whole));
        // The per-organisation split of each day adds up to the day's booked minutes.
        for (const d of whole) {
          expect(Object.values(d.byOrganisation).reduce((s, m) => s + m, 0)).toBe(d.bookedMinutes);
        }
      }),
      { numRuns: 60 },
    );
  });
});
