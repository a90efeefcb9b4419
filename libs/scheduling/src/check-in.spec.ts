import fc from 'fast-check';
import {
  CHECK_IN_OPENS_MINUTES,
  checkInDecision,
  checkInWindow,
  releaseAt,
  releasedRest,
  type CheckInFacts,
} from './check-in';
import { LIFECYCLE_STATUSES } from './lifecycle';

const MIN = 60_000;
const start = Date.parse('2026-03-10T09:00:00Z');
const end = start + 120 * MIN;
const facts = (o: Partial<CheckInFacts> = {}): CheckInFacts => ({
  status: 'confirmed',
  start,
  end,
  checkedInAt: null,
  checkInMinutes: null,
  now: start,
  ...o,
});

describe('check-in window', () => {
  it('opens 15 minutes before the start and closes at the end when check-in is not required', () => {
    expect(checkInWindow(facts())).toEqual({ start: start - CHECK_IN_OPENS_MINUTES * MIN, end });
    expect(checkInDecision(facts({ now: start - 15 * MIN }))).toBe('ok');
    expect(checkInDecision(facts({ now: start - 15 * MIN - 1 }))).toBe('TOO_EARLY');
    expect(checkInDecision(facts({ now: end - 1 }))).toBe('ok');
    expect(checkInDecision(facts({ now: end }))).toBe('TOO_LATE');
  });

  it('closes N minutes after the start when the space requires it, never after the end', () => {
    expect(checkInWindow(facts({ checkInMinutes: 10 })).end).toBe(start + 10 * MIN);
    expect(checkInDecision(facts({ checkInMinutes: 10, now: start + 10 * MIN - 1 }))).toBe('ok');
    expect(checkInDecision(facts({ checkInMinutes: 10, now: start + 10 * MIN }))).toBe('TOO_LATE');
    expect(checkInWindow(facts({ checkInMinutes: 240 })).end).toBe(end);
    expect(releaseAt(start, 10)).toBe(start + 10 * MIN);
  });

  it('answers "already" for a checked-in booking, even once it has completed', () => {
    expect(checkInDecision(facts({ checkedInAt: start, now: end + 60 * MIN }))).toBe('already');
    expect(checkInDecision(facts({ status: 'completed', checkedInAt: start }))).toBe('already');
  });

  it('refuses anything but a confirmed booking', () => {
    for (const status of LIFECYCLE_STATUSES.filter((s) => s !== 'confirmed'))
      expect(checkInDecision(facts({ status }))).toBe('NOT_CONFIRMED');
  });

  it('is ok exactly inside the window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -300, max: 300 }),
        fc.option(fc.integer({ min: 5, max: 240 }), { nil: null }),
        (offset, minutes) => {
          const f = facts({ now: start + offset * MIN, checkInMinutes: minutes });
          const w = checkInWindow(f);
          const inside = f.now >= w.start && f.now < w.end;
          expect(checkInDecision(f) === 'ok').toBe(inside);
          expect(w.end).toBeLessThanOrEqual(end);
        },
      ),
    );
  });
});

describe('released rest of the slot', () => {
  it('starts at the release time rounded up to the step, counted from the start', () => {
    expect(releasedRest({ start, end }, start + 10 * MIN + 1, 30)).toEqual({ start: start + 30 * MIN, end });
    expect(releasedRest({ start, end }, start + 30 * MIN, 30)).toEqual({ start: start + 30 * MIN, end });
    expect(releasedRest({ start, end }, start + 100 * MIN, 30)).toBeNull();
  });

  it('lies inside the booking, on a step boundary, after the release (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 600 }),
        fc.constantFrom(5, 10, 15, 30, 60),
        fc.integer({ min: 1, max: 24 }),
        (after, step, steps) => {
          const period = { start, end: start + steps * step * MIN };
          const released = start + after * MIN + 7;
          const rest = releasedRest(period, released, step);
          if (!rest) return expect(period.end - released).toBeLessThan(step * MIN + step * MIN);
          expect(rest.start).toBeGreaterThanOrEqual(released);
          expect(rest.start - released).toBeLessThan(step * MIN);
          expect((rest.start - start) % (step * MIN)).toBe(0);
          expect(rest.end).toBe(period.end);
          expect(rest.end - rest.start).toBeGreaterThanOrEqual(step * MIN);
        },
      ),
    );
  });
});
