import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The one Decimal constructor used for money. A private clone, so no other library's global
 * Decimal settings can change our rounding, and toString() never switches to exponent notation.
 * Precision is far beyond any amount we store (NUMERIC(20, 8) in the database).
 */
export const Money = DecimalJs.clone({
  precision: 50,
  rounding: DecimalJs.ROUND_DOWN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Money = InstanceType<typeof Money>;

export const ROUND_DOWN = DecimalJs.ROUND_DOWN;
export const ROUND_UP = DecimalJs.ROUND_UP;
export const ROUND_HALF_EVEN = DecimalJs.ROUND_HALF_EVEN;
export type Rounding = typeof ROUND_DOWN | typeof ROUND_UP | typeof ROUND_HALF_EVEN;

export const ZERO = new Money(0);
