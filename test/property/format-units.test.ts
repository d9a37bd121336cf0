import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAmount, formatUnits, fromUnits, Money } from '../../src/money/index.js';

/** Chip units of every shape a table may have: whole chips, cents, quarters, the smallest step. */
const UNITS = ['1', '5', '100', '0.01', '0.25', '0.5', '0.00000001', '0.00000025', '2.5'].map(
  (text) => new Money(text),
);

describe('formatUnits', () => {
  it('writes the same text as Decimal for any whole number of units, small or past the safe product', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UNITS),
        fc.oneof(
          fc.integer({ min: -1_000_000, max: 1_000_000 }),
          fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        ),
        (unit, units) => {
          expect(formatUnits(units, unit)).toBe(formatAmount(fromUnits(units, unit)));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('refuses what fromUnits refuses: units that are not a safe integer', () => {
    expect(() => formatUnits(0.5, new Money('0.01'))).toThrow(RangeError);
    expect(() => formatUnits(2 ** 53, new Money('1'))).toThrow(RangeError);
  });
});
