import { z } from 'zod';
import { AMOUNT_INTEGER_DIGITS_MAX, AMOUNT_PATTERN, AMOUNT_SCALE_MAX } from '../money/amount.js';

/**
 * The wire format of an amount with its size limits in one pattern: at most
 * AMOUNT_INTEGER_DIGITS_MAX integer digits and AMOUNT_SCALE_MAX decimals. It accepts exactly what
 * parseAmount accepts with allowZero (test/unit/protocol-money-string.test.ts holds the two
 * together), without building a Decimal: every message a client receives is full of amounts.
 */
const AMOUNT_WITHIN_LIMITS = new RegExp(
  `^(0|[1-9]\\d{0,${AMOUNT_INTEGER_DIGITS_MAX - 1}})(\\.\\d{1,${AMOUNT_SCALE_MAX}})?$`,
);
const ZERO_AMOUNT = /^0(\.0+)?$/;

/**
 * The one wire schema for an amount: a decimal string such as "12" or "0.25". JSON numbers are
 * rejected by design, so no client can send a float that we would have to guess how to round.
 * Finer checks (the chip unit of a table, limits) happen where the context is known.
 */
export const MoneyString = z
  .string()
  .max(32)
  .regex(AMOUNT_PATTERN, 'must be a plain decimal string such as "12.50"')
  .regex(AMOUNT_WITHIN_LIMITS, 'amount out of range');
export type MoneyString = z.infer<typeof MoneyString>;

/** A strictly positive amount. */
export const PositiveMoneyString = MoneyString.refine((text) => !ZERO_AMOUNT.test(text), 'must be positive');
