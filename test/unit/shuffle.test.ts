import { describe, expect, it } from 'vitest';
import { DECK_SIZE } from '../../src/engine/cards.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { createSecureRandomInt, secureRandomInt } from '../../src/fairness/secure-random.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

function isPermutation(deck: readonly number[]): boolean {
  return deck.length === DECK_SIZE && [...deck].sort((a, b) => a - b).every((card, i) => card === i);
}

/** Pearson's chi-square statistic of observed counts against a uniform expectation. */
function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

// With 51 degrees of freedom the statistic averages 51 with a standard deviation of about 10;
// 110 is beyond the 99.999th percentile, so a fair shuffle fails this only by a freak.
const CHI_SQUARE_BOUND_51_DOF = 110;

describe('shuffleDeck (Fisher-Yates)', () => {
  it('returns a permutation of the 52 cards', () => {
    const rand = seededRandom(7);
    for (let i = 0; i < 200; i++)
      expect(isPermutation(shuffleDeck((max) => seededInt(rand, max)))).toBe(true);
    expect(isPermutation(shuffleDeck(secureRandomInt))).toBe(true);
  });

  it('draws once per position, from the cards not yet placed', () => {
    const ranges: number[] = [];
    shuffleDeck((max) => {
      ranges.push(max);
      return 0;
    });
    expect(ranges).toEqual(Array.from({ length: DECK_SIZE - 1 }, (_, i) => DECK_SIZE - i));
  });

  it('is deterministic for a given source', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect(shuffleDeck((max) => seededInt(a, max))).toEqual(shuffleDeck((max) => seededInt(b, max)));
  });

  it('places a card uniformly (chi-square over its final position, and over the top card)', () => {
    const rand = seededRandom(20_240_601);
    const shuffles = 52 * 300;
    const aceOfSpadesAt = new Array<number>(DECK_SIZE).fill(0);
    const firstCardCounts = new Array<number>(DECK_SIZE).fill(0);
    for (let i = 0; i < shuffles; i++) {
      const deck = shuffleDeck((max) => seededInt(rand, max));
      aceOfSpadesAt[deck.indexOf(51)]!++;
      firstCardCounts[deck[0]!]!++;
    }
    expect(chiSquare(aceOfSpadesAt)).toBeLessThan(CHI_SQUARE_BOUND_51_DOF);
    expect(chiSquare(firstCardCounts)).toBeLessThan(CHI_SQUARE_BOUND_51_DOF);
  });

  it('the same test catches a biased shuffle (the off-by-one that never leaves a card in place)', () => {
    const rand = seededRandom(20_240_601);
    const aceOfSpadesAt = new Array<number>(DECK_SIZE).fill(0);
    for (let i = 0; i < 52 * 300; i++) {
      // Drawing from [0, i) instead of [0, i] is Sattolo's algorithm: a classic Fisher-Yates bug.
      const deck = shuffleDeck((max) => seededInt(rand, max - 1));
      aceOfSpadesAt[deck.indexOf(51)]!++;
    }
    expect(chiSquare(aceOfSpadesAt)).toBeGreaterThan(CHI_SQUARE_BOUND_51_DOF);
  });
});

describe('secure random source', () => {
  it('returns integers in [0, max) for small and wide ranges', () => {
    const randomInt = createSecureRandomInt();
    for (const max of [1, 2, 3, 52, 1000, 65_535, 65_536, 65_537, 2 ** 32, 2 ** 48]) {
      for (let i = 0; i < 200; i++) {
        const value = randomInt(max);
        expect(Number.isSafeInteger(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(max);
      }
    }
    expect(randomInt(1)).toBe(0);
  });

  it('rejects ranges crypto.randomInt would reject', () => {
    for (const max of [0, -1, 1.5, Number.NaN, 2 ** 48 + 1, Number.POSITIVE_INFINITY]) {
      expect(() => secureRandomInt(max)).toThrow(RangeError);
    }
  });

  it('is uniform over a deck-sized range (chi-square)', () => {
    const randomInt = createSecureRandomInt();
    const counts = new Array<number>(DECK_SIZE).fill(0);
    for (let i = 0; i < 52 * 500; i++) counts[randomInt(DECK_SIZE)]!++;
    expect(chiSquare(counts)).toBeLessThan(CHI_SQUARE_BOUND_51_DOF);
  });

  it('is uniform over a range that is not a power of two in wide mode (top bits used)', () => {
    const randomInt = createSecureRandomInt();
    const max = 3 * 2 ** 40;
    const thirds = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) thirds[Math.floor(randomInt(max) / 2 ** 40)]!++;
    // Two degrees of freedom: 25 is far beyond the 99.999th percentile (about 23).
    expect(chiSquare(thirds)).toBeLessThan(25);
  });

  it('does not repeat itself across sources', () => {
    const a = createSecureRandomInt();
    const b = createSecureRandomInt();
    const drawsA = Array.from({ length: 64 }, () => a(2 ** 48));
    const drawsB = Array.from({ length: 64 }, () => b(2 ** 48));
    expect(drawsA).not.toEqual(drawsB);
    expect(new Set(drawsA).size).toBe(64);
  });
});
