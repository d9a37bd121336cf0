import type { Money, Rounding } from './decimal.js';
import { type MoneyResult, moneyError } from './errors.js';

/**
 * A table counts money in multiples of its chip unit (1 for a chip game, 0.01 for cents). The engine
 * works in whole units as JavaScript safe integers, which is exact; these functions are the only
 * place amounts cross between Decimal and units, so the conversion is checked once, here.
 */

/** Decimal places of a chip unit: 0.01 -> 2, 1 -> 0, 0.25 -> 2. */
export function unitScale(unit: Money): number {
  return unit.decimalPlaces();
}

/** Rounds an amount to a multiple of `unit` with the rounding the caller names. */
export function quantize(amount: Money, unit: Money, rounding: Rounding): Money {
  return amount.dividedBy(unit).toDecimalPlaces(0, rounding).times(unit);
}

/** Converts an amount that must be an exact multiple of `unit` into a whole number of units. */
export function toUnits(amount: Money, unit: Money): MoneyResult<number> {
  const units = amount.dividedBy(unit);
  if (!units.isInteger()) {
    return moneyError(
      'money/not-a-multiple-of-unit',
      `${amount.toFixed()} is not a multiple of ${unit.toFixed()}`,
    );
  }
  if (units.abs().greaterThan(Number.MAX_SAFE_INTEGER)) {
    return moneyError('money/too-large', `${amount.toFixed()} is too many chip units`);
  }
  return { ok: true, value: units.toNumber() };
}

/** Like toUnits, for amounts already known to be valid (from our own state); throws on a bug. */
export function toUnitsExact(amount: Money, unit: Money): number {
  const result = toUnits(amount, unit);
  if (!result.ok) throw new RangeError(result.error.message);
  return result.value;
}

/** Converts whole units back to an amount. */
export function fromUnits(units: number, unit: Money): Money {
  if (!Number.isSafeInteger(units)) throw new RangeError(`chip units must be a safe integer, got ${units}`);
  return unit.times(units);
}

/** What formatUnits needs of a chip unit: unit = integer / 10^scale, both plain numbers. */
interface UnitDigits {
  readonly integer: number;
  readonly scale: number;
}

/** Per chip unit (a table's unit is one Decimal for the table's life); weak, so nothing grows. */
const unitDigits = new WeakMap<Money, UnitDigits | null>();

function digitsOf(unit: Money): UnitDigits | null {
  let digits = unitDigits.get(unit);
  if (digits === undefined) {
    const scale = unit.decimalPlaces();
    const integer = unit.times(10 ** scale).toNumber();
    digits = Number.isSafeInteger(integer) && integer > 0 ? { integer, scale } : null;
    unitDigits.set(unit, digits);
  }
  return digits;
}

/**
 * Whole units as a wire amount: the same text as formatAmount(fromUnits(units, unit)), without
 * Decimal arithmetic. units × the unit's digits is an exact integer product while it stays a safe
 * integer (every stack and bet at a table does), and placing the decimal point is text; past that,
 * Decimal does it. Table views format a few dozen amounts per update, which made Decimal's
 * allocations a visible share of the server's CPU and garbage.
 */
export function formatUnits(units: number, unit: Money): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`chip units must be a safe integer, got ${units}`);
  const digits = digitsOf(unit);
  const product = digits === null ? Number.NaN : units * digits.integer;
  if (digits === null || !Number.isSafeInteger(product)) return unit.times(units).toFixed();
  if (digits.scale === 0 || product === 0) return String(product);
  const sign = product < 0 ? '-' : '';
  const text = String(Math.abs(product)).padStart(digits.scale + 1, '0');
  const whole = text.slice(0, text.length - digits.scale);
  const fraction = text.slice(text.length - digits.scale).replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}
