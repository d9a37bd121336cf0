/**
 * The 7,462 hand classes, derived from first principles at module load.
 *
 * A "strength code" describes a five-card hand so that comparing codes numerically compares hands:
 * the category (0 = high card .. 8 = straight flush) in bits 20..23, then up to five ranks in
 * descending order of significance, one nibble each (e.g. two pair: high pair, low pair, kicker).
 * Enumerating every five-card rank pattern, collecting the distinct codes and sorting them gives the
 * class numbering: value = 1 + position of the code in that sorted list.
 */
import { HAND_CLASS_COUNT } from './hand-category.js';

const HIGH_CARD = 0;
const ONE_PAIR = 1;
const TWO_PAIR = 2;
const THREE_OF_A_KIND = 3;
const STRAIGHT = 4;
const FLUSH = 5;
const FULL_HOUSE = 6;
const FOUR_OF_A_KIND = 7;
const STRAIGHT_FLUSH = 8;

const WHEEL_MASK = 0b1_0000_0000_1111; // A, 5, 4, 3, 2
const FIVE_HIGH = 3; // rank index of the five: top card of the wheel

function strengthCode(category: number, ranks: readonly number[]): number {
  let code = category;
  for (let i = 0; i < 5; i++) code = (code << 4) | (ranks[i] ?? 0);
  return code;
}

/** Rank index of the highest straight's top card within a 13-bit rank mask, or -1. */
export function straightTop(rankMask: number): number {
  for (let top = 12; top >= 4; top--) {
    if (((rankMask >> (top - 4)) & 0b11111) === 0b11111) return top;
  }
  return (rankMask & WHEEL_MASK) === WHEEL_MASK ? FIVE_HIGH : -1;
}

/** The highest `count` ranks present in `rankMask`, descending. */
function topRanks(rankMask: number, count: number): number[] {
  const ranks: number[] = [];
  for (let rank = 12; rank >= 0 && ranks.length < count; rank--) {
    if (rankMask & (1 << rank)) ranks.push(rank);
  }
  return ranks;
}

/** Best five-card strength code of cards that are all one suit (5..7 of them): a flush or better. */
export function flushStrengthCode(rankMask: number): number {
  const top = straightTop(rankMask);
  if (top >= 0) return strengthCode(STRAIGHT_FLUSH, [top]);
  return strengthCode(FLUSH, topRanks(rankMask, 5));
}

/**
 * Best five-card strength code, ignoring flushes, of 5..7 cards given as a count per rank
 * (13 entries, each 0..4).
 */
export function nonFlushStrengthCode(rankCounts: ArrayLike<number>): number {
  let present = 0;
  let quads = -1;
  let trips = -1;
  let highPair = -1;
  let lowPair = -1;
  for (let rank = 12; rank >= 0; rank--) {
    const count = rankCounts[rank]!;
    if (count === 0) continue;
    present |= 1 << rank;
    if (count === 4 && quads < 0) quads = rank;
    else if (count === 3 && trips < 0) trips = rank;
    // A second set of trips counts as a pair for a full house.
    else if (count >= 2) {
      if (highPair < 0) highPair = rank;
      else if (lowPair < 0) lowPair = rank;
    }
  }
  if (quads >= 0) return strengthCode(FOUR_OF_A_KIND, [quads, ...topRanks(present & ~(1 << quads), 1)]);
  if (trips >= 0 && highPair >= 0) return strengthCode(FULL_HOUSE, [trips, highPair]);
  const top = straightTop(present);
  if (top >= 0) return strengthCode(STRAIGHT, [top]);
  if (trips >= 0) return strengthCode(THREE_OF_A_KIND, [trips, ...topRanks(present & ~(1 << trips), 2)]);
  if (lowPair >= 0) {
    const kicker = topRanks(present & ~(1 << highPair) & ~(1 << lowPair), 1);
    return strengthCode(TWO_PAIR, [highPair, lowPair, ...kicker]);
  }
  if (highPair >= 0) return strengthCode(ONE_PAIR, [highPair, ...topRanks(present & ~(1 << highPair), 3)]);
  return strengthCode(HIGH_CARD, topRanks(present, 5));
}

function buildClassTable(): Map<number, number> {
  const codes = new Set<number>();
  const counts = new Array<number>(13).fill(0);
  // Every multiset of five ranks with at most four of a rank (no suits: flushes come next).
  const visit = (rank: number, remaining: number): void => {
    if (remaining === 0) {
      codes.add(nonFlushStrengthCode(counts));
      return;
    }
    if (rank > 12) return;
    for (let take = Math.min(4, remaining); take >= 0; take--) {
      counts[rank] = take;
      visit(rank + 1, remaining - take);
    }
    counts[rank] = 0;
  };
  visit(0, 5);
  for (let mask = 0; mask < 1 << 13; mask++) {
    if (popcount(mask) === 5) codes.add(flushStrengthCode(mask));
  }
  const sorted = [...codes].sort((a, b) => a - b);
  if (sorted.length !== HAND_CLASS_COUNT) {
    throw new Error(`hand class enumeration found ${sorted.length} classes, expected ${HAND_CLASS_COUNT}`);
  }
  return new Map(sorted.map((code, index) => [code, index + 1]));
}

export function popcount(bits: number): number {
  let count = 0;
  while (bits) {
    bits &= bits - 1;
    count++;
  }
  return count;
}

const VALUE_BY_CODE = buildClassTable();

/** Hand value (1..7462, higher is better) of a strength code. */
export function valueOfStrengthCode(code: number): number {
  const value = VALUE_BY_CODE.get(code);
  if (value === undefined) throw new Error(`unknown strength code ${code.toString(16)}`);
  return value;
}
