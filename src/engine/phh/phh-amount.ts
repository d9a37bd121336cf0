import { fromUnits, Money, toUnits } from '../../money/index.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * PHH amounts are TOML numbers: integers, or floats for decimal stakes (0.5, 247.15). Each one is
 * turned into an exact decimal string once, here, and never touched as a float again.
 */

const DECIMAL_TEXT = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Canonical decimal text: plain notation, no trailing zeros ("0.50" -> "0.5", "1e-7" -> "0.0000001"). */
function canonical(value: Money): string {
  return value.toFixed();
}

/**
 * A TOML amount to an exact decimal string. A float is taken at its shortest round-trip
 * representation (String(x)), which is the text a human wrote for any amount of up to 15
 * significant digits. Integers beyond 2^53 arrive as BigInt and stay exact. Decimal strings are
 * accepted too (our exporter writes one only when no TOML number can carry the amount exactly).
 */
export function tomlAmountToDecimal(value: unknown): PhhResult<string> {
  if (typeof value === 'bigint') {
    if (value < 0n) return phhError('phh/bad-amount', `negative amount ${value}`);
    return { ok: true, value: value.toString() };
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return phhError('phh/bad-amount', `amount ${value} is not finite`);
    if (value < 0) return phhError('phh/bad-amount', `negative amount ${value}`);
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return phhError('phh/bad-amount', `amount ${value} is beyond exact float range`);
    }
    return { ok: true, value: canonical(new Money(String(value))) };
  }
  if (typeof value === 'string') return decimalTextToDecimal(value);
  return phhError('phh/bad-amount', `expected a number, got ${typeof value}`);
}

/** An amount written as text (inside an action string such as "p1 cbr 2.5"). */
export function decimalTextToDecimal(text: string): PhhResult<string> {
  if (!DECIMAL_TEXT.test(text))
    return phhError('phh/bad-amount', `"${text.slice(0, 40)}" is not a plain amount`);
  return { ok: true, value: canonical(new Money(text)) };
}

/** The hand's chip unit: 10^-(most decimal places among its amounts). 1 for whole-chip hands. */
export function chipUnitFor(amounts: Iterable<string>): Money {
  let places = 0;
  for (const amount of amounts) places = Math.max(places, new Money(amount).decimalPlaces());
  return new Money(10).pow(-places);
}

/** A decimal amount to whole chip units. */
export function decimalToUnits(amount: string, unit: Money): PhhResult<number> {
  const result = toUnits(new Money(amount), unit);
  if (!result.ok) return phhError('phh/bad-amount', result.error.message);
  return { ok: true, value: result.value };
}

export function unitsToDecimal(units: number, unit: Money): string {
  return canonical(fromUnits(units, unit));
}

/**
 * The TOML literal to write for an amount. Whole amounts are TOML integers. A decimal is written as
 * a TOML float literal with exactly its digits ("247.15") when a reader that goes through a binary
 * float gets the same decimal back (any amount of up to 15 significant digits). Otherwise, as a last
 * resort, it is a quoted decimal string, which our reader accepts but which is outside the PHH
 * specification: better than an amount silently changed by rounding.
 */
export function amountToTomlLiteral(amount: string): string {
  const value = new Money(amount);
  const text = canonical(value);
  if (value.isInteger()) return text;
  if (new Money(String(Number(text))).equals(value)) return text;
  return JSON.stringify(text);
}
