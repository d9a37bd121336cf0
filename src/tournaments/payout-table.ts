import { Money } from '../money/index.js';

/**
 * The payout table: what share of the prize pool each place wins, by number of entrants, as
 * percentages with at most PERCENT_DECIMALS decimals that add up to exactly 100.
 *
 *   entrants   places paid            percentages
 *   1–5        1                      100
 *   6–8        2                      65, 35
 *   9–26       3                      50, 30, 20
 *   27+        floor(15% of entrants)  a min-cash of 150/entrants % (one and a half buy-ins) to
 *                                     every paid place, plus the rest shared by 1/place (Zipf):
 *                                     place i gets rest * (1/i) / (1 + 1/2 + ... + 1/paid)
 *
 * Each formula percentage is rounded DOWN to PERCENT_DECIMALS decimals, and what that leaves of
 * 100 goes to first place, so the list sums to 100 exactly and never increases down the places.
 * Examples: 27 entrants pay 4 places 42.8891, 24.2222, 17.9999, 14.8888; 100 pay 15, first
 * 24.8566 %; 10,000 pay 1,500, first 9.9108 % (991 buy-ins), 1,500th 0.0215 % (2.15 buy-ins).
 */
export const PERCENT_DECIMALS = 4;

const SMALL_FIELDS: readonly { readonly upTo: number; readonly percentages: readonly number[] }[] = [
  { upTo: 5, percentages: [100] },
  { upTo: 8, percentages: [65, 35] },
  { upTo: 26, percentages: [50, 30, 20] },
];

/** Fields are bounded so a payout list stays small enough to hold and pay. */
export const ENTRANTS_MAX = 1_000_000;

export function placesPaid(entrants: number): number {
  checkEntrants(entrants);
  const small = SMALL_FIELDS.find((field) => entrants <= field.upTo);
  return small ? small.percentages.length : Math.floor(entrants * 0.15);
}

/** The percentage of the pool for each place, first place first. */
export function payoutPercentages(entrants: number): Money[] {
  checkEntrants(entrants);
  const small = SMALL_FIELDS.find((field) => entrants <= field.upTo);
  if (small) return small.percentages.map((percentage) => new Money(percentage));
  const paid = placesPaid(entrants);
  const minCash = new Money(150).dividedBy(entrants);
  const rest = new Money(100).minus(minCash.times(paid));
  let harmonic = new Money(0);
  for (let place = 1; place <= paid; place++) harmonic = harmonic.plus(new Money(1).dividedBy(place));
  const percentages: Money[] = [];
  let total = new Money(0);
  for (let place = 1; place <= paid; place++) {
    const exact = minCash.plus(rest.dividedBy(harmonic.times(place)));
    const rounded = exact.toDecimalPlaces(PERCENT_DECIMALS, Money.ROUND_DOWN);
    percentages.push(rounded);
    total = total.plus(rounded);
  }
  percentages[0] = percentages[0]!.plus(new Money(100).minus(total));
  return percentages;
}

function checkEntrants(entrants: number): void {
  if (!Number.isInteger(entrants) || entrants < 1 || entrants > ENTRANTS_MAX) {
    throw new RangeError(`a payout table needs 1..${ENTRANTS_MAX} entrants, got ${entrants}`);
  }
}
