/**
 * Exhaustive checks of the hand evaluator over every 5-, 6- and 7-card combination. About 25 s in
 * total on the 2-core dev machine (7-card counts ~5 s, 7-card agreement with phe ~15 s, which is
 * phe's own speed), so the timeouts are generous; CI runs this file.
 *
 * The loops call the public evaluate functions for every hand (rather than summing table weights
 * incrementally) so that what is verified is exactly what callers use; at tens of millions of
 * evaluations per second that still takes only seconds.
 */
import { describe, expect, it } from 'vitest';
import { evaluate5, evaluate6, evaluate7 } from '../../src/engine/evaluator.js';
import { HAND_CATEGORIES, type HandCategory, handCategory } from '../../src/engine/hand-category.js';
import { phe, pheEvaluate7Internal, toPheCode, valueFromPheRank } from '../support/phe-reference.js';

const LONG_TIMEOUT_MS = 10 * 60_000;

/** Hands per category, from a histogram of values (index = value 1..7462). */
function countByCategory(histogram: Float64Array): Record<HandCategory, number> {
  const counts = Object.fromEntries(HAND_CATEGORIES.map((category) => [category, 0])) as Record<
    HandCategory,
    number
  >;
  for (let value = 1; value < histogram.length; value++) {
    if (histogram[value]! > 0) counts[handCategory(value)] += histogram[value]!;
  }
  return counts;
}

function distinctValues(histogram: Float64Array): number {
  return histogram.reduce((count, hands, value) => count + (value > 0 && hands > 0 ? 1 : 0), 0);
}

describe('exhaustive: every five-card hand', () => {
  it(
    'gives the known class counts, 7,462 distinct values, and agrees with phe on every hand',
    () => {
      const histogram = new Float64Array(7463);
      const codes = [0, 0, 0, 0, 0];
      let pheMismatches = 0;
      for (let a = 0; a < 52; a++)
        for (let b = a + 1; b < 52; b++)
          for (let c = b + 1; c < 52; c++)
            for (let d = c + 1; d < 52; d++)
              for (let e = d + 1; e < 52; e++) {
                const value = evaluate5(a, b, c, d, e);
                histogram[value]!++;
                codes[0] = toPheCode(a);
                codes[1] = toPheCode(b);
                codes[2] = toPheCode(c);
                codes[3] = toPheCode(d);
                codes[4] = toPheCode(e);
                if (value !== valueFromPheRank(phe.evaluateCardCodes(codes))) pheMismatches++;
              }
      expect(histogram.reduce((sum, hands) => sum + hands, 0)).toBe(2_598_960);
      expect(countByCategory(histogram)).toEqual({
        'straight-flush': 40,
        'four-of-a-kind': 624,
        'full-house': 3_744,
        flush: 5_108,
        straight: 10_200,
        'three-of-a-kind': 54_912,
        'two-pair': 123_552,
        'one-pair': 1_098_240,
        'high-card': 1_302_540,
      });
      expect(distinctValues(histogram)).toBe(7_462);
      expect(pheMismatches).toBe(0);
    },
    LONG_TIMEOUT_MS,
  );
});

describe('exhaustive: every six-card hand', () => {
  it(
    'evaluate6 equals the best of its six five-card subsets',
    () => {
      let hands = 0;
      let mismatches = 0;
      for (let a = 0; a < 52; a++)
        for (let b = a + 1; b < 52; b++)
          for (let c = b + 1; c < 52; c++)
            for (let d = c + 1; d < 52; d++) {
              // The best five of the first five cards, reused for every sixth card.
              for (let e = d + 1; e < 52; e++) {
                const abcde = evaluate5(a, b, c, d, e);
                for (let f = e + 1; f < 52; f++) {
                  const best = Math.max(
                    abcde,
                    evaluate5(a, b, c, d, f),
                    evaluate5(a, b, c, e, f),
                    evaluate5(a, b, d, e, f),
                    evaluate5(a, c, d, e, f),
                    evaluate5(b, c, d, e, f),
                  );
                  if (evaluate6(a, b, c, d, e, f) !== best) mismatches++;
                  hands++;
                }
              }
            }
      expect(hands).toBe(20_358_520);
      expect(mismatches).toBe(0);
    },
    LONG_TIMEOUT_MS,
  );
});

describe('exhaustive: every seven-card hand', () => {
  it(
    'gives the known counts by class and 4,824 distinct values',
    () => {
      // Counting in an integer histogram keeps the inner loop to one evaluation and one increment.
      const histogram = new Int32Array(7463);
      for (let a = 0; a < 52; a++)
        for (let b = a + 1; b < 52; b++)
          for (let c = b + 1; c < 52; c++)
            for (let d = c + 1; d < 52; d++)
              for (let e = d + 1; e < 52; e++)
                for (let f = e + 1; f < 52; f++)
                  for (let g = f + 1; g < 52; g++) histogram[evaluate7(a, b, c, d, e, f, g)]!++;
      const asFloat = Float64Array.from(histogram);
      expect(asFloat.reduce((sum, hands) => sum + hands, 0)).toBe(133_784_560);
      expect(countByCategory(asFloat)).toEqual({
        'straight-flush': 41_584,
        'four-of-a-kind': 224_848,
        'full-house': 3_473_184,
        flush: 4_047_644,
        straight: 6_180_020,
        'three-of-a-kind': 6_461_620,
        'two-pair': 31_433_400,
        'one-pair': 58_627_800,
        'high-card': 23_294_460,
      });
      // Known fact: seven cards can never make the 2,638 weakest classes (e.g. 7-5-4-3-2 high).
      expect(distinctValues(asFloat)).toBe(4_824);
    },
    LONG_TIMEOUT_MS,
  );

  it(
    'agrees with phe on every hand: value === 7463 - phe rank',
    () => {
      let mismatches = 0;
      let firstMismatch = '';
      for (let a = 0; a < 52; a++) {
        const pa = toPheCode(a);
        for (let b = a + 1; b < 52; b++) {
          const pb = toPheCode(b);
          for (let c = b + 1; c < 52; c++) {
            const pc = toPheCode(c);
            for (let d = c + 1; d < 52; d++) {
              const pd = toPheCode(d);
              for (let e = d + 1; e < 52; e++) {
                const pe = toPheCode(e);
                for (let f = e + 1; f < 52; f++) {
                  const pf = toPheCode(f);
                  for (let g = f + 1; g < 52; g++) {
                    const expected = 7463 - pheEvaluate7Internal(pa, pb, pc, pd, pe, pf, toPheCode(g));
                    if (evaluate7(a, b, c, d, e, f, g) !== expected) {
                      mismatches++;
                      firstMismatch ||= [a, b, c, d, e, f, g].join(',');
                    }
                  }
                }
              }
            }
          }
        }
      }
      expect(firstMismatch).toBe('');
      expect(mismatches).toBe(0);
    },
    LONG_TIMEOUT_MS,
  );
});
