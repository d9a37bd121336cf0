import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { classifyFailure, DEFAULT_RETRY_POLICY, type RetryPolicy, withRetries } from '../db/retry.js';
import { SqlParams } from '../db/sql-params.js';
import {
  countingRunner,
  type SqlExecutor,
  type TransactionRunner,
  type TransactionSettings,
  transactionRunnerOf,
} from '../db/transaction-runner.js';
import { Money } from '../money/index.js';
import type { HandOpening, HandSettlement, HandVoid } from '../tables/table-ports.js';
import { isMultipleOf, isNonNegativeAmount, isTransferAmount } from './amounts.js';
import {
  type LedgerError,
  type LedgerErrorCode,
  LedgerRefusal,
  type LedgerResult,
  ledgerError,
  refuse,
} from './ledger-errors.js';
import {
  type LockedAccount,
  type LockedRows,
  type LockedSeat,
  type LockedTable,
  type LockRequest,
  lockRows,
  post,
  WON_KEY,
} from './ledger-statements.js';
import { requestHash } from './request-hash.js';
import { SHARD_COUNT, shardOf } from './shards.js';

export type { HandOpening, HandSettlement, HandVoid } from '../tables/table-ports.js';

/**
 * EVERY movement of money, in one module (a tournament's, in tournament-transactions.ts, which
 * runs its transactions through `run` below). Each operation is one named function and one database
 * transaction, run with bounded retries, and answers a typed value or a typed refusal. Most are an
 * interactive transaction of one locking statement and one writing statement (see
 * ledger-statements.ts). The frequent ones at the tables are one round trip each instead, to a
 * function that does the same in the database: settling a hand, once per hand at every table
 * (settle_hand, migration 20261207053000_settle_hand_function), and a buy-in, a top-up (bots top
 * up constantly) and a cash-out (wallet_to_seat and cash_out, migration
 * 20261207223000_wallet_to_seat_and_cash_out_functions). Money is Money (decimal.js) here, NUMERIC
 * in SQL, and text in between.
 *
 * Idempotency: every operation that moves money carries a key. The same key with the same request
 * returns the first result and moves nothing; the same key with a different request is refused
 * with 'ledger/idempotency-conflict'. Keys are namespaced by operation, so a deposit reference can
 * never collide with a buy-in reservation.
 */

export interface LedgerSettings {
  /** SET LOCAL lock_timeout of every transaction: the longest wait for one row lock. */
  readonly lockTimeoutMs: number;
  readonly transaction: TransactionSettings;
  readonly retry: RetryPolicy;
  /** The clock used for seat reservations (tests inject one). */
  readonly now: () => Date;
  /** House and cashier shards in use (at most SHARD_COUNT); 1 turns sharding off, for measurements. */
  readonly shardCount: number;
  /** Told of every failed attempt that is retried (for metrics, and for tests that count deadlocks). */
  readonly onRetry: (failure: unknown, attemptNo: number) => void;
  /**
   * Told of the database round trips each operation makes (for the metric that shows a hand
   * settles in one); null counts nothing, at no cost.
   */
  readonly onRoundTrips: ((operation: LedgerOperation, roundTrips: number) => void) | null;
}

/** The ledger's settings from the server's configuration (config.ts holds their defaults). */
export function ledgerSettingsOf(config: Config): LedgerSettings {
  return {
    lockTimeoutMs: config.TX_LOCK_TIMEOUT_MS,
    transaction: { maxWaitMs: config.TX_MAX_WAIT_MS, timeoutMs: config.TX_TIMEOUT_MS },
    retry: DEFAULT_RETRY_POLICY,
    now: () => new Date(),
    shardCount: SHARD_COUNT,
    onRetry: () => {},
    onRoundTrips: null,
  };
}

// ---- requests and results --------------------------------------------------------------------

export interface DepositRequest {
  readonly userId: string;
  readonly amount: Money;
  /** The payment's external reference: the idempotency key of the deposit. */
  readonly reference: string;
}

export interface WithdrawalRequest {
  readonly userId: string;
  readonly amount: Money;
  readonly requestId: string;
}

export interface BuyInRequest {
  readonly tableId: string;
  readonly seat: number;
  readonly userId: string;
  readonly amount: Money;
  readonly reservationId: string;
  readonly ownerEpoch?: bigint;
}

export interface TopUpRequest {
  readonly tableId: string;
  readonly seat: number;
  readonly userId: string;
  readonly amount: Money;
  readonly requestId: string;
  readonly ownerEpoch?: bigint;
}

export interface CashOutRequest {
  readonly tableId: string;
  readonly seat: number;
  readonly userId: string;
  readonly handNumber: number;
  readonly ownerEpoch?: bigint;
}

export interface WalletMovement {
  readonly transferId: string;
  readonly amount: Money;
  /** The wallet's balance right after this movement. */
  readonly walletBalance: Money;
}

export interface SeatMovement {
  readonly transferId: string;
  readonly seat: number;
  readonly amount: Money;
  /** The seat's stack after the movement. */
  readonly stack: Money;
  readonly walletBalance: Money;
}

export interface CashOutResult {
  /** Null when the seat held no chips (nothing to transfer; the seat is freed all the same). */
  readonly transferId: string | null;
  readonly seat: number;
  readonly amount: Money;
  readonly walletBalance: Money;
}

export interface SettlementResult {
  readonly handNumber: number;
  readonly rake: Money;
  readonly transferId: string | null;
}

