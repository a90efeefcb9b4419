import fc from 'fast-check';
import { audienceAdmits, blockedPeriod, checkBooking, type BookingRules } from './policy';
import { openPeriods } from './opening-hours';

const PARIS = 'Europe/Paris';
const rules: BookingRules = {
  slotStepMinutes: 30,
  minDurationMinutes: 30,
  maxDurationMinutes: 240,
  minNoticeMinutes: 60,
  horizonDays: 90,
  capacity: 12,
};
const at = (iso: string) => Date.parse(iso);
const now = at('2026-03-02T08:00:00+01:00'); // Monday morning
const open = openPeriods([{ weekday: 3, opens: '09:00', closes: '18:00' }], PARIS, {
  start: at('2026-03-04T00:00:00+01:00'),
  end: at('2026-03-05T00:00:00+01:00'),
});
const attempt = (start: string, end: string, attendees = 4) => ({
  period: { start: at(start), end: at(end) },
  attendees,
  now,
  timeZone: PARIS,
  open,
});

describe('checkBooking', () => {
  it('accepts a booking that keeps every rule', () => {
    expect(checkBooking(rules, attempt('2026-03-04T10:00:00+01:00', '2026-03-04T11:30:00+01:00'))).toEqual(
      [],
    );
  });

  it.each([
    ['OUTSIDE_OPENING_HOURS', '2026-03-04T17:30:00+01:00', '2026-03-04T18:30:00+01:00', 4],
    ['OFF_STEP', '2026-03-04T10:15:00+01:00', '2026-03-04T11:15:00+01:00', 4],
    ['TOO_SHORT', '2026-03-04T10:00:00+01:00', '2026-03-04T10:00:00+01:00', 4],
    ['TOO_LONG', '2026-03-04T09:00:00+01:00', '2026-03-04T14:00:00+01:00', 4],
    ['TOO_MANY_ATTENDEES', '2026-03-04T10:00:00+01:00', '2026-03-04T11:00:00+01:00', 13],
    ['IN_THE_PAST', '2026-03-01T10:00:00+01:00', '2026-03-01T11:00:00+01:00', 4],
    ['TOO_LATE', '2026-03-02T08:30:00+01:00', '2026-03-02T09:00:00+01:00', 4],
    ['BEYOND_HORIZON', '2026-07-01T10:00:00+02:00', '2026-07-01T11:00:00+02:00', 4],
  ])('refuses with %s', (code, start, end, attendees) => {
    expect(checkBooking(rules, attempt(start, end, attendees))).toContain(code);
  });

  it('judges the step in local time, whatever the offset', () => {
    // 09:30 local is 08:30 UTC in winter: on-step locally although UTC minutes are the same.
    expect(checkBooking(rules, attempt('2026-03-04T09:30:00+01:00', '2026-03-04T10:30:00+01:00'))).toEqual(
      [],
    );
  });

  it('never accepts a period that leaves the open periods (property)', () => {
    const dayStart = at('2026-03-04T00:00:00+01:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 8 }), (slot, len) => {
        const start = dayStart + slot * 30 * 60_000;
        const end = start + len * 30 * 60_000;
        const violations = checkBooking(rules, {
          period: { start, end },
          attendees: 1,
          now,
          timeZone: PARIS,
          open,
        });
        const inside = open.some((o) => o.start <= start && end <= o.end);
        expect(violations.includes('OUTSIDE_OPENING_HOURS')).toBe(!inside);
      }),
    );
  });
});

describe('audienceAdmits', () => {
  const site = { departementCode: '34', regionCode: '76' };
  it('admits everyone to an open space, the département to a département space, the région to a région space', () => {
    const gard = { departementCode: '30', regionCode: '76' };
    const paris = { departementCode: '75', regionCode: '11' };
    expect(audienceAdmits('all', site, paris)).toBe(true);
    expect(audienceAdmits('region', site, gard)).toBe(true);
    expect(audienceAdmits('region', site, paris)).toBe(false);
    expect(audienceAdmits('departement', site, gard)).toBe(false);
    expect(audienceAdmits('departement', site, site)).toBe(true);
  });
});

describe('blockedPeriod', () => {
  it('keeps the set-up time before and the clean-down time after the booking', () => {
    const period = { start: Date.parse('2027-03-16T09:00:00Z'), end: Date.parse('2027-03-16T11:00:00Z') };
    expect(blockedPeriod(period, { bufferBeforeMinutes: 15, bufferAfterMinutes: 30 })).toEqual({
      start: Date.parse('2027-03-16T08:45:00Z'),
      end: Date.parse('2027-03-16T11:30:00Z'),
    });
    expect(blockedPeriod(period, { bufferBeforeMinutes: 0, bufferAfterMinutes: 0 })).toEqual(period);
  });
});
