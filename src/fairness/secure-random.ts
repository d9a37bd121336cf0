import { randomFillSync } from 'node:crypto';
import type { RandomInt } from '../engine/shuffle.js';

const POOL_WORDS = 4096;
const WORD_RANGE = 0x1_0000; // 16-bit words
const MAX_RANGE = 2 ** 48; // crypto.randomInt's own limit on (max - min)

/**
 * A cryptographically secure `randomInt(maxExclusive)`, equivalent to `crypto.randomInt(max)`: both
 * return every integer in [0, max) with the same probability, from the operating system's CSPRNG.
 *
 * It is faster because it asks the CSPRNG for 8 KiB at a time (randomFillSync) and serves 16-bit
 * words from that pool, instead of making one crypto call per card. Uniformity comes from rejection
 * sampling, as in crypto.randomInt: a word at or above the largest multiple of `max` that fits in
 * the word range is thrown away, so `word % max` has no modulo bias. Small ranges (a deck: max <= 52)
 * use one 16-bit word and almost never reject; ranges up to 2^48 combine three words. Staying in
 * small integers keeps the hot path in fast integer arithmetic.
 *
 * Each source owns its pool and never reuses a value; the pool lives only in this closure.
 */
export function createSecureRandomInt(): RandomInt {
  const pool = new Uint16Array(POOL_WORDS);
  let next = POOL_WORDS;

  const word = (): number => {
    if (next === POOL_WORDS) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]!;
  };

  const wide = (maxExclusive: number): number => {
    const range = MAX_RANGE;
    const limit = range - (range % maxExclusive);
    for (;;) {
      const value = word() * 0x1_0000_0000 + word() * WORD_RANGE + word();
      if (value < limit) return value % maxExclusive;
    }
  };

  return (maxExclusive: number): number => {
    if ((maxExclusive | 0) === maxExclusive && maxExclusive >= 1 && maxExclusive <= WORD_RANGE) {
      const limit = WORD_RANGE - (WORD_RANGE % maxExclusive);
      for (;;) {
        const value = word();
        if (value < limit) return value % maxExclusive;
      }
    }
    if (!Number.isSafeInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > MAX_RANGE) {
      throw new RangeError(`maxExclusive must be an integer in 1..2^48, not ${maxExclusive}`);
    }
    return wide(maxExclusive);
  };
}

/** The process-wide secure source. */
export const secureRandomInt: RandomInt = createSecureRandomInt();