export interface NewTable {
  readonly name: string;
  /** The game: No-Limit Hold'em unless given. */
  readonly variant?: 'NT' | 'PO';
  /** The players all-in may agree to run the board twice (off unless given). */
  readonly runItTwice?: boolean;
  readonly smallBlind: Money;
  readonly bigBlind: Money;
  readonly ante?: Money;
  readonly minBuyIn: Money;
  readonly maxBuyIn: Money;
  readonly chipUnit: Money;
  readonly maxSeats: number;
  readonly rakeBasisPoints?: number;
  readonly rakeCap?: Money;
  /** The table's own action clock and initial time bank (ms); absent: the server's settings. */
  readonly actionTimeoutMs?: number;
  readonly timeBankMs?: number;
}

export interface ClaimedSeat {
  readonly seat: number;
  readonly userId: string | null;
  readonly stack: Money;
  readonly status: LockedSeat['status'];
  /** The player asked to leave at the end of the hand. */
  readonly leaving: boolean;
}

/** A hand the previous owner dealt and never finished, voided by this claim. */
export interface InterruptedHand {
  readonly number: number;
  /** Its players, by position (empty for a hand recorded before seating was). */
  readonly userIds: readonly string[];
}

/** A seated player's wish to leave at the end of the hand, set or cleared. */
export interface LeavingMark {
  readonly tableId: string;
  readonly seat: number;
  readonly userId: string;
  readonly leaving: boolean;
  readonly ownerEpoch: bigint;
}

export interface TableClaim {
  readonly tableId: string;
  readonly ownerEpoch: bigint;
  readonly handNumber: number;
  readonly status: LockedTable['status'];
  /** The seats as the database holds them: what a new owner resumes from. */
  readonly seats: readonly ClaimedSeat[];
  /** The hand its previous owner was playing when it stopped, now void; null if none. */
  readonly interruptedHand: InterruptedHand | null;
}

/** Every operation, bound to one database: what the server passes around. */
export interface Ledger {
  buyChips(request: DepositRequest): Promise<LedgerResult<WalletMovement>>;
  withdraw(request: WithdrawalRequest): Promise<LedgerResult<WalletMovement>>;
  buyIn(request: BuyInRequest): Promise<LedgerResult<SeatMovement>>;
  topUp(request: TopUpRequest): Promise<LedgerResult<SeatMovement>>;
  cashOut(request: CashOutRequest): Promise<LedgerResult<CashOutResult>>;
  settleHand(settlement: HandSettlement): Promise<LedgerResult<SettlementResult>>;
  voidHand(record: HandVoid): Promise<LedgerResult<{ handNumber: number }>>;
  openHand(opening: HandOpening): Promise<LedgerResult<void>>;
  markLeaving(request: LeavingMark): Promise<LedgerResult<void>>;
  createTable(config: NewTable): Promise<LedgerResult<{ tableId: string }>>;
  closeTable(tableId: string): Promise<LedgerResult<{ tableId: string }>>;
  claimTable(tableId: string, epoch: bigint): Promise<LedgerResult<TableClaim>>;
}

/** The name of each operation, as the round-trip metric labels it. */
export type LedgerOperation = keyof Ledger;

/** What every operation runs with. */
export interface LedgerContext {
  readonly runner: TransactionRunner;
  readonly settings: LedgerSettings;
}

/** The ledger over the database (production), or over any runner (the benchmark's plain-pg ceiling). */
export function createLedger(database: Database | TransactionRunner, settings: LedgerSettings): Ledger {
  const runner = 'transaction' in database ? database : transactionRunnerOf(database);
  const ledger: LedgerContext = { runner, settings };
  const onRoundTrips = settings.onRoundTrips;
  // Each operation's round trips are told under its name once it has finished (retries included),
  // so that a count of round trips and a count of finished operations read at the same moment
  // pair up: counted as they start, the operations still in flight would skew the ratio.
  const as = <T>(operation: LedgerOperation, work: (context: LedgerContext) => Promise<T>): Promise<T> => {
    if (onRoundTrips === null) return work(ledger);
    let roundTrips = 0;
    const counting = countingRunner(runner, (count) => {
      roundTrips += count;
    });
    return work({ runner: counting, settings }).finally(() => onRoundTrips(operation, roundTrips));
  };
  return {
    buyChips: (request) => as('buyChips', (context) => buyChips(context, request)),
    withdraw: (request) => as('withdraw', (context) => withdraw(context, request)),
    buyIn: (request) => as('buyIn', (context) => buyIn(context, request)),
    topUp: (request) => as('topUp', (context) => topUp(context, request)),
    cashOut: (request) => as('cashOut', (context) => cashOut(context, request)),
    settleHand: (settlement) => as('settleHand', (context) => settleHand(context, settlement)),
    voidHand: (record) => as('voidHand', (context) => voidHand(context, record)),
    openHand: (opening) => as('openHand', (context) => openHand(context, opening)),
    markLeaving: (request) => as('markLeaving', (context) => markLeaving(context, request)),
    createTable: (config) => as('createTable', (context) => createTable(context, config)),
    closeTable: (tableId) => as('closeTable', (context) => closeTable(context, tableId)),
    claimTable: (tableId, epoch) => as('claimTable', (context) => claimTable(context, tableId, epoch)),
  };
}

/** What a transaction's work answers: its value, and whether an earlier request made it. */
export interface Outcome<T> {
  readonly value: T;
  readonly replayed: boolean;
}

/** One operation: the transaction, retried on transient failures, answered as a value. */
export async function run<T>(
  ledger: LedgerContext,
  work: (tx: SqlExecutor) => Promise<Outcome<T>>,
): Promise<LedgerResult<T>> {
  try {
    const { value, replayed } = await withRetries(
      () => ledger.runner.transaction(work, ledger.settings.transaction),
      ledger.settings.retry,
      ledger.settings.onRetry,
    );
    return { ok: true, value, replayed };
  } catch (error) {
    if (error instanceof LedgerRefusal) return { ok: false, error: error.refusal };
    return { ok: false, error: describeFailure(error) };
  }
}

