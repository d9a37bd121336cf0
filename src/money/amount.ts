import { Money } from './decimal.js';
import { type MoneyResult, moneyError } from './errors.js';

/**
 * The wire format of an amount: plain decimal digits, an optional fraction, no sign, no exponent,
 * no leading zeros, no whitespace. "12", "0.5", "247.15". Never a JSON number.
 */
export const AMOUNT_PATTERN = /^(0|[1-9]\d*)(\.\d+)?$/;

/** Integer digits allowed on the wire; the database column is NUMERIC(20, 8), so 12 integer digits. */
export const AMOUNT_INTEGER_DIGITS_MAX = 12;
/** Decimal places the database stores; a table's chip unit may allow fewer. */
export const AMOUNT_SCALE_MAX = 8;

export interface ParseAmountOptions {
  /** Most decimal places allowed (for a table, the places of its chip unit). Default AMOUNT_SCALE_MAX. */
  readonly scale?: number;
  /** Whether "0" is acceptable. Default false: a zero transfer is always a mistake. */
  readonly allowZero?: boolean;
  /** Largest acceptable amount, inclusive. */
  readonly max?: Money;
}

/**
 * Parses a client-supplied amount. Accepts only a string in AMOUNT_PATTERN; rejects numbers, NaN,
 * infinities, exponents, signs, and more decimals than `scale`, each with its own error code.
 */
export function parseAmount(input: unknown, options: ParseAmountOptions = {}): MoneyResult<Money> {
  const scale = options.scale ?? AMOUNT_SCALE_MAX;
  if (typeof input !== 'string')
    return moneyError('money/not-a-string', 'an amount must be a decimal string');
  if (input.startsWith('-') && AMOUNT_PATTERN.test(input.slice(1))) {
    return moneyError('money/negative', 'an amount cannot be negative');
  }
  if (!AMOUNT_PATTERN.test(input)) {
    return moneyError('money/malformed', `"${input.slice(0, 40)}" is not a plain decimal amount`);
  }
  const [integerPart = '', fraction = ''] = input.split('.');
  if (integerPart.length > AMOUNT_INTEGER_DIGITS_MAX) {
    return moneyError('money/too-large', `an amount has at most ${AMOUNT_INTEGER_DIGITS_MAX} integer digits`);
  }
  if (fraction.length > scale) {
    return moneyError('money/too-many-decimals', `an amount has at most ${scale} decimal places here`);
  }
  const value = new Money(input);
  if (value.isZero() && !options.allowZero) return moneyError('money/zero', 'an amount must be positive');
  if (options.max && value.greaterThan(options.max)) {
    return moneyError('money/too-large', `an amount may not exceed ${formatAmount(options.max)}`);
  }
  return { ok: true, value };
}

/** Formats an amount for the wire: plain notation, no trailing zeros, no exponent. */
export function formatAmount(value: Money): string {
  if (!value.isFinite()) throw new RangeError('cannot format a non-finite amount');
  return value.toFixed();
}

/** Formats with exactly `scale` decimals (for display and for NUMERIC columns). */
export function formatAmountFixed(value: Money, scale: number): string {
  return value.toFixed(scale, Money.ROUND_DOWN);
}
