import type { AccountKind, HandStatus, SeatStatus, TableStatus, TransferKind } from '../db/column-types.js';
import { IdempotencyRace } from '../db/retry.js';
import { SqlParams } from '../db/sql-params.js';
import type { SqlExecutor } from '../db/transaction-runner.js';
import { Money } from '../money/index.js';

/**
 * The two statements every interactive money transaction is made of, so that each costs four round
 * trips in all (BEGIN, lock, post, COMMIT) whatever it does: deposits, withdrawals, voiding a hand,
 * closing a table. (The frequent ones at the tables cost one each: settling a hand, a buy-in, a
 * top-up and a cash-out are the same locks, checks and writes in the database's settle_hand,
 * wallet_to_seat and cash_out functions, each called as one statement; see their migrations.)
 *
 * 1. lockRows: ONE statement that takes every row lock the transaction needs, always in the same
 *    global order (accounts by ascending id, then seats by ascending id, then the table row, then
 *    the row of the hand it names; a tournament's operations lock accounts, then the tournament's row,
 *    see tournament-statements.ts), and
 *    reads the idempotency record. A statement's data-modifying or locking WITH queries run when the
 *    outer UNION ALL reaches them, and UNION ALL (an Append) reads its branches strictly in order,
 *    which is what fixes the lock order. Because every decision rests on locked rows, and
 *    SELECT ... FOR UPDATE returns the newest committed version of a row it had to wait for,
 *    READ COMMITTED is enough: no stale read can slip through.
 *    FOR NO KEY UPDATE rather than FOR UPDATE: we never change a key, and the weaker lock does not
 *    block the foreign-key checks of unrelated inserts (a transfer naming the account).
 * 2. post: ONE statement that records the idempotency key with its result, appends the transfer,
 *    moves both balances and applies the operation's own writes (seats, hand, table). Every write
 *    is gated on the idempotency insert: if a twin request committed the key after our snapshot,
 *    nothing is written and IdempotencyRace makes the whole transaction run again (and replay).
 */

export interface LockedAccount {
  readonly id: string;
  readonly kind: AccountKind;
  readonly balance: Money;
  readonly userId: string | null;
  readonly tableId: string | null;
  readonly shard: number | null;
}

export interface LockedSeat {
  readonly id: string;
  readonly seatNo: number;
  readonly userId: string | null;
  readonly stack: Money;
  readonly status: SeatStatus;
}

export interface LockedTable {
  readonly id: string;
  readonly status: TableStatus;
  readonly minBuyIn: Money;
  readonly maxBuyIn: Money;
  readonly chipUnit: Money;
  readonly maxSeats: number;
  readonly rakeBasisPoints: number;
  readonly rakeCap: Money;
  readonly ownerEpoch: bigint;
  readonly handNumber: number;
}

/** The row of a hand, when the operation names one (settle, void). */
export interface LockedHand {
  readonly id: string;
  readonly status: HandStatus;
  readonly deckCommitment: string;
}

export interface StoredReplay {
  readonly requestHash: string;
  readonly result: Record<string, unknown>;
}

export interface LockedRows {
  readonly accounts: readonly LockedAccount[];
  readonly seats: readonly LockedSeat[];
  readonly table: LockedTable | undefined;
  readonly hand: LockedHand | undefined;
  readonly replay: StoredReplay | undefined;
}

export interface LockRequest {
  readonly lockTimeoutMs: number;
  /** Builds the WHERE predicate over `accounts` (null: lock no account). */
  readonly accounts: ((params: SqlParams) => string) | null;
  /** Builds the WHERE predicate over `seats` (null: lock no seat). */
  readonly seats: ((params: SqlParams) => string) | null;
  readonly table: { readonly id: string; readonly mode: 'SHARE' | 'NO KEY UPDATE' } | null;
  /** The row of one hand of the table (null: none); locked last, after the table. */
  readonly hand?: { readonly tableId: string; readonly number: number } | null;
  /** The idempotency key whose earlier result we look up (null: the operation has none). */
  readonly idempotencyKey: string | null;
}

type LockRow =
  | { what: 'settings'; row: unknown }
  | { what: 'account'; row: Record<string, string | number | null> }
  | { what: 'seat'; row: Record<string, string | number | null> }
  | { what: 'table'; row: Record<string, string | number> }
  | { what: 'hand'; row: Record<string, string> }
  | { what: 'replay'; row: { requestHash: string; result: Record<string, unknown> } };