/** What a ledger function of the database (settle_hand, wallet_to_seat, cash_out) answers: a stored
 * result or a refusal. */
type StatementOutcome =
  | { readonly ok: true; readonly replayed: boolean; readonly result: Record<string, unknown> }
  | { readonly ok: false; readonly code: LedgerErrorCode; readonly message: string };

/**
 * One operation that is a single autocommit statement (a ledger function of the database): no
 * BEGIN and COMMIT around it, so one round trip; retried and answered like `run`.
 */
async function runStatement<T>(
  ledger: LedgerContext,
  work: () => Promise<Outcome<T>>,
): Promise<LedgerResult<T>> {
  try {
    const { value, replayed } = await withRetries(work, ledger.settings.retry, ledger.settings.onRetry);
    return { ok: true, value, replayed };
  } catch (error) {
    if (error instanceof LedgerRefusal) return { ok: false, error: error.refusal };
    return { ok: false, error: describeFailure(error) };
  }
}

function lock(ledger: LedgerContext, tx: SqlExecutor, request: Omit<LockRequest, 'lockTimeoutMs'>) {
  return lockRows(tx, { ...request, lockTimeoutMs: ledger.settings.lockTimeoutMs });
}

// ---- the operations --------------------------------------------------------------------------

/** Cashier to wallet (a deposit). Idempotent by the payment's external reference. */
export function buyChips(
  ledger: LedgerContext,
  request: DepositRequest,
): Promise<LedgerResult<WalletMovement>> {
  return cashierTransfer(ledger, 'deposit', request.userId, request.amount, request.reference);
}

/** Wallet to cashier (a withdrawal); never below zero. Idempotent by the request id. */
export function withdraw(
  ledger: LedgerContext,
  request: WithdrawalRequest,
): Promise<LedgerResult<WalletMovement>> {
  return cashierTransfer(ledger, 'withdrawal', request.userId, request.amount, request.requestId);
}

const CASHIER_TRANSFERS = {
  deposit: { keyPrefix: 'deposit', operation: 'buyChips', kind: 'DEPOSIT' },
  withdrawal: { keyPrefix: 'withdraw', operation: 'withdraw', kind: 'WITHDRAWAL' },
} as const;

/** Between a wallet and the cashier (the outside world), in either direction. */
async function cashierTransfer(
  ledger: LedgerContext,
  direction: keyof typeof CASHIER_TRANSFERS,
  userId: string,
  amount: Money,
  reference: string,
): Promise<LedgerResult<WalletMovement>> {
  if (!isTransferAmount(amount)) return invalidAmount();
  const { keyPrefix, operation, kind } = CASHIER_TRANSFERS[direction];
  const key = `${keyPrefix}:${reference}`;
  const hash = requestHash(operation, { userId, amount: amount.toFixed() });
  return run(ledger, async (tx) => {
    const rows = await lock(ledger, tx, {
      accounts: (p) =>
        `user_id = ${p.add(userId, 'uuid')} OR (kind = 'CASHIER' AND shard = ${p.add(shardOf(userId, ledger.settings.shardCount), 'int')})`,
      seats: null,
      table: null,
      idempotencyKey: key,
    });
    const replay = replayOf(rows, hash, decodeWalletMovement);
    if (replay) return replay;
    const wallet = walletOf(rows, userId);
    const cashier = accountOf(rows, 'CASHIER');
    if (direction === 'withdrawal' && wallet.balance.lessThan(amount))
      refuse('ledger/insufficient-funds', 'the wallet holds less than that');
    const walletBalance =
      direction === 'deposit' ? wallet.balance.plus(amount) : wallet.balance.minus(amount);
    const [debit, credit] = direction === 'deposit' ? [cashier, wallet] : [wallet, cashier];
    const stored = await post(tx, {
      idempotencyKey: key,
      operation,
      requestHash: hash,
      result: { amount: amount.toFixed(), walletBalance: walletBalance.toFixed() },
      transfer: { debitAccountId: debit.id, creditAccountId: credit.id, amount, kind, userId },
    });
    return { value: decodeWalletMovement(stored), replayed: false };
  });
}

/** Wallet to the table's escrow; the seat (empty, or reserved for this user) holds `amount`. */
export async function buyIn(
  ledger: LedgerContext,
  request: BuyInRequest,
): Promise<LedgerResult<SeatMovement>> {
  const { tableId, seat, userId, amount, reservationId, ownerEpoch } = request;
  if (!isTransferAmount(amount)) return invalidAmount();
  const key = `buy-in:${reservationId}`;
  const hash = requestHash('buyIn', { tableId, seat, userId, amount: amount.toFixed() });
  return walletToSeat(ledger, 'BUY_IN', { tableId, seat, userId, amount, ownerEpoch, key, hash });
}

/** Wallet to escrow between hands, for a seated user, up to the table's maximum buy-in. */
export async function topUp(
  ledger: LedgerContext,
  request: TopUpRequest,
): Promise<LedgerResult<SeatMovement>> {
  const { tableId, seat, userId, amount, requestId, ownerEpoch } = request;
  if (!isTransferAmount(amount)) return invalidAmount();
  const key = `top-up:${requestId}`;
  const hash = requestHash('topUp', { tableId, seat, userId, amount: amount.toFixed() });
  return walletToSeat(ledger, 'TOP_UP', { tableId, seat, userId, amount, ownerEpoch, key, hash });
}

