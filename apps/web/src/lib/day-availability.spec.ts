import { describe, expect, it } from 'vitest';
import {
  availabilityOfDay,
  bookableFree,
  dayWindow,
  defaultEnd,
  endChoices,
  startChoices,
  slotVerdict,
  weekDates,
  weekWindow,
} from './day-availability';

const TZ = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);
const policy = { slotStepMinutes: 30, minDurationMinutes: 60, maxDurationMinutes: 180, minNoticeMinutes: 60 };
// Tuesday 3 March 2026, Paris (UTC+1): open 9:00–12:00 and 14:00–18:00, booked 15:00–16:00.
const week = {
  open: [
    { start: '2026-03-02T08:00:00Z', end: '2026-03-02T17:00:00Z' },
    { start: '2026-03-03T08:00:00Z', end: '2026-03-03T11:00:00Z' },
    { start: '2026-03-03T13:00:00Z', end: '2026-03-03T17:00:00Z' },
  ],
  busy: [{ start: '2026-03-03T14:00:00Z', end: '2026-03-03T15:00:00Z' }],
  free: [
    { start: '2026-03-02T08:00:00Z', end: '2026-03-02T17:00:00Z' },
    { start: '2026-03-03T08:00:00Z', end: '2026-03-03T11:00:00Z' },
    { start: '2026-03-03T13:00:00Z', end: '2026-03-03T14:00:00Z' },
    { start: '2026-03-03T15:00:00Z', end: '2026-03-03T17:00:00Z' },
  ],
};
const day = availabilityOfDay(week, '2026-03-03', TZ);
const slot = (from: string, to: string) => ({
  start: at(`2026-03-03T${from}+01:00`),
  end: at(`2026-03-03T${to}+01:00`),
});

describe('day availability', () => {
  it('gives the Monday-to-Sunday week of a date, across months and years', () => {
    expect(weekDates('2026-03-03')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(weekDates('2027-01-03')[0]).toBe('2026-12-28');
  });

  it('asks for a local day and week, 23 hours on the day summer time starts', () => {
    expect(dayWindow('2026-03-29', TZ)).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
    expect(weekWindow('2026-03-04', TZ)).toEqual({
      from: '2026-03-01T23:00:00.000Z',
      to: '2026-03-08T23:00:00.000Z',
    });
  });

  it('keeps only the chosen day of a week’s answer', () => {
    expect(day.open).toEqual([slot('09:00', '12:00'), slot('14:00', '18:00')]);
    expect(day.free).toHaveLength(3);
  });

  it('says a slot is free, taken (and by what), outside the hours, or on a closed day', () => {
    expect(slotVerdict(slot('16:00', '18:00'), day)).toEqual({ kind: 'free' });
    expect(slotVerdict(slot('14:30', '17:00'), day)).toEqual({
      kind: 'taken',
      busy: [slot('15:00', '16:00')],
    });
    expect(slotVerdict(slot('11:00', '13:00'), day)).toEqual({ kind: 'closed', open: day.open });
    const sunday = availabilityOfDay(week, '2026-03-08', TZ);
    expect(
      slotVerdict({ start: at('2026-03-08T10:00:00+01:00'), end: at('2026-03-08T11:00:00+01:00') }, sunday),
    ).toEqual({ kind: 'closedDay' });
  });

  it('offers the free periods still bookable: after the notice, on the step, long enough', () => {
    // At 10:40 with an hour's notice: from 12:00 (on the step after 11:40) nothing of the morning is left.
    expect(bookableFree(day, policy, at('2026-03-03T10:40:00+01:00'))).toEqual([
      slot('14:00', '15:00'),
      slot('16:00', '18:00'),
    ]);
    // At 8:10: the morning from 9:30.
    expect(bookableFree(day, policy, at('2026-03-03T08:10:00+01:00'))[0]).toEqual(slot('09:30', '12:00'));
  });

  it('offers starts and ends on the step, within the period and the allowed durations', () => {
    const free = slot('14:00', '18:00');
    expect(startChoices(free, policy).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '13:00',
      '13:30',
      '14:00',
      '14:30',
      '15:00',
      '15:30',
      '16:00',
    ]);
    const start = at('2026-03-03T15:00:00+01:00');
    expect(endChoices(free, start, policy)).toEqual([
      at('2026-03-03T16:00:00+01:00'),
      at('2026-03-03T16:30:00+01:00'),
      at('2026-03-03T17:00:00+01:00'),
      at('2026-03-03T17:30:00+01:00'),
      at('2026-03-03T18:00:00+01:00'),
    ]);
    expect(endChoices(free, at('2026-03-03T14:00:00+01:00'), policy).at(-1)).toBe(
      at('2026-03-03T17:00:00+01:00'),
    );
    expect(defaultEnd(free, start, policy)).toBe(at('2026-03-03T16:00:00+01:00'));
  });
});
