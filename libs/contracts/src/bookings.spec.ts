import { CreateBookingRequest } from './bookings';

const valid = {
  spaceId: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  start: '2026-03-03T14:30:00+01:00',
  end: '2026-03-03T16:00:00+01:00',
  title: 'Permanence emploi',
  attendees: 6,
};

describe('CreateBookingRequest', () => {
  it('accepts a well-formed request', () => {
    expect(CreateBookingRequest.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['an unknown field', { ...valid, extra: 1 }],
    ['an end before the start', { ...valid, end: '2026-03-03T14:00:00+01:00' }],
    ['an instant without offset', { ...valid, start: '2026-03-03T14:30:00' }],
    [
      'an instant of year 2',
      { ...valid, start: '0002-03-03T14:30:00+01:00', end: '0002-03-03T16:00:00+01:00' },
    ],
    ['a non-UUID space', { ...valid, spaceId: '42' }],
    ['a blank title', { ...valid, title: '   ' }],
    ['a 100 kB title', { ...valid, title: 'x'.repeat(100_000) }],
    ['fractional attendees', { ...valid, attendees: 2.5 }],
    ['attendees as a string', { ...valid, attendees: '6' }],
  ])('refuses %s', (_name, body) => {
    expect(CreateBookingRequest.safeParse(body).success).toBe(false);
  });
});
