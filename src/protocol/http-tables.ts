import { z } from 'zod';
import { Amount, AmountOut, nameText, PositiveAmount, Timestamp, Uuid } from './http-common.js';

/** Tables over HTTP: the lobby (/api/tables) and their administration (/api/admin/tables). */

export const CreateTableBody = z
  .strictObject({
    name: nameText(64, { trim: true }),
    /** The game: "NT" No-Limit Hold'em (the default) or "PO" Pot-Limit Omaha. */
    variant: z.enum(['NT', 'PO']).optional(),
    /** Whether the players all-in may agree to run the board twice (off by default). */
    runItTwice: z.boolean().optional(),
    smallBlind: PositiveAmount,
    bigBlind: PositiveAmount,
    ante: Amount.optional(),
    minBuyIn: PositiveAmount,
    maxBuyIn: PositiveAmount,
    /** The smallest amount at the table: "1" for whole chips, "0.01" for cents. */
    chipUnit: PositiveAmount.optional(),
    maxSeats: z.number().int().min(2).max(10),
    rakeBasisPoints: z.number().int().min(0).max(10_000).optional(),
    rakeCap: Amount.optional(),
    /** The table's action clock in ms (default: the server's TABLE_ACTION_TIMEOUT_MS). */
    actionTimeoutMs: z.number().int().min(1_000).max(600_000).optional(),
    /** The time bank each player sits down with, in ms (default: TABLE_TIME_BANK_INITIAL_MS). */
    timeBankMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .meta({ id: 'CreateTableRequest' });
/** What a client sends (before the server trims the name). */
export type CreateTableBody = z.input<typeof CreateTableBody>;

export const TableParams = z.strictObject({ id: Uuid });

export const TableOut = z
  .object({
    id: Uuid,
    name: z.string(),
    variant: z.enum(['NT', 'PO']),
    runItTwice: z.boolean(),
    status: z.enum(['open', 'closed']),
    smallBlind: AmountOut,
    bigBlind: AmountOut,
    ante: AmountOut,
    minBuyIn: AmountOut,
    maxBuyIn: AmountOut,
    chipUnit: AmountOut,
    maxSeats: z.number().int(),
    seatsTaken: z.number().int(),
    rakeBasisPoints: z.number().int(),
    rakeCap: AmountOut,
    /** null: the server's settings. */
    actionTimeoutMs: z.number().int().nullable(),
    timeBankMs: z.number().int().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Table' });
export type TableOut = z.infer<typeof TableOut>;

export const TableResponse = z.object({ table: TableOut });
export type TableResponse = z.infer<typeof TableResponse>;
export const TableListResponse = z.object({ tables: z.array(TableOut) });
export type TableListResponse = z.infer<typeof TableListResponse>;