export async function lockRows(tx: SqlExecutor, request: LockRequest): Promise<LockedRows> {
  const params = new SqlParams();
  // SET LOCAL lock_timeout, as the first branch of the same statement: no extra round trip, and the
  // bound holds whatever pool the PrismaClient was built on.
  const withs = [
    `settings AS (SELECT set_config('lock_timeout', ${params.add(`${request.lockTimeoutMs}ms`, 'text')}, true) AS value)`,
  ];
  // The isolation level comes back with the locks, so a misconfigured pool is caught at no cost.
  const branches = [
    `SELECT 'settings' AS what, json_build_object('lockTimeout', value,
      'isolation', current_setting('transaction_isolation')) AS row FROM settings`,
  ];
  if (request.accounts) {
    withs.push(`locked_accounts AS (
      SELECT id, kind, balance, user_id, table_id, shard FROM accounts
      WHERE ${request.accounts(params)} ORDER BY id FOR NO KEY UPDATE)`);
    branches.push(`SELECT 'account', json_build_object('id', id::text, 'kind', kind, 'balance', balance::text,
      'userId', user_id, 'tableId', table_id, 'shard', shard) FROM locked_accounts`);
  }
  if (request.seats) {
    withs.push(`locked_seats AS (
      SELECT id, seat_no, user_id, stack, status FROM seats
      WHERE ${request.seats(params)} ORDER BY id FOR NO KEY UPDATE)`);
    branches.push(`SELECT 'seat', json_build_object('id', id::text, 'seatNo', seat_no, 'userId', user_id,
      'stack', stack::text, 'status', status) FROM locked_seats`);
  }
  if (request.table) {
    withs.push(`locked_table AS (
      SELECT * FROM poker_tables WHERE id = ${params.add(request.table.id, 'uuid')} FOR ${request.table.mode})`);
    branches.push(`SELECT 'table', json_build_object('id', id, 'status', status, 'minBuyIn', min_buy_in::text,
      'maxBuyIn', max_buy_in::text, 'chipUnit', chip_unit::text, 'maxSeats', max_seats,
      'rakeBasisPoints', rake_basis_points, 'rakeCap', rake_cap::text, 'ownerEpoch', owner_epoch::text,
      'handNumber', hand_number) FROM locked_table`);
  }
  if (request.hand) {
    withs.push(`locked_hand AS (
      SELECT id, status, deck_commitment FROM hands
      WHERE table_id = ${params.add(request.hand.tableId, 'uuid')} AND number = ${params.add(request.hand.number, 'int')}
      FOR NO KEY UPDATE)`);
    branches.push(`SELECT 'hand', json_build_object('id', id::text, 'status', status,
      'deckCommitment', deck_commitment) FROM locked_hand`);
  }
  const key = request.idempotencyKey;
  if (key !== null) {
    branches.push(`SELECT 'replay', json_build_object('requestHash', request_hash, 'result', result)
      FROM idempotency_records WHERE key = ${params.add(key, 'text')}`);
  }
  const sql = `WITH ${withs.join(',\n')}\n${branches.join('\nUNION ALL\n')}`;
  const rows = await tx.query<LockRow>(sql, params.values);

  const accounts: LockedAccount[] = [];
  const seats: LockedSeat[] = [];
  let table: LockedTable | undefined;
  let hand: LockedHand | undefined;
  let replay: StoredReplay | undefined;
  for (const { what, row } of rows) {
    if (what === 'settings') {
      const isolation = (row as { isolation?: string }).isolation;
      // Stronger levels would turn our lock waits into serialization failures; weaker do not exist.
      if (isolation !== 'read committed')
        throw new Error(`ledger transactions need READ COMMITTED, got ${isolation}`);
    } else if (what === 'account') {
      accounts.push({
        id: String(row.id),
        kind: row.kind as AccountKind,
        balance: new Money(String(row.balance)),
        userId: (row.userId as string | null) ?? null,
        tableId: (row.tableId as string | null) ?? null,
        shard: (row.shard as number | null) ?? null,
      });
    } else if (what === 'seat') {
      seats.push({
        id: String(row.id),
        seatNo: Number(row.seatNo),
        userId: (row.userId as string | null) ?? null,
        stack: new Money(String(row.stack)),
        status: row.status as SeatStatus,
      });
    } else if (what === 'table') {
      table = {
        id: String(row.id),
        status: row.status as TableStatus,
        minBuyIn: new Money(String(row.minBuyIn)),
        maxBuyIn: new Money(String(row.maxBuyIn)),
        chipUnit: new Money(String(row.chipUnit)),
        maxSeats: Number(row.maxSeats),
        rakeBasisPoints: Number(row.rakeBasisPoints),
        rakeCap: new Money(String(row.rakeCap)),
        ownerEpoch: BigInt(String(row.ownerEpoch)),
        handNumber: Number(row.handNumber),
      };
    } else if (what === 'hand') {
      hand = {
        id: String(row.id),
        status: row.status as HandStatus,
        deckCommitment: String(row.deckCommitment),
      };
    } else if (what === 'replay') {
      replay = { requestHash: row.requestHash, result: row.result };
    }
  }
  return { accounts, seats, table, hand, replay };
}

