import { Money } from './decimal.js';

/**
 * Splits `total` whole units into `parts` shares that differ by at most one unit and add up to
 * exactly `total`. The extra units go to the first shares, so the caller orders the recipients by
 * the rule that gets the odd chip (for a split pot: clockwise from the button).
 */
export function splitUnits(total: number, parts: number): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`cannot split ${total}`);
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`cannot split into ${parts} parts`);
  const base = Math.floor(total / parts);
  const remainder = total - base * parts;
  const shares = new Array<number>(parts);
  for (let i = 0; i < parts; i++) shares[i] = i < remainder ? base + 1 : base;
  return shares;
}

/** The same split for a Decimal amount in multiples of `unit`. */
export function splitAmount(total: Money, parts: number, unit: Money): Money[] {
  const units = total.dividedBy(unit);
  if (!units.isInteger()) throw new RangeError(`${total.toFixed()} is not a multiple of ${unit.toFixed()}`);
  return splitUnits(units.toNumber(), parts).map((share) => unit.times(share));
}

/** Percentage of an amount, rounded down to the unit: the rule for rake. */
export function percentOfUnits(units: number, percent: Money): number {
  return new Money(units).times(percent).dividedBy(100).floor().toNumber();
}
