import type { RakeRules } from './hand-types.js';

const BASIS_POINTS_WHOLE = 10_000;

/**
 * Basis points of an amount, rounded down to the chip unit. Split into whole ten-thousands and a
 * remainder so the product stays a safe integer even for very large pots.
 */
export function basisPointsOf(amount: number, basisPoints: number): number {
  const wholes = Math.floor(amount / BASIS_POINTS_WHOLE);
  const remainder = amount - wholes * BASIS_POINTS_WHOLE;
  return wholes * basisPoints + Math.floor((remainder * basisPoints) / BASIS_POINTS_WHOLE);
}

/**
 * Rake of each pot: a percentage of each pot rounded down, the running total capped per hand (the main
 * pot is raked first), nothing at all when the flop was never dealt and the table says "no flop, no
 * drop". Uncalled bets are returned before pots exist, so they are never raked.
 */
export function rakePots(potAmounts: readonly number[], rules: RakeRules, flopDealt: boolean): number[] {
  const rakes = new Array<number>(potAmounts.length).fill(0);
  if (rules.basisPoints === 0 || (rules.noFlopNoDrop && !flopDealt)) return rakes;
  let room = rules.capUnits;
  for (let pot = 0; pot < potAmounts.length && room > 0; pot++) {
    const rake = Math.min(basisPointsOf(potAmounts[pot]!, rules.basisPoints), room);
    rakes[pot] = rake;
    room -= rake;
  }
  return rakes;
}
