import type { TransferKind } from '../../ledger/generated/prisma/enums.js';
import { type PrismaClient, toMoney } from '../../ledger/prisma-client.js';
import { formatAmount } from '../../money/amount.js';
import type { LedgerEntry } from '../../protocol/http-wallet.js';
import { ApiError } from '../api-error.js';

/**
 * Read-only views of a wallet for its owner. Reads need no lock: a balance is one row, and the
 * ledger's transfers are append-only, so a page never changes once written.
 */

const KIND_NAMES: Record<TransferKind, LedgerEntry['kind']> = {
  DEPOSIT: 'deposit',
  WITHDRAWAL: 'withdrawal',
  BUY_IN: 'buy-in',
  TOP_UP: 'top-up',
  CASH_OUT: 'cash-out',
  RAKE: 'rake',
  REFUND: 'refund',
};

async function walletOf(prisma: PrismaClient, userId: string) {
  const wallet = await prisma.account.findUnique({ where: { userId }, select: { id: true, balance: true } });
  // Every user gets a wallet from a database trigger; a missing one is a broken database.
  if (!wallet) throw new ApiError('ledger/unknown-account', 'this user has no wallet');
  return wallet;
}

export async function walletBalance(prisma: PrismaClient, userId: string): Promise<string> {
  return formatAmount(toMoney((await walletOf(prisma, userId)).balance));
}

/** Newest first; `cursor` is the id of the last entry of the previous page. */
export async function walletLedgerPage(
  prisma: PrismaClient,
  userId: string,
  page: { cursor?: string; limit: number },
): Promise<{ entries: LedgerEntry[]; nextCursor: string | null }> {
  const wallet = await walletOf(prisma, userId);
  const rows = await prisma.transfer.findMany({
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
    kind: KIND_NAMES[row.kind],
    direction: row.creditAccountId === wallet.id ? ('credit' as const) : ('debit' as const),
    amount: formatAmount(toMoney(row.amount)),
    tableId: row.tableId,
    handNumber: row.handNumber,
    seat: row.seatNo,
    createdAt: row.createdAt.toISOString(),
  }));
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > page.limit && last ? last.id : null };
}
