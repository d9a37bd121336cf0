import type { PrismaClient } from '../ledger/prisma-client.js';
import { toMoney } from '../ledger/prisma-client.js';
import type { Ledger } from '../ledger/transactions.js';
import { toUnits } from '../money/index.js';
import type { RestoredSeat, TableStart } from '../tables/table-actor.js';
import { type TableConfig, tableConfigOf } from '../tables/table-config.js';

export interface LoadedTable {
  readonly config: TableConfig;
  readonly ownerEpoch: bigint;
  readonly start: TableStart;
}

export type LoadResult =
  | { readonly ok: true; readonly table: LoadedTable }
  | { readonly ok: false; readonly reason: string };

/** Ids of the tables that should be running. */
export async function openTableIds(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.pokerTable.findMany({
    where: { status: 'OPEN' },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((row) => row.id);
}

/**
 * Loads one table to run it here: takes ownership with the next epoch (from then on, any older
 * owner's settlement is refused), and restores seats and stacks exactly as the database holds
 * them. A hand that was being played when the previous owner died left no trace there: it is void,
 * and every stack is what it was when that hand began.
 */
export async function loadTable(
  prisma: PrismaClient,
  ledger: Ledger,
  tableId: string,
  chooseEpoch: (storedEpoch: bigint) => bigint | Promise<bigint> = (stored) => stored + 1n,
): Promise<LoadResult> {
  const row = await prisma.pokerTable.findUnique({ where: { id: tableId } });
  if (!row) return { ok: false, reason: 'no such table' };
  if (row.status !== 'OPEN') return { ok: false, reason: 'the table is closed' };
  const config = tableConfigOf({
    tableId: row.id,
    name: row.name,
    maxSeats: row.maxSeats,
    chipUnit: toMoney(row.chipUnit),
    smallBlind: toMoney(row.smallBlind),
    bigBlind: toMoney(row.bigBlind),
    ante: toMoney(row.ante),
    minBuyIn: toMoney(row.minBuyIn),
    maxBuyIn: toMoney(row.maxBuyIn),
    rakeBasisPoints: row.rakeBasisPoints,
    rakeCap: toMoney(row.rakeCap),
  });
  const claim = await ledger.claimTable(tableId, await chooseEpoch(row.ownerEpoch));
  if (!claim.ok) return { ok: false, reason: `${claim.error.code}: ${claim.error.message}` };
  const occupied = claim.value.seats.filter(
    (seat) => seat.userId !== null && (seat.status === 'SEATED' || seat.status === 'SITTING_OUT'),
  );
  const users = await prisma.user.findMany({
    where: { id: { in: occupied.map((seat) => seat.userId!) } },
    select: { id: true, username: true },
  });
  const names = new Map(users.map((user) => [user.id, user.username]));
  const seats: RestoredSeat[] = [];
  for (const seat of occupied) {
    const stack = toUnits(seat.stack, config.chipUnit);
    if (!stack.ok)
      return { ok: false, reason: `seat ${seat.seat} holds ${seat.stack.toFixed()}, not in chip units` };
    seats.push({
      seat: seat.seat,
      userId: seat.userId!,
      username: names.get(seat.userId!) ?? 'player',
      stack: stack.value,
      sittingOut: seat.status === 'SITTING_OUT',
    });
  }
  return {
    ok: true,
    table: {
      config,
      ownerEpoch: claim.value.ownerEpoch,
      start: { lastHandNumber: claim.value.handNumber, seats },
    },
  };
}
