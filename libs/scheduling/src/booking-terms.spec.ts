import { bookingTerms, type SpaceTerms } from './booking-terms';

const HOUR = 3_600_000;
const period = { start: Date.UTC(2027, 2, 16, 8), end: Date.UTC(2027, 2, 16, 10) };
const space: SpaceTerms = {
  policy: { approvalRequired: false, bufferBeforeMinutes: 15, bufferAfterMinutes: 30 },
  price: { hourlyRateCents: 1000 },
};
const association = { legalForm: 'association', esus: false, discounts: [] };

describe('bookingTerms', () => {
  it('confirms at once a space without approval, and asks approval of one with', () => {
    expect(bookingTerms(space, association, period).status).toBe('confirmed');
    const approved = { ...space, policy: { ...space.policy, approvalRequired: true } };
    expect(bookingTerms(approved, association, period).status).toBe('pending');
  });

  it('blocks the period with the space’s buffers before and after', () => {
    expect(bookingTerms(space, association, period).blocked).toEqual({
      start: period.start - HOUR / 4,
      end: period.end + HOUR / 2,
    });
  });

  it('prices the booked time, not the buffers, less the organisation’s discount at the site', () => {
    const discounted = { ...association, discounts: [{ basis: 'association', percent: 25 }] };
    expect(bookingTerms(space, discounted, period).price).toEqual({
      listPriceCents: 2000,
      discountPercent: 25,
      discountBasis: 'association',
      priceCents: 1500,
    });
  });
});
