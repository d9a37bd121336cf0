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
