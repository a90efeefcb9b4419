import fc from 'fast-check';
import { solidarityPrice } from './price';

const base = { hourlyRateCents: 1250, minutes: 90, legalForm: 'association', esus: false, discounts: [] };

describe('solidarityPrice', () => {
  it('charges the hourly rate for the booked time when no discount applies', () => {
    expect(solidarityPrice(base)).toEqual({
      listPriceCents: 1875,
      discountPercent: 0,
      discountBasis: null,
      priceCents: 1875,
    });
  });

  it('applies the site’s discount for the organisation’s legal form', () => {
    const p = solidarityPrice({
      ...base,
      discounts: [
        { basis: 'association', percent: 20 },
        { basis: 'scop', percent: 50 },
      ],
    });
    expect(p).toEqual({
      listPriceCents: 1875,
      discountPercent: 20,
      discountBasis: 'association',
      priceCents: 1500,
    });
  });

  it('takes the larger of the legal-form and the ESUS discounts, ESUS only while approved', () => {
    const discounts = [
      { basis: 'association', percent: 20 },
      { basis: 'esus', percent: 30 },
    ];
    expect(solidarityPrice({ ...base, esus: true, discounts })).toMatchObject({
      discountBasis: 'esus',
      priceCents: 1313,
    });
    expect(solidarityPrice({ ...base, esus: false, discounts })).toMatchObject({
      discountBasis: 'association',
    });
  });

  it('never charges more than the list price nor less than nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 1440 }),
        fc.array(
          fc.record({
            basis: fc.constantFrom('association', 'scop', 'esus'),
            percent: fc.integer({ min: 1, max: 100 }),
          }),
        ),
        fc.boolean(),
        (rate, minutes, discounts, esus) => {
          const p = solidarityPrice({ hourlyRateCents: rate, minutes, legalForm: 'scop', esus, discounts });
          expect(p.priceCents).toBeGreaterThanOrEqual(0);
          expect(p.priceCents).toBeLessThanOrEqual(p.listPriceCents);
          expect(Number.isInteger(p.priceCents)).toBe(true);
          if (p.discountPercent === 0) expect(p.priceCents).toBe(p.listPriceCents);
        },
      ),
    );
  });
});
