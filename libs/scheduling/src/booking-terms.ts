import type { Period } from './periods';
import { blockedPeriod, type Buffers } from './policy';
import { solidarityPrice, type Price, type PriceInput } from './price';

const MINUTE = 60_000;

/** What of a space decides the terms of a booking of it. */
export interface SpaceTerms {
  policy: Buffers & { approvalRequired: boolean };
  price: { hourlyRateCents: number };
}

/** What of the booking organisation decides its price. */
export type BookerTerms = Pick<PriceInput, 'legalForm' | 'esus' | 'discounts'>;

export interface BookingTerms {
  /** Pending when the space's managers approve each booking. */
  status: 'pending' | 'confirmed';
  /** The period with the space's buffers: what the booking keeps from every other. */
  blocked: Period;
  /** Frozen on the booking: later changes of rate or discount never touch it. */
  price: Price;
}

/** The terms a new booking of `space` by an organisation for `period` is made on. */
export function bookingTerms(space: SpaceTerms, booker: BookerTerms, period: Period): BookingTerms {
  return {
    status: space.policy.approvalRequired ? 'pending' : 'confirmed',
    blocked: blockedPeriod(period, space.policy),
    price: solidarityPrice({
      hourlyRateCents: space.price.hourlyRateCents,
      minutes: (period.end - period.start) / MINUTE,
      legalForm: booker.legalForm,
      esus: booker.esus,
      discounts: booker.discounts,
    }),
  };
}