/**
 * A buy-in or top-up in one round trip: the wallet_to_seat function (migration
 * 20261207223000_wallet_to_seat_and_cash_out_functions) locks, checks (the seat, the reservation,
 * the chip unit, the buy-in range, the wallet), writes the transfer, both balances, the key and the
 * seat, and checks conservation as written.
 */
function walletToSeat(
  ledger: LedgerContext,
  kind: 'BUY_IN' | 'TOP_UP',
  move: {
    readonly tableId: string;
    readonly seat: number;
    readonly userId: string;
    readonly amount: Money;
    readonly ownerEpoch: bigint | undefined;
    readonly key: string;
    readonly hash: string;
  },
): Promise<LedgerResult<SeatMovement>> {
  return runStatement(ledger, async () => {
    const p = new SqlParams();
    const sql = `SELECT wallet_to_seat(${[
      p.add(kind, 'text'),
      p.add(move.tableId, 'uuid'),
      p.add(seatParameter(move.seat), 'int'),
      p.add(move.userId, 'uuid'),
      p.add(move.amount.toFixed(), 'numeric'),
      p.add(move.ownerEpoch ?? null, 'bigint'),
      p.add(ledger.settings.now().toISOString(), 'timestamptz'),
      p.add(move.key, 'text'),
      p.add(move.hash, 'text'),
      p.add(`${ledger.settings.lockTimeoutMs}ms`, 'text'),
    ].join(', ')}) AS outcome`;
    return statementOutcome(ledger, 'wallet_to_seat', sql, p, decodeSeatMovement);
  });
}

/** Escrow to wallet for the seat's whole stack, and the seat is free. Idempotent by table,
 * hand and seat: `handNumber` is the last hand the table finished (cash-outs happen between hands). */
export async function cashOut(
  ledger: LedgerContext,
  request: CashOutRequest,
): Promise<LedgerResult<CashOutResult>> {
  const { tableId, seat, userId, handNumber, ownerEpoch } = request;
  if (!Number.isSafeInteger(handNumber) || handNumber < 0)
    return invalidRequest('a hand number is a whole number');
  // Idempotent by table, hand and seat, and by the seat's sitting: a player who leaves, sits
  // down again and leaves before the next hand makes two cash-outs, not one and a replay. The
  // function appends the sitting, read under the seat's lock.
  const keyPrefix = `cash-out:${tableId}:${handNumber}:${seat}:`;
  const hash = requestHash('cashOut', { tableId, seat, userId, handNumber });
  return runStatement(ledger, async () => {
    // One round trip: the cash_out function (same migration as wallet_to_seat).
    const p = new SqlParams();
    const sql = `SELECT cash_out(${[
      p.add(tableId, 'uuid'),
      p.add(seatParameter(seat), 'int'),
      p.add(userId, 'uuid'),
      p.add(handNumber, 'bigint'),
      p.add(ownerEpoch ?? null, 'bigint'),
      p.add(keyPrefix, 'text'),
      p.add(hash, 'text'),
      p.add(`${ledger.settings.lockTimeoutMs}ms`, 'text'),
    ].join(', ')}) AS outcome`;
    return statementOutcome(ledger, 'cash_out', sql, p, decodeCashOut);
  });
}

/** A seat number as the ledger functions take it: null for one that is no seat of any table
 * (not a 32-bit integer), which they refuse as 'ledger/unknown-seat'. */
function seatParameter(seat: number): number | null {
  return Number.isSafeInteger(seat) && Math.abs(seat) <= 2 ** 31 - 1 ? seat : null;
}

/** Runs one call of a ledger function of the database and answers its result, or throws its refusal. */
async function statementOutcome<T>(
  ledger: LedgerContext,
  name: string,
  sql: string,
  params: SqlParams,
  decode: (stored: Record<string, unknown>) => T,
): Promise<Outcome<T>> {
  const [row] = await ledger.runner.statement<{ outcome: StatementOutcome }>(sql, params.values);
  const outcome = row?.outcome;
  if (!outcome) throw new Error(`${name} returned nothing`);
  if (!outcome.ok) refuse(outcome.code, outcome.message);
  return { value: decode(outcome.result), replayed: outcome.replayed };
}

/** The end of a hand: the hand row, the new stacks, the rake. Fenced by the owner epoch. */
export async function settleHand(
  ledger: LedgerContext,
  settlement: HandSettlement,
): Promise<LedgerResult<SettlementResult>> {
  const { tableId, handNumber, ownerEpoch, stacks, rake } = settlement;
  if (!Number.isSafeInteger(handNumber) || handNumber < 1) return invalidRequest('hands are numbered from 1');
  if (!isNonNegativeAmount(rake) || !stacks.every((entry) => isNonNegativeAmount(entry.stack))) {
    return invalidAmount();
  }
  const seatNumbers = stacks.map((entry) => entry.seat);
  if (new Set(seatNumbers).size !== seatNumbers.length) {
    return ledgerError('ledger/settlement-mismatch', 'a seat is listed twice');
  }
  const key = handKey(tableId, handNumber);
  const hash = requestHash('settleHand', {
    tableId,
    handNumber,
    stacks: [...stacks]
      .sort((a, b) => a.seat - b.seat)
      .map((entry) => ({ seat: entry.seat, stack: entry.stack.toFixed() })),
    rake: rake.toFixed(),
    deckCommitment: settlement.deckCommitment,
    deck: settlement.deck,
    salt: settlement.salt,
    history: settlement.history,
    result: JSON.stringify(settlement.result ?? null),
  });
  return runStatement(ledger, async () => {
    // One round trip: the whole transaction is the settle_hand function (migration
    // 20261207053000_settle_hand_function), which locks, checks conservation and writes.
    const p = new SqlParams();
    const sql = `SELECT settle_hand(${[
      p.add(tableId, 'uuid'),
      p.add(handNumber, 'int'),
      p.add(ownerEpoch, 'bigint'),
      p.add(settlement.deckCommitment, 'text'),
      p.add(settlement.deck, 'text'),
      p.add(settlement.salt, 'text'),
      p.add(settlement.history, 'text'),
      p.add(JSON.stringify(settlement.result ?? null), 'jsonb'),
      p.add(rake.toFixed(), 'numeric'),
      p.add(`{${stacks.map((entry) => entry.seat).join(',')}}`, 'int[]'),
      p.add(`{${stacks.map((entry) => entry.stack.toFixed()).join(',')}}`, 'numeric[]'),
      p.add(key, 'text'),
      p.add(hash, 'text'),
      p.add(shardOf(tableId, ledger.settings.shardCount), 'int'),
      p.add(`${ledger.settings.lockTimeoutMs}ms`, 'text'),
    ].join(', ')}) AS outcome`;
    return statementOutcome(ledger, 'settle_hand', sql, p, decodeSettlement);
  });
}

