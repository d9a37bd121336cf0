import { type DomainError, fail, ok, type Result } from '../errors/result.js';
import { type Money, ZERO } from '../money/index.js';
import { ICM_PLAYERS_MAX, icmEquities } from './icm.js';
import { compare, floorOf, type Rational, rational } from './rational.js';

/**
 * Deals at the final table: the players left split the prizes still to be won, by chip count or by
 * ICM, and may leave part of it (`leftToPlayFor`) to the winner of the rest of the tournament.
 *
 * Amount dealt = the prizes still to be won - leftToPlayFor. For ICM, the prizes the players are
 * valued against are the remaining prizes with leftToPlayFor taken off first place (that part is
 * still played for). For a chip chop, each player's share of the amount dealt is their stack over
 * the chips in play.
 *
 * Both offers are exact fractions first, then each is rounded DOWN to the money unit, and the units
 * left over go one each to the players with the largest fractions cut off (largest remainder); on
 * equal fractions, to the larger stack, then the earlier player in the list. The offers add up to
 * the amount dealt exactly.
 */

export interface DealInput {
  /** The chips of each player still in, all > 0. */
  readonly stacks: readonly number[];
  /** The prizes of the places still to be decided, first place first, one per player at most. */
  readonly prizes: readonly Money[];
  readonly leftToPlayFor: Money;
  /** The money unit (0.01 for cents). */
  readonly unit: Money;
}

export interface DealOffers {
  /** What the deal pays out now. */
  readonly dealt: Money;
  /** By position in `stacks`. */
  readonly chipChop: Money[];
  readonly icm: Money[];
}

type DealError = DomainError<'tournament/invalid-deal' | 'tournament/deal-too-many-players'>;

export function dealOffers(input: DealInput): Result<DealOffers, DealError> {
  const { stacks, prizes, leftToPlayFor, unit } = input;
  if (stacks.length > ICM_PLAYERS_MAX) {
    return fail('tournament/deal-too-many-players', `a deal is for at most ${ICM_PLAYERS_MAX} players`);
  }
  if (stacks.length < 2) return fail('tournament/invalid-deal', 'a deal needs two players or more');
  if (stacks.some((stack) => !Number.isSafeInteger(stack) || stack <= 0)) {
    return fail('tournament/invalid-deal', 'every player in a deal has chips');
  }
  if (prizes.length < 1 || prizes.length > stacks.length) {
    return fail('tournament/invalid-deal', 'one prize per place still to be won, at most one per player');
  }
  const amounts = [...prizes, leftToPlayFor];
  if (amounts.some((amount) => amount.isNegative() || !amount.dividedBy(unit).isInteger())) {
    return fail('tournament/invalid-deal', 'prizes and the part left are whole money units');
  }
  if (leftToPlayFor.greaterThan(prizes[0]!)) {
    return fail('tournament/invalid-deal', 'the part left to play for comes out of first prize');
  }
  const prizeUnits = prizes.map((prize) => BigInt(prize.dividedBy(unit).toFixed()));
  const leftUnits = BigInt(leftToPlayFor.dividedBy(unit).toFixed());
  prizeUnits[0] = prizeUnits[0]! - leftUnits;
  const dealtUnits = prizeUnits.reduce((sum, prize) => sum + prize, 0n);
  const toMoney = (units: bigint) => unit.times(units.toString());
  return ok({
    dealt: toMoney(dealtUnits),
    chipChop: chipChopUnits(stacks, dealtUnits).map(toMoney),
    icm: roundShares(icmEquities(stacks, prizeUnits), stacks, dealtUnits).map(toMoney),
  });
}

/**
 * `total` money units shared by chips: each stack's exact share (stack / all chips), rounded down,
 * the units left by largest remainder (then the larger stack, then the earlier one). Any number of
 * players (no ICM here); stacks are whole chips, at least one of them above zero.
 */
export function chipChopUnits(stacks: readonly number[], total: bigint): bigint[] {
  const chips = stacks.reduce((sum, stack) => sum + BigInt(stack), 0n);
  const chop = stacks.map((stack) => rational(total * BigInt(stack), chips));
  return roundShares(chop, stacks, total);
}

/** Exact shares that add up to `total`, rounded down, the left-over units by largest remainder. */
function roundShares(shares: readonly Rational[], stacks: readonly number[], total: bigint): bigint[] {
  const parts = shares.map((share) => floorOf(share));
  const rounded = parts.map((part) => part.whole);
  let leftOver = total - rounded.reduce((sum, units) => sum + units, 0n);
  const order = parts
    .map((_, index) => index)
    .sort((a, b) => compare(parts[b]!.fraction, parts[a]!.fraction) || stacks[b]! - stacks[a]! || a - b);
  // Each share lost less than one unit, so fewer units are left over than there are players.
  for (let i = 0; leftOver > 0n; i++, leftOver--) rounded[order[i]!] = rounded[order[i]!]! + 1n;
  return rounded;
}

/** The remaining prizes of a tournament after a deal: first place keeps what was left, the rest 0. */
export function prizesAfterDeal(placesLeft: number, leftToPlayFor: Money): Money[] {
  return Array.from({ length: placesLeft }, (_, place) => (place === 0 ? leftToPlayFor : ZERO));
}
