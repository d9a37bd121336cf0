import type { Database } from '../db/database.js';
import { findTable } from '../db/queries/table-queries.js';
import { usernamesOf } from '../db/queries/user-queries.js';
import type { Result } from '../errors/result.js';
import type { Ledger } from '../ledger/transactions.js';
import { toUnits } from '../money/index.js';
import type { RestoredSeat, TableStart } from '../tables/table-actor.js';
import { type TableConfig, tableConfigOf } from '../tables/table-config.js';

export interface LoadedTable {
  readonly config: TableConfig;
  readonly ownerEpoch: bigint;
  readonly start: TableStart;
}

/** The table to run, or why it cannot run here. */
export type LoadResult = Result<LoadedTable, string>;

/**
 * Loads one table to run it here: takes ownership with the next epoch (from then on, any older
 * owner's settlement is refused), and restores seats and stacks exactly as the database holds
 * them. A hand that was being played when the previous owner died left no trace there: it is void,
 * and every stack is what it was when that hand began.
 */
export async function loadTable(
  database: Database,
  ledger: Ledger,
  tableId: string,
  chooseEpoch: (storedEpoch: bigint) => bigint | Promise<bigint> = (stored) => stored + 1n,
): Promise<LoadResult> {
  const row = await findTable(database, tableId);
  if (!row) return { ok: false, error: 'no such table' };
  if (!row.open) return { ok: false, error: 'the table is closed' };
  const config = tableConfigOf({
    tableId: row.id,
    name: row.name,
    variant: row.variant,
    runItTwice: row.runItTwice,
    maxSeats: row.maxSeats,
    chipUnit: row.chipUnit,
    smallBlind: row.smallBlind,
    bigBlind: row.bigBlind,
    ante: row.ante,
    minBuyIn: row.minBuyIn,
    maxBuyIn: row.maxBuyIn,
    rakeBasisPoints: row.rakeBasisPoints,
    rakeCap: row.rakeCap,
    actionTimeoutMs: row.actionTimeoutMs,
    timeBankMs: row.timeBankMs,
  });
  const claim = await ledger.claimTable(tableId, await chooseEpoch(row.ownerEpoch));
  if (!claim.ok) return { ok: false, error: `${claim.error.code}: ${claim.error.message}` };
  const occupied = claim.value.seats.filter(
    (seat) => seat.userId !== null && (seat.status === 'SEATED' || seat.status === 'SITTING_OUT'),
  );
  const names = await usernamesOf(
    database,
    occupied.map((seat) => seat.userId!),
  );
  const seats: RestoredSeat[] = [];
  for (const seat of occupied) {
    const stack = toUnits(seat.stack, config.chipUnit);
    if (!stack.ok)
      return { ok: false, error: `seat ${seat.seat} holds ${seat.stack.toFixed()}, not in chip units` };
    seats.push({
      seat: seat.seat,
      userId: seat.userId!,
      username: names.get(seat.userId!) ?? 'player',
      stack: stack.value,
      sittingOut: seat.status === 'SITTING_OUT',
      leaving: seat.leaving,
    });
  }
  return {
    ok: true,
    value: {
      config,
      ownerEpoch: claim.value.ownerEpoch,
      start: {
        lastHandNumber: claim.value.handNumber,
        seats,
        interruptedHand: claim.value.interruptedHand,
      },
    },
  };
}
