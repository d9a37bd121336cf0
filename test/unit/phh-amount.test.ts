import { describe, expect, it } from 'vitest';
import {
  amountToTomlLiteral,
  chipUnitFor,
  decimalTextToDecimal,
  decimalToUnits,
  tomlAmountToDecimal,
  unitsToDecimal,
} from '../../src/engine/phh/phh-amount.js';
import { parsePhh, parseToml } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';
import { Money } from '../../src/money/index.js';

function amountsOfToml(literal: string): unknown {
  const toml = parseToml(`x = ${literal}`);
  if (!toml.ok) throw new Error(toml.error.message);
  return toml.value['x'];
}

describe('PHH amounts', () => {
  it('turns TOML integers and floats into exact decimal strings', () => {
    const cases: [string, string][] = [
      ['100', '100'],
      ['0.5', '0.5'],
      ['247.15', '247.15'],
      ['0.1', '0.1'],
      ['0.30', '0.3'],
      ['1e3', '1000'],
      ['1.5e-7', '0.00000015'],
      ['9007199254740993', '9007199254740993'],
      ['1_000', '1000'],
    ];
    for (const [literal, expected] of cases) {
      expect(tomlAmountToDecimal(amountsOfToml(literal))).toEqual({ ok: true, value: expected });
    }
  });

  it('rejects NaN, infinities, negatives and non-numbers', () => {
    for (const literal of ['nan', 'inf', '-inf', '-5', '-0.5', 'true', "'abc'", "'1e3'", '[1]']) {
      expect(tomlAmountToDecimal(amountsOfToml(literal))).toMatchObject({
        ok: false,
        error: { code: 'phh/bad-amount' },
      });
    }
  });

  it('reads amounts inside action strings as plain decimals only', () => {
    expect(decimalTextToDecimal('2.50')).toEqual({ ok: true, value: '2.5' });
    for (const text of ['1e3', '-1', '.5', '01', '1.', '0x10', '']) {
      expect(decimalTextToDecimal(text).ok).toBe(false);
    }
  });

  it('chooses the chip unit from the most decimal places', () => {
    expect(chipUnitFor(['100', '2']).toFixed()).toBe('1');
    expect(chipUnitFor(['0.5', '247.15', '3']).toFixed()).toBe('0.01');
    expect(chipUnitFor(['0.00000015']).toFixed()).toBe('0.00000001');
  });

  it('converts to and from whole units exactly', () => {
    const cent = new Money('0.01');
    expect(decimalToUnits('247.15', cent)).toEqual({ ok: true, value: 24715 });
    expect(unitsToDecimal(24715, cent)).toBe('247.15');
    expect(decimalToUnits('0.005', cent)).toMatchObject({ ok: false, error: { code: 'phh/bad-amount' } });
  });

  it('writes TOML literals that read back as the same decimal, never through a rounded float', () => {
    for (const amount of ['0', '5', '0.5', '247.15', '0.1', '123456789012.34', '9007199254740993']) {
      const literal = amountToTomlLiteral(amount);
      expect(literal).not.toMatch(/e/i);
      expect(tomlAmountToDecimal(amountsOfToml(literal))).toEqual({ ok: true, value: amount });
    }
    // 17 significant digits do not survive a binary float: written as an exact decimal string.
    expect(amountToTomlLiteral('12345678901234.567')).toBe('"12345678901234.567"');
    expect(tomlAmountToDecimal(amountsOfToml(amountToTomlLiteral('12345678901234.567')))).toEqual({
      ok: true,
      value: '12345678901234.567',
    });
  });

  it('replays a decimal hand to exact decimal stacks', () => {
    const hand = parsePhh(`variant = 'NT'
antes = [0, 0, 0]
blinds_or_straddles = [0.1, 0.2, 0]
min_bet = 0.2
starting_stacks = [10.3, 10, 0.7]
actions = ['p3 cbr 0.7', 'p1 cc', 'p2 f', 'd db 2c3d4h', 'd db 5s', 'd db Kd']
`);
    if (!hand.ok) throw new Error(hand.error.message);
    const replay = replayPhh(hand.value);
    if (!replay.ok) throw new Error(replay.error.message);
    // 0.1 + 0.2 are not 0.3 in floats; here the pot of 0.7 + 0.7 + 0.2 is exactly 1.6.
    expect(replay.value.chipUnit.toFixed()).toBe('0.1');
    const total = replay.value.finishingStacks.reduce((sum, stack) => sum.plus(stack), new Money(0));
    expect(total.toFixed()).toBe('21');
    expect(replay.value.finishingStacks.every((stack) => /^\d+(\.\d)?$/.test(stack))).toBe(true);
  });
});