/** The gate every extra write of a posting carries: true only if this transaction won the key. */
export const WON_KEY = 'EXISTS (SELECT 1 FROM rec)';

export interface TransferPosting {
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly amount: Money;
  readonly kind: TransferKind;
  readonly userId?: string | null;
  readonly tableId?: string | null;
  readonly handNumber?: number | null;
  readonly seatNo?: number | null;
}

export interface Posting {
  readonly idempotencyKey: string;
  readonly operation: string;
  readonly requestHash: string;
  /** The result to store for replays; `transferId` is added by the database when a transfer is written. */
  readonly result: Record<string, string | number | boolean | null>;
  /** At most one transfer (a zero amount is written as none: the ledger refuses zero transfers). */
  readonly transfer: TransferPosting | null;
  /** Further data-modifying WITH queries ("name AS (UPDATE ... WHERE ... AND ${WON_KEY})"). */
  readonly writes?: (params: SqlParams) => readonly string[];
}

/** Writes a posting in one statement and returns the stored result (with its transferId). */
export async function post(tx: SqlExecutor, posting: Posting): Promise<Record<string, unknown>> {
  const params = new SqlParams();
  const key = params.add(posting.idempotencyKey, 'text');
  const hash = params.add(posting.requestHash, 'text');
  const result = params.add(JSON.stringify(posting.result), 'jsonb');
  const withs: string[] = [];
  const transfer = posting.transfer;
  if (transfer) {
    const debit = params.add(transfer.debitAccountId, 'bigint');
    const credit = params.add(transfer.creditAccountId, 'bigint');
    const amount = params.add(transfer.amount.toFixed(), 'numeric');
    withs.push(
      `transfer_id AS (SELECT nextval('transfers_id_seq') AS id)`,
      `rec AS (INSERT INTO idempotency_records (key, operation, request_hash, result)
        SELECT ${key}, ${params.add(posting.operation, 'text')}, ${hash},
               ${result} || jsonb_build_object('transferId', transfer_id.id::text) FROM transfer_id
        ON CONFLICT (key) DO NOTHING RETURNING result)`,
      `new_transfer AS (INSERT INTO transfers (id, debit_account_id, credit_account_id, amount, kind,
          idempotency_key, request_hash, user_id, table_id, hand_number, seat_no)
        SELECT transfer_id.id, ${debit}, ${credit}, ${amount}, ${params.add(transfer.kind, 'text')}::"TransferKind",
          ${key}, ${hash}, ${params.add(transfer.userId ?? null, 'uuid')}, ${params.add(transfer.tableId ?? null, 'uuid')},
          ${params.add(transfer.handNumber ?? null, 'int')}, ${params.add(transfer.seatNo ?? null, 'int')}
        FROM transfer_id, rec)`,
      `balances AS (UPDATE accounts SET balance = balance + CASE WHEN id = ${debit} THEN -${amount} ELSE ${amount} END
        WHERE id IN (${debit}, ${credit}) AND ${WON_KEY})`,
    );
  } else {
    withs.push(
      `rec AS (INSERT INTO idempotency_records (key, operation, request_hash, result)
        VALUES (${key}, ${params.add(posting.operation, 'text')}, ${hash}, ${result} || '{"transferId": null}'::jsonb)
        ON CONFLICT (key) DO NOTHING RETURNING result)`,
    );
  }
  withs.push(...(posting.writes?.(params) ?? []));
  const rows = await tx.query<{ result: Record<string, unknown> }>(
    `WITH ${withs.join(',\n')}\nSELECT result FROM rec`,
    params.values,
  );
  const stored = rows[0];
  if (!stored) throw new IdempotencyRace(posting.idempotencyKey);
  return stored.result;
}
