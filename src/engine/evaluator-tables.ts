/**
 * Lookup tables of the hand evaluator, built from first principles at module load:
 * - CARD_WEIGHTS: per card, its rank key (rank-keys.ts) plus a suit counter, packed in one double
 *   so a hand needs ONE sum (see CARD_WEIGHTS below).
 * - FLUSH_VALUES: for every 13-bit rank mask with at least five ranks, the value of the best
 *   five-card hand made of those ranks in one suit (a flush or a straight flush).
 * - HASH5 / HASH6 / HASH7: for every multiset of 5, 6 or 7 ranks, the value of its best five-card
 *   hand ignoring flushes, keyed by the sum of its rank keys through a perfect hash. The sizes have
 *   separate tables because a 5-card sum may equal some 7-card sum.
 */
import { DECK_SIZE } from './cards.js';
import { flushStrengthCode, nonFlushStrengthCode, popcount, valueOfStrengthCode } from './hand-classes.js';
import { buildDisplacementHash, type DisplacementHash } from './perfect-hash.js';
import { RANK_KEYS } from './rank-keys.js';

/** Rank-key sums stay below 2^23: the suit counters live above them in CARD_WEIGHTS. */
export const RANK_KEY_BITS = 23;
export const RANK_KEY_MASK = (1 << RANK_KEY_BITS) - 1;
export const SUIT_COUNTER_SCALE = 2 ** RANK_KEY_BITS;

/**
 * Per card: rank key + (1 << 4 * suit) * 2^23. Summing a hand's weights gives the rank-key sum in
 * the low 23 bits and four 4-bit suit counters in bits 23..38. A double holds both exactly (< 2^53);
 * measured faster in V8 than two separate integer sums. A counter reaches 5 only on a flush, and
 * (counters + 0x3333) & 0x8888 sets bit 3 of exactly that nibble.
 */
export const CARD_WEIGHTS: Float64Array = Float64Array.from(
  { length: DECK_SIZE },
  (_, card) => (1 << ((card & 3) * 4)) * SUIT_COUNTER_SCALE + RANK_KEYS[card >> 2]!,
);

export const FLUSH_VALUES: Uint16Array = (() => {
  const table = new Uint16Array(1 << 13);
  for (let mask = 0; mask < 1 << 13; mask++) {
    if (popcount(mask) >= 5) table[mask] = valueOfStrengthCode(flushStrengthCode(mask));
  }
  return table;
})();

/**
 * Rank-key sums and non-flush values of every multiset of `size` ranks (at most four of a rank).
 * Throws if two multisets share a key sum (the rank keys would then be unusable) or if a sum does
 * not fit below the suit counters. `rankKeys` is a parameter only so tests can feed bad keys.
 */
export function rankMultisetValues(
  size: number,
  rankKeys: readonly number[] = RANK_KEYS,
): { keys: Int32Array; values: Uint16Array } {
  const keys: number[] = [];
  const values: number[] = [];
  const counts = new Array<number>(13).fill(0);
  const visit = (rank: number, remaining: number, keySum: number): void => {
    if (remaining === 0) {
      keys.push(keySum);
      values.push(valueOfStrengthCode(nonFlushStrengthCode(counts)));
      return;
    }
    if (rank > 12) return;
    for (let take = Math.min(4, remaining); take >= 0; take--) {
      counts[rank] = take;
      visit(rank + 1, remaining - take, keySum + take * rankKeys[rank]!);
    }
    counts[rank] = 0;
  };
  visit(0, size, 0);
  const sorted = Int32Array.from(keys).sort();
  if (sorted[0]! < 0 || sorted[sorted.length - 1]! > RANK_KEY_MASK) {
    throw new Error(`rank-key sums of ${size}-card hands do not fit in ${RANK_KEY_BITS} bits`);
  }
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1]) {
      throw new Error(`rank keys are not unique for ${size}-card hands: sum ${sorted[i]} repeats`);
    }
  }
  return { keys: Int32Array.from(keys), values: Uint16Array.from(values) };
}

function buildRankHash(size: number, rowBits: number): DisplacementHash {
  const { keys, values } = rankMultisetValues(size);
  return buildDisplacementHash(keys, values, rowBits);
}

// Row counts (2^rowBits) chosen by measurement: the fewest rows that still give a fully dense table
// and a quick build (more rows = sparser rows = faster greedy placement).
export const HASH5: DisplacementHash = buildRankHash(5, 12);
export const HASH6: DisplacementHash = buildRankHash(6, 14);
export const HASH7: DisplacementHash = buildRankHash(7, 16);
