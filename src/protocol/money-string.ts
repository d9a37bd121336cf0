import { z } from 'zod';
import { AMOUNT_PATTERN, parseAmount } from '../money/amount.js';

/**
 * The one wire schema for an amount: a decimal string such as "12" or "0.25". JSON numbers are
 * rejected by design, so no client can send a float that we would have to guess how to round.
 * Finer checks (the chip unit of a table, limits) happen where the context is known.
 */
export const MoneyString = z
  .string()
  .max(32)
  .regex(AMOUNT_PATTERN, 'must be a plain decimal string such as "12.50"')
  .refine((text) => parseAmount(text, { allowZero: true }).ok, 'amount out of range');
export type MoneyString = z.infer<typeof MoneyString>;

/** A strictly positive amount. */
export const PositiveMoneyString = MoneyString.refine((text) => parseAmount(text).ok, 'must be positive');
