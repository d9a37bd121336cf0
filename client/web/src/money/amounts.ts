import {
  fromUnits,
  Money,
  parseAmount,
  quantize,
  ROUND_DOWN,
  toUnits,
  unitScale,
} from '../../../../src/money/index.js';
import type { MoneyString } from '../../../../src/protocol/money-string.js';

/**
 * Amounts in the client: decimal strings from the wire, Decimal (src/money) for arithmetic, and
 * whole chip units (safe integers) where the browser needs a number (the bet slider). Never a JS
 * float.
 */

/** "1234567.5" -> "1,234,567.5": groups the integer digits, leaves the fraction exactly as sent. */
export function displayAmount(amount: string): string {
  const negative = amount.startsWith('-');
  const digits = negative ? amount.slice(1) : amount;
  const [whole = '0', fraction] = digits.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

export function sumAmounts(amounts: readonly string[]): MoneyString {
  return amounts.reduce((total, amount) => total.plus(amount), new Money(0)).toFixed();
}

export interface AmountCheck {
  readonly ok: boolean;
  readonly value: MoneyString;
  readonly message: string | null;
}

/** Checks an amount typed by the user: a decimal of the table's unit, within [min, max]. */
export function checkAmount(
  text: string,
  unit: MoneyString,
  min: MoneyString,
  max: MoneyString,
): AmountCheck {
  const trimmed = text.trim();
  const unitValue = new Money(unit);
  const parsed = parseAmount(trimmed, { scale: unitScale(unitValue) });
  if (!parsed.ok) return { ok: false, value: trimmed, message: parsed.error.message };
  const value = parsed.value;
  if (!toUnits(value, unitValue).ok) {
    return { ok: false, value: trimmed, message: `use multiples of ${unit}` };
  }
  if (value.lessThan(min)) return { ok: false, value: trimmed, message: `at least ${displayAmount(min)}` };
  if (value.greaterThan(max)) return { ok: false, value: trimmed, message: `at most ${displayAmount(max)}` };
  return { ok: true, value: value.toFixed(), message: null };
}

/** An amount as whole chip units, for the slider (exact: amounts are multiples of the unit). */
export function amountToUnits(amount: MoneyString, unit: MoneyString): number {
  const result = toUnits(new Money(amount), new Money(unit));
  if (!result.ok) throw new RangeError(result.error.message);
  return result.value;
}

export function unitsToAmount(units: number, unit: MoneyString): MoneyString {
  return fromUnits(units, new Money(unit)).toFixed();
}

export interface SizingInput {
  /** Chips in the middle from completed streets. */
  readonly pot: MoneyString;
  /** Every player's bet on this street, the viewer's included. */
  readonly streetBets: readonly MoneyString[];
  /** The viewer's bet on this street. */
  readonly ownStreetBet: MoneyString;
  /** What calling adds (null when there is nothing to call). */
  readonly callAmount: MoneyString | null;
  readonly minTo: MoneyString;
  readonly maxTo: MoneyString;
  readonly chipUnit: MoneyString;
  /** The table's big blind: preflop sizes are multiples of it (or of the bet to match, if higher). */
  readonly bigBlind: MoneyString;
  /** Pot-Limit Omaha: the most the server allows (maxTo) is exactly a pot-sized bet or raise. */
  readonly potLimit?: boolean;
}

/**
 * A bet or raise "to" total that is `fraction` ("0.5", or "2/3" exactly) of the pot: call first, then add that share of the
 * pot as it would be after the call (the pot-limit convention, so "pot" is a pot-sized raise).
 * Rounded down to the chip unit and kept inside the legal range.
 */
export function potFractionTo(input: SizingInput, fraction: string): MoneyString {
  const call = new Money(input.callAmount ?? '0');
  const middle = input.streetBets.reduce((total, bet) => total.plus(bet), new Money(input.pot));
  const potAfterCall = middle.plus(call);
  const [numerator = '1', denominator = '1'] = fraction.split('/');
  const raw = new Money(input.ownStreetBet).plus(call).plus(potAfterCall.times(numerator).div(denominator));
  const rounded = quantize(raw, new Money(input.chipUnit), ROUND_DOWN);
  return clamp(rounded, new Money(input.minTo), new Money(input.maxTo)).toFixed();
}

/**
 * A preflop raise "to" `multiple` times the bet to match (the big blind when nobody raised):
 * 2.5x, 3x, 4x as players size opens and re-raises. Rounded down to the chip unit, in the legal range.
 */
export function betMultipleTo(input: SizingInput, multiple: string): MoneyString {
  const highest = input.streetBets.reduce(
    (max, bet) => Money.max(max, new Money(bet)),
    new Money(input.bigBlind),
  );
  const rounded = quantize(highest.times(multiple), new Money(input.chipUnit), ROUND_DOWN);
  return clamp(rounded, new Money(input.minTo), new Money(input.maxTo)).toFixed();
}

export interface BetPreset {
  readonly label: string;
  readonly testId: string;
  readonly amount: MoneyString;
}

const PREFLOP_MULTIPLES = [
  { label: '2.5x', testId: 'preset-2-5x', multiple: '2.5' },
  { label: '3x', testId: 'preset-3x', multiple: '3' },
  { label: '4x', testId: 'preset-4x', multiple: '4' },
] as const;

const POT_FRACTIONS = [
  { label: '⅓ pot', testId: 'preset-third-pot', fraction: '1/3' },
  { label: '½ pot', testId: 'preset-half-pot', fraction: '1/2' },
  { label: '⅔ pot', testId: 'preset-two-thirds-pot', fraction: '2/3' },
  { label: 'Pot', testId: 'preset-pot', fraction: '1' },
] as const;

/**
 * The sizing buttons players know: 2.5x, 3x and 4x before the flop, ⅓, ½, ⅔ and pot after it,
 * then the most the server allows. Every amount is kept inside the server's legal range (which is
 * what a pot limit gives, when it is lower than a preset). At a pot-limit table the most allowed is
 * the pot, so the last button is "Pot" on every street, and it is the server's own maximum.
 */
export function betPresets(input: SizingInput, preflop: boolean): BetPreset[] {
  if (input.potLimit) {
    const fractions = POT_FRACTIONS.filter(({ fraction }) => fraction !== '1').map(
      ({ label, testId, fraction }) => ({ label, testId, amount: potFractionTo(input, fraction) }),
    );
    const below = preflop
      ? PREFLOP_MULTIPLES.map(({ label, testId, multiple }) => ({
          label,
          testId,
          amount: betMultipleTo(input, multiple),
        }))
      : fractions;
    return [
      ...below.filter((preset) => new Money(preset.amount).lessThan(input.maxTo)),
      { label: 'Pot', testId: 'preset-pot', amount: input.maxTo },
    ];
  }
  const sized = preflop
    ? PREFLOP_MULTIPLES.map(({ label, testId, multiple }) => ({
        label,
        testId,
        amount: betMultipleTo(input, multiple),
      }))
    : POT_FRACTIONS.map(({ label, testId, fraction }) => ({
        label,
        testId,
        amount: potFractionTo(input, fraction),
      }));
  return [...sized, { label: 'Max', testId: 'preset-max', amount: input.maxTo }];
}

function clamp(value: Money, min: Money, max: Money): Money {
  if (value.lessThan(min)) return min;
  if (value.greaterThan(max)) return max;
  return value;
}