/** Records a hand that was not played out: the stacks stay as the database holds them. */
export async function voidHand(
  ledger: LedgerContext,
  record: HandVoid,
): Promise<LedgerResult<{ handNumber: number }>> {
  const { tableId, handNumber, ownerEpoch } = record;
  if (!Number.isSafeInteger(handNumber) || handNumber < 1) return invalidRequest('hands are numbered from 1');
  const key = handKey(tableId, handNumber);
  const hash = requestHash('voidHand', {
    tableId,
    handNumber,
    deckCommitment: record.deckCommitment,
    deck: record.deck,
    salt: record.salt,
    reason: record.reason,
  });
  return run(ledger, async (tx) => {
    const rows = await lock(ledger, tx, {
      accounts: null,
      seats: null,
      table: { id: tableId, mode: 'NO KEY UPDATE' },
      hand: { tableId, number: handNumber },
      idempotencyKey: key,
    });
    const replay = replayOf(rows, hash, (stored) => ({ handNumber: Number(stored.handNumber) }));
    if (replay) return replay;
    const table = knownTableOf(rows);
    checkEpoch(table, ownerEpoch);
    checkNextHand(rows, table, handNumber, record.deckCommitment);
    const stored = await post(tx, {
      idempotencyKey: key,
      operation: 'voidHand',
      requestHash: hash,
      result: { handNumber },
      transfer: null,
      writes: (p) => {
        const epoch = p.add(ownerEpoch, 'bigint');
        return [
          handRecordWrite(p, rows, {
            ...record,
            status: 'VOIDED',
            history: '',
            // A dealt hand's record keeps its seating, so its players find it in their history.
            result: `jsonb_build_object('voided', true, 'reason', ${p.add(record.reason, 'text')})`,
            rake: '0',
          }),
          `table_update AS (UPDATE poker_tables SET hand_number = ${p.add(handNumber, 'int')}
             WHERE id = ${p.add(tableId, 'uuid')} AND owner_epoch = ${epoch} AND ${WON_KEY})`,
        ];
      },
    });
    return { value: { handNumber: Number(stored.handNumber) }, replayed: false };
  });
}

/**
 * Records a hand as dealt, before anyone sees its commitment: one statement, fenced by the owner
 * epoch and the table's hand number, so only the table's owner can deal, and only its next hand.
 * Dealing the same number again (this owner's first attempt's answer was lost) replaces the
 * record, which is safe because nobody saw that deal: the owner publishes a commitment only once
 * the record is written.
 */
