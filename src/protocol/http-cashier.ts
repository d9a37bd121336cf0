import { z } from 'zod';
import { AmountOut, IdempotencyKey, nameText, PositiveAmount, Timestamp, Uuid } from './http-common.js';

/** The cashier's desk: /api/cashier/deposits, /api/cashier/withdrawals, /api/cashier/players. */

const Username = nameText(64);

/** A deposit or withdrawal a cashier records for a player. */
export const CashierMovementBody = z
  .strictObject({
    username: Username,
    amount: PositiveAmount,
    /** Or the Idempotency-Key header (if both are sent they must be equal). */
    idempotencyKey: IdempotencyKey.optional(),
  })
  .meta({ id: 'CashierMovementRequest' });
export type CashierMovementBody = z.input<typeof CashierMovementBody>;

export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': IdempotencyKey.optional(),
});

export const CashierMovementResponse = z
  .object({
    transferId: z.string(),
    username: z.string(),
    amount: AmountOut,
    walletBalance: AmountOut,
  })
  .meta({ id: 'CashierMovement' });
export type CashierMovementResponse = z.infer<typeof CashierMovementResponse>;

export const PlayerSearchQuery = z.strictObject({
  query: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_]+$/, 'letters, digits and underscores'),
});

export const PlayerSummary = z
  .object({ id: Uuid, username: z.string(), balance: AmountOut, createdAt: Timestamp })
  .meta({ id: 'PlayerSummary' });
export type PlayerSummary = z.infer<typeof PlayerSummary>;

export const PlayerSearchResponse = z.object({ players: z.array(PlayerSummary) });
export type PlayerSearchResponse = z.infer<typeof PlayerSearchResponse>;
