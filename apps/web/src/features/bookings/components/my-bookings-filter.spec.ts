import { describe, expect, it } from 'vitest';
import { aBooking } from '../../../test/booking';
import { applyFilter, bookingFilter, filterOf } from './my-bookings-filter';

describe('my bookings’ filters', () => {
  const now = Date.now();
  const soon = aBooking(24, { id: 'soon' });
  const later = aBooking(72, { id: 'later', status: 'pending' });
  const cancelledSoon = aBooking(48, { id: 'cancelled', status: 'cancelled' });
  const refused = aBooking(96, { id: 'refused', status: 'rejected' });
  const done = aBooking(-72, { id: 'done', status: 'completed' });
  const absent = aBooking(-48, { id: 'absent', status: 'no_show' });
  const all = [later, cancelledSoon, done, soon, refused, absent];

  it('keeps what was called off out of "à venir", whatever its date', () => {
    expect(bookingFilter(cancelledSoon, now)).toBe('annulees');
    expect(bookingFilter(refused, now)).toBe('annulees');
    expect(applyFilter(all, 'a-venir', now).map((b) => b.id)).toEqual(['soon', 'later']);
  });

  it('shows past bookings most recent first, and the called-off ones under their own filter', () => {
    expect(applyFilter(all, 'passees', now).map((b) => b.id)).toEqual(['absent', 'done']);
    expect(applyFilter(all, 'annulees', now).map((b) => b.id)).toEqual(['refused', 'cancelled']);
    expect(applyFilter(all, 'toutes', now)).toHaveLength(all.length);
  });

  it('reads the filter from the address, "à venir" when it says nothing known', () => {
    expect(filterOf('annulees')).toBe('annulees');
    expect(filterOf(null)).toBe('a-venir');
    expect(filterOf('n’importe')).toBe('a-venir');
  });
});