export async function openHand(ledger: LedgerContext, opening: HandOpening): Promise<LedgerResult<void>> {
  const { tableId, handNumber, ownerEpoch } = opening;
  if (!Number.isSafeInteger(handNumber) || handNumber < 1) return invalidRequest('hands are numbered from 1');
  try {
    const rows = await withRetries(
      () =>
        ledger.runner.statement<{
          table_ok: number;
          opened: number;
          owner_epoch: string | null;
          hand_number: number | null;
        }>(
          `WITH tbl AS (
             SELECT id FROM poker_tables
             WHERE id = $1::uuid AND owner_epoch = $2::bigint AND hand_number = $3::int - 1 AND status = 'OPEN'
             FOR NO KEY UPDATE),
           opened AS (
             INSERT INTO hands (table_id, number, status, owner_epoch, deck_commitment, deck, salt, history, result, rake)
             SELECT id, $3::int, 'DEALT', $2::bigint, $4::text, $5::text, $6::text, '', $7::jsonb, 0 FROM tbl
             ON CONFLICT (table_id, number) DO UPDATE
               SET deck_commitment = EXCLUDED.deck_commitment, deck = EXCLUDED.deck, salt = EXCLUDED.salt,
                   result = EXCLUDED.result, created_at = now()
               WHERE hands.status = 'DEALT' AND hands.owner_epoch = EXCLUDED.owner_epoch
             RETURNING number)
           SELECT (SELECT count(*) FROM tbl)::int AS table_ok, (SELECT count(*) FROM opened)::int AS opened,
                  t.owner_epoch::text, t.hand_number
           FROM (SELECT 1) AS one LEFT JOIN poker_tables t ON t.id = $1::uuid`,
          [
            tableId,
            ownerEpoch.toString(),
            String(handNumber),
            opening.deckCommitment,
            opening.deck,
            opening.salt,
            JSON.stringify(opening.seating),
          ],
        ),
      ledger.settings.retry,
      ledger.settings.onRetry,
    );
    const row = rows[0]!;
    if (row.opened === 1) return { ok: true, value: undefined, replayed: false };
    if (row.owner_epoch === null) return ledgerError('ledger/unknown-table', 'no such table');
    if (row.owner_epoch !== ownerEpoch.toString()) {
      return ledgerError(
        'ledger/stale-epoch',
        `the table is owned at epoch ${row.owner_epoch}, not ${ownerEpoch}`,
      );
    }
    return ledgerError(
      'ledger/stale-hand',
      `the table expects hand ${Number(row.hand_number) + 1}, not ${handNumber}`,
    );
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}

/** Records (or clears) a seated player's wish to leave at the end of the hand. Fenced by the epoch. */
export async function markLeaving(ledger: LedgerContext, request: LeavingMark): Promise<LedgerResult<void>> {
  try {
    const rows = await withRetries(
      () =>
        ledger.runner.statement<{ id: string }>(
          `UPDATE seats SET leaving = $4::boolean, updated_at = now()
           WHERE table_id = $1::uuid AND seat_no = $2::int AND user_id = $3::uuid
             AND EXISTS (SELECT 1 FROM poker_tables WHERE id = $1::uuid AND owner_epoch = $5::bigint)
           RETURNING id::text`,
          [
            request.tableId,
            String(request.seat),
            request.userId,
            String(request.leaving),
            request.ownerEpoch.toString(),
          ],
        ),
      ledger.settings.retry,
      ledger.settings.onRetry,
    );
    if (rows.length === 1) return { ok: true, value: undefined, replayed: false };
    return ledgerError('ledger/not-seated', 'no such seat for this user at this owner epoch');
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}

/** A new open table with its escrow account and its empty seats. */
export async function createTable(
  ledger: LedgerContext,
  config: NewTable,
): Promise<LedgerResult<{ tableId: string }>> {
  const problem = tableConfigProblem(config);
  if (problem) return ledgerError('ledger/invalid-request', problem);
  return run(ledger, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `WITH new_table AS (
           INSERT INTO poker_tables (name, small_blind, big_blind, ante, min_buy_in, max_buy_in, chip_unit, max_seats,
             rake_basis_points, rake_cap, variant, run_it_twice, action_timeout_ms, time_bank_ms)
           VALUES ($1::text, $2::numeric, $3::numeric, $4::numeric, $5::numeric, $6::numeric, $7::numeric, $8::int,
             $9::int, $10::numeric, $11::"GameVariant", $12::boolean, $13::int, $14::int)
           RETURNING id, max_seats),
         escrow AS (INSERT INTO accounts (kind, table_id) SELECT 'ESCROW', id FROM new_table),
         new_seats AS (INSERT INTO seats (table_id, seat_no)
           SELECT new_table.id, seat_no FROM new_table, generate_series(1, new_table.max_seats) AS seat_no)
         SELECT id::text FROM new_table`,
      [
        config.name,
        config.smallBlind.toFixed(),
        config.bigBlind.toFixed(),
        (config.ante ?? new Money(0)).toFixed(),
        config.minBuyIn.toFixed(),
        config.maxBuyIn.toFixed(),
        config.chipUnit.toFixed(),
        String(config.maxSeats),
        String(config.rakeBasisPoints ?? 0),
        (config.rakeCap ?? new Money(0)).toFixed(),
        config.variant ?? 'NT',
        String(config.runItTwice ?? false),
        config.actionTimeoutMs === undefined ? null : String(config.actionTimeoutMs),
        config.timeBankMs === undefined ? null : String(config.timeBankMs),
      ],
    );
    return { value: { tableId: rows[0]!.id }, replayed: false };
  });
}

/** Closes an empty table (every seat free, escrow zero). Closing a closed table is a no-op. */
export async function closeTable(
  ledger: LedgerContext,
  tableId: string,
): Promise<LedgerResult<{ tableId: string }>> {
  return run(ledger, async (tx) => {
    const rows = await lock(ledger, tx, {
      accounts: (p) => `table_id = ${p.add(tableId, 'uuid')}`,
      seats: (p) => `table_id = ${p.add(tableId, 'uuid')}`,
      table: { id: tableId, mode: 'NO KEY UPDATE' },
      idempotencyKey: null,
    });
    const table = knownTableOf(rows);
    if (table.status === 'CLOSED') return { value: { tableId }, replayed: true };
    const escrow = escrowOf(rows, tableId);
    if (rows.seats.some((row) => row.status !== 'EMPTY') || !escrow.balance.isZero()) {
      refuse('ledger/table-not-empty', 'every player must cash out before the table closes');
    }
    await tx.query(`UPDATE poker_tables SET status = 'CLOSED' WHERE id = $1::uuid`, [tableId]);
    return { value: { tableId }, replayed: false };
  });
}

/** Takes ownership of a table with a fencing epoch: succeeds when `epoch` is at least the stored
 * one (equal: the owner claims again), and from then on any settlement with an older epoch fails. */
