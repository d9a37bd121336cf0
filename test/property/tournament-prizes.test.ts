import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { payoutPercentages, placesPaid } from '../../src/tournaments/payout-table.js';
import { overlayFor, prizeAmounts, sharedPrizes } from '../../src/tournaments/prizes.js';

const CENT = new Money('0.01');
const sum = (amounts: readonly Money[]) =>
  amounts.reduce((total, amount) => total.plus(amount), new Money(0));

describe('the payout table', () => {
  it('pays about the top 15%, a handful in small fields, percentages adding up to 100 and never rising', () => {
    expect([2, 5, 6, 8, 9, 26, 27, 100, 10_000].map(placesPaid)).toEqual([1, 1, 2, 2, 3, 3, 4, 15, 1500]);
    for (let entrants = 1; entrants <= 400; entrants++) {
      const percentages = payoutPercentages(entrants);
      expect(sum(percentages).equals(100)).toBe(true);
      for (let i = 1; i < percentages.length; i++) {
        expect(percentages[i]!.lessThanOrEqualTo(percentages[i - 1]!)).toBe(true);
      }
      expect(percentages.at(-1)!.isPositive()).toBe(true);
    }
  });

  it('gives the last paid place more than one and a half buy-ins in a large field, and less than three', () => {
    const last = payoutPercentages(10_000).at(-1)!;
    const buyIns = last.dividedBy(100).times(10_000);
    expect(buyIns.greaterThanOrEqualTo(1.5)).toBe(true);
    expect(buyIns.lessThan(3)).toBe(true);
  });
});

describe('prizes', () => {
  it('add up to the pool exactly, for any field of 2..10,000 and any pool, rounded down to the unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        (entrants, cents) => {
          const pool = CENT.times(cents);
          const prizes = prizeAmounts(pool, entrants, CENT);
          expect(prizes).toHaveLength(placesPaid(entrants));
          expect(sum(prizes).equals(pool)).toBe(true);
          for (let i = 0; i < prizes.length; i++) {
            expect(prizes[i]!.dividedBy(CENT).isInteger()).toBe(true);
            if (i > 0) expect(prizes[i]!.lessThanOrEqualTo(prizes[i - 1]!)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the units left over to the top places, one each', () => {
    // 3 places (50/30/20) of 0.07: 0.03, 0.02, 0.01 rounded down leaves 0.01, to first place.
    expect(prizeAmounts(new Money('0.07'), 9, CENT).map(String)).toEqual(['0.04', '0.02', '0.01']);
    // 2 places (65/35) of 0.01: both round to 0, the cent goes to first.
    expect(prizeAmounts(new Money('0.01'), 6, CENT).map(String)).toEqual(['0.01', '0']);
  });

  it('shares the places of a tie equally, the odd units to the first tied players', () => {
    const prizes = prizeAmounts(new Money(1000), 9, CENT); // 500, 300, 200
    expect(sharedPrizes(prizes, 2, 2, CENT).map(String)).toEqual(['250', '250']);
    expect(sharedPrizes(prizes, 1, 3, CENT).map(String)).toEqual(['333.34', '333.33', '333.33']);
    // A tie across the last paid place shares its prize with places that pay nothing.
    expect(sharedPrizes(prizes, 3, 2, CENT).map(String)).toEqual(['100', '100']);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10 }), (best, count) => {
        const shares = sharedPrizes(prizes, best, count, CENT);
        const places = prizes.slice(best - 1, best - 1 + count);
        expect(sum(shares).equals(sum(places))).toBe(true);
        expect(shares[0]!.minus(shares.at(-1)!).lessThanOrEqualTo(CENT)).toBe(true);
      }),
    );
  });

  it('computes the overlay of a guaranteed pool', () => {
    expect(overlayFor(new Money(1000), new Money(640)).toFixed()).toBe('360');
    expect(overlayFor(new Money(1000), new Money(1200)).toFixed()).toBe('0');
  });
});
