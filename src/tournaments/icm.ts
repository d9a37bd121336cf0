import { add, multiply, RATIONAL_ONE, RATIONAL_ZERO, type Rational, rational } from './rational.js';

/**
 * The Independent Chip Model, exactly, by Malmuth-Harville: a player finishes first with
 * probability stack / total chips; given who finished above, each remaining player takes the next
 * place with probability their stack / the chips that remain. A player's equity is the sum over
 * places of P(that place) * the place's prize.
 *
 * Computed over subsets instead of orders: P(S) is the probability that the players in S take the
 * first |S| places in some order, P(S) = sum over j in S of P(S - j) * stack_j / (total - chips of
 * S - j). That is 2^players subsets, which is why the number of players is bounded.
 */
export const ICM_PLAYERS_MAX = 10;

/**
 * Each player's exact equity in prize units. `stacks` are positive chip counts; `prizes` are the
 * prizes of places 1, 2, ... in whole units (at most one per player; missing places pay 0).
 * The equities add up to the sum of the prizes exactly.
 */
export function icmEquities(stacks: readonly number[], prizes: readonly bigint[]): Rational[] {
  const count = stacks.length;
  if (count < 1 || count > ICM_PLAYERS_MAX) throw new RangeError(`ICM takes 1..${ICM_PLAYERS_MAX} players`);
  if (prizes.length > count) throw new RangeError('more prizes than players');
  if (stacks.some((stack) => !Number.isSafeInteger(stack) || stack <= 0))
    throw new RangeError('stacks must be > 0');
  const chips = stacks.map(BigInt);
  const total = chips.reduce((sum, stack) => sum + stack, 0n);
  const subsets = 1 << count;
  // chipsIn[mask]: the chips of the players in mask; size[mask]: how many they are.
  const chipsIn = new Array<bigint>(subsets).fill(0n);
  const size = new Array<number>(subsets).fill(0);
  for (let mask = 1; mask < subsets; mask++) {
    const lowest = Math.log2(mask & -mask);
    chipsIn[mask] = chipsIn[mask & (mask - 1)]! + chips[lowest]!;
    size[mask] = size[mask & (mask - 1)]! + 1;
  }
  const placed = new Array<Rational>(subsets).fill(RATIONAL_ZERO);
  placed[0] = RATIONAL_ONE;
  const equities = new Array<Rational>(count).fill(RATIONAL_ZERO);
  // Masks in increasing order: every subset of a mask comes before it.
  for (let mask = 0; mask < subsets; mask++) {
    const probability = placed[mask]!;
    const place = size[mask]!;
    if (place >= prizes.length || probability.num === 0n) continue;
    const remaining = total - chipsIn[mask]!;
    for (let player = 0; player < count; player++) {
      const bit = 1 << player;
      if (mask & bit) continue;
      const next = multiply(probability, rational(chips[player]!, remaining));
      equities[player] = add(equities[player]!, multiply(next, rational(prizes[place]!, 1n)));
      placed[mask | bit] = add(placed[mask | bit]!, next);
    }
  }
  return equities;
}
