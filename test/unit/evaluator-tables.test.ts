import { describe, expect, it } from 'vitest';
import {
  CARD_WEIGHTS,
  FLUSH_VALUES,
  HASH5,
  HASH6,
  HASH7,
  RANK_KEY_MASK,
  rankMultisetValues,
  SUIT_COUNTER_SCALE,
} from '../../src/engine/evaluator-tables.js';
import { buildDisplacementHash } from '../../src/engine/perfect-hash.js';
import { RANK_KEYS } from '../../src/engine/rank-keys.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

function lookup(hash: typeof HASH7, key: number): number {
  return hash.values[hash.offsets[key & hash.rowMask]! + (key >>> hash.rowBits)]!;
}

describe('rank keys', () => {
  it.each([
    [5, 6_175],
    [6, 18_395],
    [7, 49_205],
  ])('give distinct sums to all %i-card rank multisets (%i of them)', (size, count) => {
    const { keys } = rankMultisetValues(size);
    expect(keys).toHaveLength(count);
    expect(new Set(keys).size).toBe(count);
  });

  it('table construction throws when keys are not unique', () => {
    const naive = Array.from({ length: 13 }, (_, rank) => rank); // 2+5 = 3+4: collides
    expect(() => rankMultisetValues(7, naive)).toThrow(/not unique/);
  });

  it('table construction throws when the sums would overflow into the suit counters', () => {
    const huge = RANK_KEYS.map((key) => key * 2);
    expect(() => rankMultisetValues(7, huge)).toThrow(/do not fit/);
  });

  it('card weights carry the rank key and one suit counter', () => {
    for (let card = 0; card < 52; card++) {
      const weight = CARD_WEIGHTS[card]!;
      expect(weight & RANK_KEY_MASK).toBe(RANK_KEYS[card >> 2]);
      expect(Math.floor(weight / SUIT_COUNTER_SCALE)).toBe(1 << ((card & 3) * 4));
    }
  });
});

describe('perfect hashes', () => {
  it.each([
    [5, HASH5],
    [6, HASH6],
    [7, HASH7],
  ])('the %i-card hash is dense and returns the value of every multiset', (size, hash) => {
    const { keys, values } = rankMultisetValues(size);
    expect(hash.values.length).toBe(keys.length);
    for (let i = 0; i < keys.length; i++) expect(lookup(hash, keys[i]!)).toBe(values[i]);
  });

  it('stores arbitrary key sets losslessly', () => {
    const rand = seededRandom(5);
    const keys = new Set<number>();
    while (keys.size < 20_000) keys.add(seededInt(rand, 1 << 23));
    const keyList = [...keys];
    const values = keyList.map((_, i) => 1 + (i % 60_000));
    const hash = buildDisplacementHash(keyList, values, 12);
    keyList.forEach((key, i) => {
      expect(hash.values[hash.offsets[key & hash.rowMask]! + (key >>> hash.rowBits)]).toBe(values[i]);
    });
  });

  it('rejects a repeated key and out-of-range values', () => {
    expect(() => buildDisplacementHash([5, 9, 5], [1, 2, 3], 4)).toThrow(/more than once/);
    expect(() => buildDisplacementHash([5, 9], [1, 0], 4)).toThrow(/out of range/);
  });
});

describe('flush table', () => {
  it('has a value exactly for the masks of five or more ranks', () => {
    let filled = 0;
    for (let mask = 0; mask < 1 << 13; mask++) {
      let bits = 0;
      for (let rank = 0; rank < 13; rank++) bits += (mask >> rank) & 1;
      expect(FLUSH_VALUES[mask]! > 0).toBe(bits >= 5);
      if (FLUSH_VALUES[mask]! > 0) filled++;
    }
    // C(13,5) + C(13,6) + ... + C(13,13)
    expect(filled).toBe(8_192 - 1 - 13 - 78 - 286 - 715);
  });
});