export async function claimTable(
  ledger: LedgerContext,
  tableId: string,
  epoch: bigint,
): Promise<LedgerResult<TableClaim>> {
  if (epoch < 0n) return invalidRequest('an owner epoch is not negative');
  return run(ledger, async (tx) => {
    // One conditional UPDATE is the compare-and-swap; it waits for a settlement in flight.
    const claimed = await tx.query<{ hand_number: number; status: LockedTable['status'] }>(
      `UPDATE poker_tables SET owner_epoch = $2::bigint WHERE id = $1::uuid AND owner_epoch <= $2::bigint
         RETURNING hand_number, status`,
      [tableId, epoch.toString()],
    );
    const row = claimed[0];
    if (!row) {
      const existing = await tx.query<{ owner_epoch: string }>(
        `SELECT owner_epoch::text FROM poker_tables WHERE id = $1::uuid`,
        [tableId],
      );
      if (existing.length === 0) refuse('ledger/unknown-table', 'no such table');
      refuse('ledger/stale-epoch', `the table is owned at epoch ${existing[0]!.owner_epoch}`);
    }
    // A hand its previous owner dealt and never settled: void now, its number spent. The stacks are
    // the database's, which are those of the start of that hand.
    const interrupted = await tx.query<{ number: number; result: { userIds?: unknown } }>(
      `WITH voided AS (
         UPDATE hands SET status = 'VOIDED',
           result = result || jsonb_build_object('voided', true, 'reason', 'the server running the table stopped')
         WHERE table_id = $1::uuid AND status = 'DEALT' RETURNING number, result),
       bumped AS (
         UPDATE poker_tables SET hand_number = (SELECT max(number) FROM voided)
         WHERE id = $1::uuid AND hand_number < (SELECT max(number) FROM voided))
       SELECT number, result FROM voided ORDER BY number`,
      [tableId],
    );
    const voided = interrupted.at(-1);
    const seats = await tx.query<{
      seat_no: number;
      user_id: string | null;
      stack: string;
      status: LockedSeat['status'];
      leaving: boolean;
    }>(
      `SELECT seat_no, user_id::text, stack::text, status, leaving FROM seats WHERE table_id = $1::uuid ORDER BY seat_no`,
      [tableId],
    );
    const claim: TableClaim = {
      tableId,
      ownerEpoch: epoch,
      handNumber: Math.max(row.hand_number, voided?.number ?? 0),
      status: row.status,
      seats: seats.map((seat) => ({
        seat: seat.seat_no,
        userId: seat.user_id,
        stack: new Money(seat.stack),
        status: seat.status,
        leaving: seat.leaving,
      })),
      interruptedHand: voided
        ? {
            number: voided.number,
            userIds: Array.isArray(voided.result.userIds) ? voided.result.userIds.map(String) : [],
          }
        : null,
    };
    return { value: claim, replayed: false };
  });
}

// ---- checks shared by the operations ---------------------------------------------------------

/** Settle and void share one key per hand: a hand is settled or voided, once. */
function handKey(tableId: string, handNumber: number): string {
  return `hand:${tableId}:${handNumber}`;
}

/**
 * A settlement or a void must be of the table's next hand, and of the deal its record holds (when
 * the hand was recorded as dealt): a record already settled or voided is never written again.
 */
function checkNextHand(
  rows: LockedRows,
  table: LockedTable,
  handNumber: number,
  deckCommitment: string,
): void {
  if (handNumber !== table.handNumber + 1) {
    refuse('ledger/stale-hand', `the table expects hand ${table.handNumber + 1}, not ${handNumber}`);
  }
  if (rows.hand && rows.hand.status !== 'DEALT') refuse('ledger/stale-hand', `hand ${handNumber} is over`);
  if (rows.hand && rows.hand.deckCommitment !== deckCommitment) {
    refuse('ledger/settlement-mismatch', `hand ${handNumber} was dealt from another deck`);
  }
}

/**
 * The write that ends a hand's record: the DEALT row becomes SETTLED or VOIDED (its seating kept
 * under the new result), or, for a hand never recorded as dealt, the row is written whole.
 */
function handRecordWrite(
  p: SqlParams,
  rows: LockedRows,
  end: {
    readonly tableId: string;
    readonly handNumber: number;
    readonly ownerEpoch: bigint;
    readonly deckCommitment: string;
    readonly deck: string;
    readonly salt: string;
    readonly status: 'SETTLED' | 'VOIDED';
    readonly history: string;
    /** SQL of a jsonb value. */
    readonly result: string;
    readonly rake: string;
  },
): string {
  const rake = p.add(end.rake, 'numeric');
  const history = p.add(end.history, 'text');
  if (rows.hand) {
    return `hand_write AS (UPDATE hands SET status = '${end.status}', history = ${history},
        result = hands.result || ${end.result}, rake = ${rake}
      WHERE id = ${p.add(rows.hand.id, 'bigint')} AND ${WON_KEY})`;
  }
  return `hand_write AS (INSERT INTO hands (table_id, number, status, owner_epoch, deck_commitment, deck, salt,
      history, result, rake)
    SELECT ${p.add(end.tableId, 'uuid')}, ${p.add(end.handNumber, 'int')}, '${end.status}', ${p.add(end.ownerEpoch, 'bigint')},
      ${p.add(end.deckCommitment, 'text')}, ${p.add(end.deck, 'text')}, ${p.add(end.salt, 'text')},
      ${history}, ${end.result}, ${rake}
    FROM rec)`;
}

/** The earlier result under this key, or a conflict if the key was used for another request. */
function replayOf<T>(
  rows: LockedRows,
  hash: string,
  decode: (stored: Record<string, unknown>) => T,
): { value: T; replayed: true } | undefined {
  if (!rows.replay) return undefined;
  if (rows.replay.requestHash !== hash) {
    refuse('ledger/idempotency-conflict', 'this idempotency key was used for a different request');
  }
  return { value: decode(rows.replay.result), replayed: true };
}

