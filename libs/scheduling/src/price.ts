/**
 * The price of a booking: the space's hourly rate for the booked time, less the site's solidarity discount
 * for the organisation's legal form or its ESUS approval (the larger one when both apply). Computed once at
 * booking and frozen on it: later changes of rate or discount never touch a booking already made.
 */

/** What a site may grant a discount for: a legal form, or a current ESUS approval whatever the form. */
export type DiscountBasis = string;
export const ESUS_BASIS = 'esus';

export interface SiteDiscount {
  basis: DiscountBasis;
  /** Whole percent, 1 to 100. */
  percent: number;
}

export interface PriceInput {
  hourlyRateCents: number;
  minutes: number;
  legalForm: string;
  /** The organisation holds an ESUS approval that has not lapsed. */
  esus: boolean;
  discounts: readonly SiteDiscount[];
}

export interface Price {
  listPriceCents: number;
  discountPercent: number;
  discountBasis: DiscountBasis | null;
  priceCents: number;
}

export function solidarityPrice(p: PriceInput): Price {
  const listPriceCents = Math.round((p.hourlyRateCents * p.minutes) / 60);
  let best: SiteDiscount | null = null;
  for (const d of p.discounts) {
    const applies = d.basis === p.legalForm || (d.basis === ESUS_BASIS && p.esus);
    if (applies && d.percent > 0 && (!best || d.percent > best.percent)) best = d;
  }
  const percent = best ? Math.min(100, best.percent) : 0;
  return {
    listPriceCents,
    discountPercent: percent,
    discountBasis: best?.basis ?? null,
    priceCents: Math.round((listPriceCents * (100 - percent)) / 100),
  };
}
