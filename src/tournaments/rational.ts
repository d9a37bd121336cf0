/**
 * Exact non-negative fractions of BigInts, for the Independent Chip Model: its probabilities are
 * ratios of chip counts, and a Decimal would round them. Always reduced; the denominator is > 0.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export const RATIONAL_ZERO: Rational = { num: 0n, den: 1n };
export const RATIONAL_ONE: Rational = { num: 1n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rational(num: bigint, den: bigint): Rational {
  if (den <= 0n) throw new RangeError('a rational needs a positive denominator');
  const divisor = gcd(num, den);
  return divisor > 1n ? { num: num / divisor, den: den / divisor } : { num, den };
}

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function multiply(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/** The whole part, rounded down, and what is left of it (num / den of a remainder < 1). */
export function floorOf(a: Rational): { readonly whole: bigint; readonly fraction: Rational } {
  const whole = a.num / a.den; // a >= 0, so BigInt's truncation is the floor
  return { whole, fraction: rational(a.num - whole * a.den, a.den) };
}

/** -1, 0 or 1 as a is less than, equal to or more than b. */
export function compare(a: Rational, b: Rational): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}
