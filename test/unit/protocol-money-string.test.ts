import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/money/amount.js';
import { MoneyString, PositiveMoneyString } from '../../src/protocol/money-string.js';

/** Strings near the edges: digits, dots, signs, exponents, long runs, leading zeros. */
const amountLike = fc
  .array(fc.constantFrom('0', '1', '5', '9', '.', '-', 'e', ' ', '00', '123456789'), { maxLength: 14 })
  .map((parts) => parts.join(''));

describe('the wire schema of an amount', () => {
  it('accepts exactly what parseAmount accepts (zero allowed), without building a Decimal', () => {
    fc.assert(
      fc.property(fc.oneof(amountLike, fc.string({ maxLength: 24 })), (text) => {
        expect(MoneyString.safeParse(text).success).toBe(parseAmount(text, { allowZero: true }).ok);
        expect(PositiveMoneyString.safeParse(text).success).toBe(parseAmount(text).ok);
      }),
      { numRuns: 5_000 },
    );
  });

  it('draws the limits where the database does: 12 integer digits, 8 decimals', () => {
    expect(MoneyString.safeParse('999999999999.99999999').success).toBe(true);
    expect(MoneyString.safeParse('1000000000000').success).toBe(false);
    expect(MoneyString.safeParse('0.123456789').success).toBe(false);
    expect(PositiveMoneyString.safeParse('0.00').success).toBe(false);
    expect(PositiveMoneyString.safeParse('0.01').success).toBe(true);
    expect(MoneyString.safeParse(12).success).toBe(false);
  });
});
