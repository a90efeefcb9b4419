import { describe, expect, it } from 'vitest';
import { availabilityOfDay, bookableFree } from '../../../lib/day-availability';
import { daySegments } from './day-segments';

const at = (time: string) => Date.parse(`2026-03-03T${time}+01:00`);
const policy = { slotStepMinutes: 30, minDurationMinutes: 30, maxDurationMinutes: 480, minNoticeMinutes: 60 };

describe('day segments', () => {
  it('lists a day in time order: past, free, own and others’ bookings, the lunch closure', () => {
    const day = availabilityOfDay(
      {
        open: [
          { start: '2026-03-03T08:00:00Z', end: '2026-03-03T11:00:00Z' },
          { start: '2026-03-03T13:00:00Z', end: '2026-03-03T17:00:00Z' },
        ],
        busy: [
          { start: '2026-03-03T13:00:00Z', end: '2026-03-03T14:00:00Z' },
          { start: '2026-03-03T15:00:00Z', end: '2026-03-03T16:00:00Z' },
        ],
        free: [
          { start: '2026-03-03T08:00:00Z', end: '2026-03-03T11:00:00Z' },
          { start: '2026-03-03T14:00:00Z', end: '2026-03-03T15:00:00Z' },
          { start: '2026-03-03T16:00:00Z', end: '2026-03-03T17:00:00Z' },
        ],
      },
      '2026-03-03',
      'Europe/Paris',
    );
    const now = at('09:00');
    const mine = [{ id: 'b1', title: 'AG', start: at('16:00'), end: at('17:00') }];
    const segments = daySegments(day, bookableFree(day, policy, now), mine, now + 3_600_000);
    expect(segments.map((s) => [s.kind, new Date(s.start).toISOString().slice(11, 16)])).toEqual([
      ['past', '08:00'],
      ['free', '09:00'],
      ['closed', '11:00'],
      ['busy', '13:00'],
      ['free', '14:00'],
      ['mine', '15:00'],
      ['free', '16:00'],
    ]);
    expect(segments[0]).toMatchObject({ start: at('09:00'), end: at('10:00') });
    expect(segments[1]).toMatchObject({ start: at('10:00'), end: at('12:00') });
  });
});
