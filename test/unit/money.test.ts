import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAmount,
  fromUnits,
  Money,
  parseAmount,
  percentOfUnits,
  quantize,
  ROUND_DOWN,
  ROUND_HALF_EVEN,
  ROUND_UP,
  splitAmount,
  splitUnits,
  toUnits,
} from '../../src/money/index.js';
import { MoneyString, PositiveMoneyString } from '../../src/protocol/money-string.js';

function errorCode(input: unknown, options?: Parameters<typeof parseAmount>[1]): string | null {
  const result = parseAmount(input, options);
  return result.ok ? null : result.error.code;
}

describe('parseAmount', () => {
  it('accepts plain decimal strings exactly', () => {
    const result = parseAmount('247.15');
    expect(result.ok && result.value.equals(new Money('247.15'))).toBe(true);
    expect(errorCode('0.00000001')).toBeNull();
    expect(errorCode('999999999999')).toBeNull();
  });

  it('rejects every non-string, including JSON numbers', () => {
    expect(errorCode(12)).toBe('money/not-a-string');
    expect(errorCode(Number.NaN)).toBe('money/not-a-string');
    expect(errorCode(null)).toBe('money/not-a-string');
    expect(errorCode({ value: '1' })).toBe('money/not-a-string');
  });

  it.each([
    ['NaN'],
    ['Infinity'],
    ['1e3'],
    ['1E3'],
    ['+5'],
    [' 5'],
    ['5 '],
    ['05'],
    ['.5'],
    ['5.'],
    ['0x10'],
    [''],
    ['1,000'],
  ])('rejects the malformed amount %j', (input) => {
    expect(errorCode(input)).toBe('money/malformed');
  });

  it('names negatives, zero, too many decimals and too large separately', () => {
    expect(errorCode('-5')).toBe('money/negative');
    expect(errorCode('0')).toBe('money/zero');
    expect(errorCode('0.00')).toBe('money/zero');
    expect(errorCode('0', { allowZero: true })).toBeNull();
    expect(errorCode('1.005', { scale: 2 })).toBe('money/too-many-decimals');
    expect(errorCode('0.000000001')).toBe('money/too-many-decimals');
    expect(errorCode('1000000000000')).toBe('money/too-large');
    expect(errorCode('101', { max: new Money(100) })).toBe('money/too-large');
  });

  it('round-trips every valid amount through formatAmount', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }),
        fc.integer({ min: 0, max: 8 }),
        (raw, scale) => {
          // Keep within what the wire allows: 12 integer digits and `scale` decimals.
          const units = raw % 10n ** BigInt(12 + scale) || 1n;
          const amount = new Money(units.toString()).dividedBy(new Money(10).pow(scale));
          const text = formatAmount(amount);
          const parsed = parseAmount(text);
          expect(parsed.ok && parsed.value.equals(amount)).toBe(true);
        },
      ),
    );
  });
});

describe('chip units', () => {
  const cent = new Money('0.01');

  it('converts exact multiples and refuses anything else', () => {
    expect(toUnits(new Money('12.34'), cent)).toEqual({ ok: true, value: 1234 });
    const bad = toUnits(new Money('12.345'), cent);
    expect(bad.ok ? null : bad.error.code).toBe('money/not-a-multiple-of-unit');
    expect(fromUnits(1234, cent).equals(new Money('12.34'))).toBe(true);
    expect(() => fromUnits(0.5, cent)).toThrow(RangeError);
  });

  it('quantizes with the rounding the caller names', () => {
    const unit = new Money('0.25');
    expect(quantize(new Money('1.30'), unit, ROUND_DOWN).toFixed()).toBe('1.25');
    expect(quantize(new Money('1.30'), unit, ROUND_UP).toFixed()).toBe('1.5');
    expect(quantize(new Money('1.375'), unit, ROUND_HALF_EVEN).toFixed()).toBe('1.5');
  });
});

describe('splitting with the remainder accounted for', () => {
  it('gives the odd units to the first shares', () => {
    expect(splitUnits(10, 3)).toEqual([4, 3, 3]);
    expect(splitUnits(2, 3)).toEqual([1, 1, 0]);
    expect(splitAmount(new Money('0.05'), 2, new Money('0.01')).map((x) => x.toFixed())).toEqual([
      '0.03',
      '0.02',
    ]);
  });

  it('always adds up to the total, with shares at most one unit apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 10 }), (total, parts) => {
        const shares = splitUnits(total, parts);
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('rounds a percentage down to whole units', () => {
    expect(percentOfUnits(199, new Money(5))).toBe(9);
    expect(percentOfUnits(20, new Money('2.5'))).toBe(0);
  });
});

describe('the wire schema', () => {
  it('takes decimal strings only', () => {
    expect(MoneyString.safeParse('10.5').success).toBe(true);
    expect(MoneyString.safeParse(10.5).success).toBe(false);
    expect(MoneyString.safeParse('1e3').success).toBe(false);
    expect(MoneyString.safeParse('-1').success).toBe(false);
    expect(MoneyString.safeParse('1.123456789').success).toBe(false);
    expect(PositiveMoneyString.safeParse('0').success).toBe(false);
    expect(PositiveMoneyString.safeParse('0.01').success).toBe(true);
  });
});
