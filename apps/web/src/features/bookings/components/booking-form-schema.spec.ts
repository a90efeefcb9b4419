import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { availabilityOfDay } from '../../../lib/day-availability';
import { bookingFormSchema, toBookingRequest, type BookingFormValues } from './booking-form-schema';

// Messages are locale keys here: the test checks which rule fired, not its wording.
const t = ((key: string) => key) as unknown as TFunction;

const space = {
  id: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  capacity: 12,
  site: { timeZone: 'Europe/Paris' },
  policy: {
    approvalRequired: false,
    slotStepMinutes: 30,
    minDurationMinutes: 30,
    maxDurationMinutes: 480,
    minNoticeMinutes: 60,
    horizonDays: 90,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    audience: 'all' as const,
    checkInMinutes: null,
  },
};
const now = () => Date.parse('2026-03-01T10:00:00+01:00');
const valid: BookingFormValues = {
  date: '2026-03-03',
  startTime: '14:30',
  endTime: '16:00',
  title: 'Permanence emploi',
  attendees: 6,
};

function issues(values: Partial<BookingFormValues>, extra: object = {}) {
  const result = bookingFormSchema({ space, now, ...extra }, t).safeParse({ ...valid, ...values });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('booking form', () => {
  it('accepts a well-formed booking and builds the request in the site zone', () => {
    expect(issues({})).toEqual([]);
    expect(toBookingRequest(valid, space)).toEqual({
      spaceId: space.id,
      start: '2026-03-03T14:30:00+01:00',
      end: '2026-03-03T16:00:00+01:00',
      title: 'Permanence emploi',
      attendees: 6,
    });
  });

  it('builds summer-time instants after the daylight-saving change', () => {
    expect(toBookingRequest({ ...valid, date: '2026-03-31' }, space).start).toBe('2026-03-31T14:30:00+02:00');
  });

  it.each([
    ['a blank title', { title: '   ' }, 'title: bookingForm.errors.subjectRequired'],
    ['a too long title', { title: 'x'.repeat(121) }, 'title: bookingForm.errors.subjectTooLong'],
    ['no attendees', { attendees: Number.NaN }, 'attendees: bookingForm.errors.attendeesRequired'],
    ['zero attendees', { attendees: 0 }, 'attendees: bookingForm.errors.attendeesMin'],
    ['fractional attendees', { attendees: 2.5 }, 'attendees: bookingForm.errors.attendeesInteger'],
    ['more people than the capacity', { attendees: 13 }, 'attendees: bookingForm.errors.attendeesMax'],
    ['a missing date', { date: '' }, 'date: bookingForm.errors.date'],
    ['a missing start', { startTime: '' }, 'startTime: bookingForm.errors.time'],
    ['an end before the start', { endTime: '14:00' }, 'endTime: bookingForm.errors.endAfterStart'],
    ['an end equal to the start', { endTime: '14:30' }, 'endTime: bookingForm.errors.endAfterStart'],
    ['a start off the 30-minute step', { startTime: '14:15' }, 'startTime: bookingForm.errors.step'],
    [
      'a period longer than allowed',
      { startTime: '08:00', endTime: '17:00' },
      'endTime: bookingForm.errors.tooLong',
    ],
    ['a slot in the past', { date: '2026-02-27' }, 'startTime: bookingForm.errors.inThePast'],
  ])('refuses %s', (_name, values, expected) => {
    expect(issues(values)).toContain(expected);
  });

  it('refuses a period the chosen day shows taken, or outside its opening hours', () => {
    const day = availabilityOfDay(
      {
        open: [{ start: '2026-03-03T08:00:00Z', end: '2026-03-03T17:00:00Z' }],
        busy: [{ start: '2026-03-03T13:00:00Z', end: '2026-03-03T15:00:00Z' }],
        free: [
          { start: '2026-03-03T08:00:00Z', end: '2026-03-03T13:00:00Z' },
          { start: '2026-03-03T15:00:00Z', end: '2026-03-03T17:00:00Z' },
        ],
      },
      '2026-03-03',
      'Europe/Paris',
    );
    expect(issues({}, { day })).toContain('startTime: bookingForm.errors.taken');
    expect(issues({ startTime: '17:00', endTime: '18:30' }, { day })).toContain(
      'startTime: bookingForm.errors.closed',
    );
    expect(issues({ startTime: '10:00', endTime: '11:00' }, { day })).toEqual([]);
    // Another day than the one known: the API decides.
    expect(issues({ date: '2026-03-10' }, { day })).toEqual([]);
  });
});
