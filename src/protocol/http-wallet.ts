import { z } from 'zod';
import { AmountOut, Timestamp, Uuid } from './http-common.js';

/** A player's wallet: /api/wallet and /api/wallet/ledger. */

export const WalletResponse = z
  .object({ balance: AmountOut, currency: z.literal('chips') })
  .meta({ id: 'Wallet' });
export type WalletResponse = z.infer<typeof WalletResponse>;

export const TRANSFER_KINDS = [
  'deposit',
  'withdrawal',
  'buy-in',
  'top-up',
  'cash-out',
  'rake',
  'refund',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const LedgerEntry = z
  .object({
    id: z.string().describe('the transfer id; pass the last one as `cursor` for the next page'),
    kind: z.enum(TRANSFER_KINDS),
    /** credit: money came into the wallet; debit: it left. */
    direction: z.enum(['credit', 'debit']),
    amount: AmountOut,
    tableId: Uuid.nullable(),
    handNumber: z.number().int().nullable(),
    seat: z.number().int().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const LedgerPage = z.object({
  entries: z.array(LedgerEntry),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type LedgerPage = z.infer<typeof LedgerPage>;