function walletOf(rows: LockedRows, userId: string): LockedAccount {
  const wallet = rows.accounts.find((account) => account.kind === 'WALLET' && account.userId === userId);
  return wallet ?? refuse('ledger/unknown-account', 'this user has no wallet');
}

function escrowOf(rows: LockedRows, tableId: string): LockedAccount {
  const escrow = rows.accounts.find((account) => account.kind === 'ESCROW' && account.tableId === tableId);
  return escrow ?? refuse('ledger/unknown-table', 'no such table');
}

function accountOf(rows: LockedRows, kind: 'HOUSE' | 'CASHIER'): LockedAccount {
  const account = rows.accounts.find((candidate) => candidate.kind === kind);
  // The shards are seeded by the first migration; missing means a broken database, not a bad request.
  if (!account) throw new Error(`the ${kind} shard account is missing`);
  return account;
}

function knownTableOf(rows: LockedRows): LockedTable {
  return rows.table ?? refuse('ledger/unknown-table', 'no such table');
}

function checkEpoch(table: LockedTable, ownerEpoch: bigint | undefined): void {
  if (ownerEpoch !== undefined && ownerEpoch !== table.ownerEpoch) {
    refuse('ledger/stale-epoch', `the table is owned at epoch ${table.ownerEpoch}, not ${ownerEpoch}`);
  }
}

function tableConfigProblem(config: NewTable): string | undefined {
  const amounts = [config.smallBlind, config.bigBlind, config.minBuyIn, config.maxBuyIn, config.chipUnit];
  if (!amounts.every(isTransferAmount)) return 'blinds, buy-ins and the chip unit are positive amounts';
  const ante = config.ante ?? new Money(0);
  const rakeCap = config.rakeCap ?? new Money(0);
  if (!isNonNegativeAmount(ante) || !isNonNegativeAmount(rakeCap))
    return 'the ante and rake cap are not negative';
  if (config.bigBlind.lessThan(config.smallBlind)) return 'the big blind is at least the small blind';
  if (config.maxBuyIn.lessThan(config.minBuyIn)) return 'the maximum buy-in is at least the minimum';
  const unitAmounts = [config.smallBlind, config.bigBlind, ante, config.minBuyIn, config.maxBuyIn, rakeCap];
  if (!unitAmounts.every((amount) => isMultipleOf(amount, config.chipUnit))) {
    return 'every amount of a table is a multiple of its chip unit';
  }
  if (!Number.isInteger(config.maxSeats) || config.maxSeats < 2 || config.maxSeats > 10)
    return 'a table has 2 to 10 seats';
  const basisPoints = config.rakeBasisPoints ?? 0;
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000)
    return 'rake is 0 to 10000 basis points';
  if (config.name.trim().length === 0 || config.name.length > 64)
    return 'a table name has 1 to 64 characters';
  if (config.variant !== undefined && config.variant !== 'NT' && config.variant !== 'PO')
    return "the game is NT (No-Limit Hold'em) or PO (Pot-Limit Omaha)";
  if (config.variant === 'PO' && config.maxSeats > 10) return 'Pot-Limit Omaha seats at most 10';
  const clockOk = (ms: number | undefined, min: number) =>
    ms === undefined || (Number.isInteger(ms) && ms >= min);
  if (!clockOk(config.actionTimeoutMs, 1) || !clockOk(config.timeBankMs, 0))
    return 'a table clock is a whole number of milliseconds, the action time above 0';
  return undefined;
}

// ---- results ---------------------------------------------------------------------------------

function money(stored: Record<string, unknown>, field: string): Money {
  return new Money(String(stored[field]));
}

function transferIdOf(stored: Record<string, unknown>): string | null {
  return typeof stored.transferId === 'string' ? stored.transferId : null;
}

function decodeWalletMovement(stored: Record<string, unknown>): WalletMovement {
  return {
    transferId: transferIdOf(stored) ?? '',
    amount: money(stored, 'amount'),
    walletBalance: money(stored, 'walletBalance'),
  };
}

function decodeSeatMovement(stored: Record<string, unknown>): SeatMovement {
  return {
    transferId: transferIdOf(stored) ?? '',
    seat: Number(stored.seat),
    amount: money(stored, 'amount'),
    stack: money(stored, 'stack'),
    walletBalance: money(stored, 'walletBalance'),
  };
}

function decodeCashOut(stored: Record<string, unknown>): CashOutResult {
  return {
    transferId: transferIdOf(stored),
    seat: Number(stored.seat),
    amount: money(stored, 'amount'),
    walletBalance: money(stored, 'walletBalance'),
  };
}

function decodeSettlement(stored: Record<string, unknown>): SettlementResult {
  return {
    handNumber: Number(stored.handNumber),
    rake: money(stored, 'rake'),
    transferId: transferIdOf(stored),
  };
}

function invalidAmount(): LedgerResult<never> {
  return ledgerError('ledger/invalid-amount', 'an amount is positive, with at most 12 digits and 8 decimals');
}

function invalidRequest(message: string): LedgerResult<never> {
  return ledgerError('ledger/invalid-request', message);
}

/** A failure that is not a refusal, as a value: the cause is kept for the logs, never for clients. */
function describeFailure(error: unknown): LedgerError {
  switch (classifyFailure(error)) {
    case 'retryable':
    case 'busy':
      return { code: 'ledger/busy', message: 'the ledger is busy; try again', cause: error };
    case 'unavailable':
      return { code: 'ledger/unavailable', message: 'the ledger is unavailable; try again', cause: error };
    case 'constraint':
      return { code: 'ledger/constraint-violation', message: 'the ledger refused this change', cause: error };
    default:
      return { code: 'ledger/failed', message: 'the ledger failed', cause: error };
  }
}
