import { AMOUNT_INTEGER_DIGITS_MAX, AMOUNT_SCALE_MAX, Money } from '../money/index.js';

const AMOUNT_LIMIT = new Money(10).pow(AMOUNT_INTEGER_DIGITS_MAX);

/** Whether an amount fits NUMERIC(20, 8): finite, at most 12 integer digits and 8 decimals. */
export function fitsColumn(amount: Money): boolean {
  return (
    amount.isFinite() && amount.abs().lessThan(AMOUNT_LIMIT) && amount.decimalPlaces() <= AMOUNT_SCALE_MAX
  );
}

/** A transfer amount: strictly positive and storable. */
export function isTransferAmount(amount: unknown): amount is Money {
  return amount instanceof Money && fitsColumn(amount) && amount.greaterThan(0);
}

/** A stack or rake: zero or positive, storable. */
export function isNonNegativeAmount(amount: unknown): amount is Money {
  return amount instanceof Money && fitsColumn(amount) && !amount.isNegative();
}

export function isMultipleOf(amount: Money, unit: Money): boolean {
  return amount.modulo(unit).isZero();
}
