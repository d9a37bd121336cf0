import { Money, splitUnits, ZERO } from '../money/index.js';
import { payoutPercentages } from './payout-table.js';

/**
 * Prize money, exact. Amounts are Decimals in multiples of the tournament's money unit (0.01 for
 * cents); nothing is lost to rounding:
 * - each place's prize is its percentage of the pool rounded DOWN to the unit, and the units left
 *   over go one each to the top places (1st, then 2nd, ...), so the prizes add up to the pool;
 * - players who tie share the prizes of the places they tie for equally, and the units left over
 *   go one each to the tied players in the order the caller gives (the director: entry order).
 */

/** The prize of each place, first place first; they sum to `pool` exactly. */
export function prizeAmounts(pool: Money, entrants: number, unit: Money): Money[] {
  const poolUnits = wholeUnits(pool, unit);
  const shares = payoutPercentages(entrants).map((percentage) =>
    poolUnits.times(percentage).dividedBy(100).floor(),
  );
  let leftOver = poolUnits.minus(shares.reduce((sum, share) => sum.plus(share), ZERO)).toNumber();
  // Each share lost less than one unit, so fewer units are left than there are places.
  for (let place = 0; leftOver > 0; place++, leftOver--) shares[place] = shares[place]!.plus(1);
  return shares.map((share) => share.times(unit));
}

/** The house's overlay for a guaranteed pool: what the buy-ins fall short of the guarantee. */
export function overlayFor(guarantee: Money, buyInsTotal: Money): Money {
  return Money.max(ZERO, guarantee.minus(buyInsTotal));
}

/**
 * `count` players tie for the places from `bestPlace` down (1-based): they share those places'
 * prizes (a place past the paid ones wins nothing). Returns each tied player's amount, in the
 * order given; the odd units go to the first ones.
 */
export function sharedPrizes(
  prizes: readonly Money[],
  bestPlace: number,
  count: number,
  unit: Money,
): Money[] {
  let total = ZERO;
  for (let place = bestPlace; place < bestPlace + count; place++)
    total = total.plus(prizes[place - 1] ?? ZERO);
  return splitUnits(wholeUnits(total, unit).toNumber(), count).map((units) => unit.times(units));
}

function wholeUnits(amount: Money, unit: Money): Money {
  const units = amount.dividedBy(unit);
  if (!units.isInteger() || units.isNegative()) {
    throw new RangeError(`${amount.toFixed()} is not a whole number of ${unit.toFixed()} units`);
  }
  return units;
}
