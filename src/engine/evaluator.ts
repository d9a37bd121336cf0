/**
 * Poker hand evaluator. Values are 1..7462, HIGHER IS BETTER, and equal values are exactly equal
 * hands: the 7,462 five-card equivalence classes in ascending order (value = 7463 - Cactus Kev
 * rank). Cards are `rank * 4 + suit` (cards.ts). Pure: tables are built once at module load.
 * Cards must be distinct integers 0..51: the evaluate functions do not check (they are the hot path).
 *
 * How a hand is evaluated (evaluator-tables.ts builds the tables):
 * 1. Sum the cards' weights: one double holding the rank-key sum (unique per rank multiset) and
 *    four suit counters.
 * 2. If a suit has 5+ cards, the hand is a flush or straight flush (with at most seven cards a
 *    flush rules out quads and full houses): OR that suit's rank bits, look up FLUSH_VALUES.
 * 3. Otherwise the rank-key sum goes through a perfect hash to the value of the rank multiset.
 */
import type { Card } from './cards.js';
import {
  CARD_WEIGHTS,
  FLUSH_VALUES,
  HASH5,
  HASH6,
  HASH7,
  RANK_KEY_MASK,
  SUIT_COUNTER_SCALE,
} from './evaluator-tables.js';
import { type HandCategory, handCategory } from './hand-category.js';

export { type HandCategory, handCategory } from './hand-category.js';

// Module-level constants so the hot paths read plain typed arrays.
const WEIGHTS = CARD_WEIGHTS;
const FLUSHES = FLUSH_VALUES;
const OFFSETS5 = HASH5.offsets;
const VALUES5 = HASH5.values;
const ROW_MASK5 = HASH5.rowMask;
const ROW_BITS5 = HASH5.rowBits;
const OFFSETS6 = HASH6.offsets;
const VALUES6 = HASH6.values;
const ROW_MASK6 = HASH6.rowMask;
const ROW_BITS6 = HASH6.rowBits;
const OFFSETS7 = HASH7.offsets;
const VALUES7 = HASH7.values;
const ROW_MASK7 = HASH7.rowMask;
const ROW_BITS7 = HASH7.rowBits;
const INVERSE_SUIT_SCALE = 1 / SUIT_COUNTER_SCALE;

/** Non-zero (bit 3 of the flush suit's nibble) when some suit has five or more cards. */
function flushBits(weightSum: number): number {
  return (((weightSum * INVERSE_SUIT_SCALE) | 0) + 0x3333) & 0x8888;
}

/** The suit (0..3) whose nibble is set in non-zero `flushBits`; only one suit can have 5 of 7. */
function flushSuit(bits: number): number {
  return (31 - Math.clz32(bits)) >> 2;
}

function suitRankBit(card: Card, suit: number): number {
  return (card & 3) === suit ? 1 << (card >> 2) : 0;
}

export function evaluate5(c0: Card, c1: Card, c2: Card, c3: Card, c4: Card): number {
  const sum = WEIGHTS[c0]! + WEIGHTS[c1]! + WEIGHTS[c2]! + WEIGHTS[c3]! + WEIGHTS[c4]!;
  if (flushBits(sum) !== 0) {
    return FLUSHES[
      (1 << (c0 >> 2)) | (1 << (c1 >> 2)) | (1 << (c2 >> 2)) | (1 << (c3 >> 2)) | (1 << (c4 >> 2))
    ]!;
  }
  const key = sum & RANK_KEY_MASK;
  return VALUES5[OFFSETS5[key & ROW_MASK5]! + (key >>> ROW_BITS5)]!;
}

export function evaluate6(c0: Card, c1: Card, c2: Card, c3: Card, c4: Card, c5: Card): number {
  const sum = WEIGHTS[c0]! + WEIGHTS[c1]! + WEIGHTS[c2]! + WEIGHTS[c3]! + WEIGHTS[c4]! + WEIGHTS[c5]!;
  const flush = flushBits(sum);
  if (flush !== 0) {
    const suit = flushSuit(flush);
    return FLUSHES[
      suitRankBit(c0, suit) |
        suitRankBit(c1, suit) |
        suitRankBit(c2, suit) |
        suitRankBit(c3, suit) |
        suitRankBit(c4, suit) |
        suitRankBit(c5, suit)
    ]!;
  }
  const key = sum & RANK_KEY_MASK;
  return VALUES6[OFFSETS6[key & ROW_MASK6]! + (key >>> ROW_BITS6)]!;
}

/** The hot path: numeric arguments, no allocation. */
export function evaluate7(c0: Card, c1: Card, c2: Card, c3: Card, c4: Card, c5: Card, c6: Card): number {
  const sum =
    WEIGHTS[c0]! + WEIGHTS[c1]! + WEIGHTS[c2]! + WEIGHTS[c3]! + WEIGHTS[c4]! + WEIGHTS[c5]! + WEIGHTS[c6]!;
  const flush = flushBits(sum);
  if (flush !== 0) {
    const suit = flushSuit(flush);
    return FLUSHES[
      suitRankBit(c0, suit) |
        suitRankBit(c1, suit) |
        suitRankBit(c2, suit) |
        suitRankBit(c3, suit) |
        suitRankBit(c4, suit) |
        suitRankBit(c5, suit) |
        suitRankBit(c6, suit)
    ]!;
  }
  // Bitwise AND takes the sum modulo 2^32 exactly, dropping the suit counters.
  const key = sum & RANK_KEY_MASK;
  return VALUES7[OFFSETS7[key & ROW_MASK7]! + (key >>> ROW_BITS7)]!;
}

/** Evaluates 5, 6 or 7 distinct cards. */
export function evaluateCards(cards: readonly Card[]): number {
  switch (cards.length) {
    case 5:
      return evaluate5(cards[0]!, cards[1]!, cards[2]!, cards[3]!, cards[4]!);
    case 6:
      return evaluate6(cards[0]!, cards[1]!, cards[2]!, cards[3]!, cards[4]!, cards[5]!);
    case 7:
      return evaluate7(cards[0]!, cards[1]!, cards[2]!, cards[3]!, cards[4]!, cards[5]!, cards[6]!);
    default:
      throw new RangeError(`engine/evaluator-card-count: expected 5..7 cards, got ${cards.length}`);
  }
}

export interface DescribedHand {
  readonly value: number;
  readonly category: HandCategory;
  /** The best five cards, highest rank first. */
  readonly best: number[];
}

/** Value, category and best five cards of 5..7 cards. Off the hot path: tries every 5-card subset. */
export function describeHand(cards: readonly Card[]): DescribedHand {
  const value = evaluateCards(cards);
  const n = cards.length;
  let best: number[] = [];
  let bestValue = 0;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++)
        for (let d = c + 1; d < n; d++)
          for (let e = d + 1; e < n; e++) {
            const subsetValue = evaluate5(cards[a]!, cards[b]!, cards[c]!, cards[d]!, cards[e]!);
            if (subsetValue > bestValue) {
              bestValue = subsetValue;
              best = [cards[a]!, cards[b]!, cards[c]!, cards[d]!, cards[e]!];
            }
          }
  best.sort((x, y) => y - x);
  return { value, category: handCategory(value), best };
}
