import type { Money } from '../../money/index.js';
import type { TransferKind } from '../column-types.js';
import type { Database } from '../database-handle.js';
import { toMoney } from '../money-columns.js';
import { prismaOf } from '../prisma-access.js';

/**
 * Read-only views of a wallet for its owner. Reads need no lock: a balance is one row, and the
 * ledger's transfers are append-only, so a page never changes once written.
 */

export interface WalletEntry {
  readonly id: string;
  readonly kind: TransferKind;
  /** Credit: into the wallet; debit: out of it. */
  readonly direction: 'credit' | 'debit';
  readonly amount: Money;
  readonly tableId: string | null;
  readonly handNumber: number | null;
  readonly seat: number | null;
  readonly createdAt: Date;
}

async function walletOf(database: Database, userId: string) {
  return prismaOf(database).account.findUnique({ where: { userId }, select: { id: true, balance: true } });
}

/** The balance of a user's wallet; undefined if the user has none (every user gets one). */
export async function walletBalance(database: Database, userId: string): Promise<Money | undefined> {
  const wallet = await walletOf(database, userId);
  return wallet ? toMoney(wallet.balance) : undefined;
}

/**
 * A page of a wallet's movements, newest first; `cursor` is the id of the last entry of the
 * previous page. Undefined if the user has no wallet.
 */
export async function walletLedgerPage(
  database: Database,
  userId: string,
  page: { cursor?: string; limit: number },
): Promise<{ entries: WalletEntry[]; nextCursor: string | null } | undefined> {
  const wallet = await walletOf(database, userId);
  if (!wallet) return undefined;
  const rows = await prismaOf(database).transfer.findMany({
    where: {
      OR: [{ debitAccountId: wallet.id }, { creditAccountId: wallet.id }],
      ...(page.cursor !== undefined ? { id: { lt: BigInt(page.cursor) } } : {}),
    },
    orderBy: { id: 'desc' },
    // One more than asked tells whether another page exists.
    take: page.limit + 1,
  });
  const entries = rows.slice(0, page.limit).map((row) => ({
    id: row.id.toString(),
    kind: row.kind,
    direction: row.creditAccountId === wallet.id ? ('credit' as const) : ('debit' as const),
    amount: toMoney(row.amount),
    tableId: row.tableId,
    handNumber: row.handNumber,
    seat: row.seatNo,
    createdAt: row.createdAt,
  }));
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > page.limit && last ? last.id : null };
}
