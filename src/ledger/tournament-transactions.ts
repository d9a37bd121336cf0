import type { TournamentEntryStatus } from '../db/column-types.js';
import type { Database } from '../db/database.js';
import { IdempotencyRace } from '../db/retry.js';
import { SqlParams } from '../db/sql-params.js';
import { type SqlExecutor, type TransactionRunner, transactionRunnerOf } from '../db/transaction-runner.js';
import { Money } from '../money/index.js';
import { fitsColumn, isMultipleOf, isNonNegativeAmount, isTransferAmount } from './amounts.js';
import { type LedgerResult, ledgerError, refuse } from './ledger-errors.js';
import type { LockedAccount } from './ledger-statements.js';
import { requestHash } from './request-hash.js';
import { shardOf } from './shards.js';
import {
  claimTournament,
  saveTournamentState,
  type TournamentClaim,
  type TournamentStateWrite,
} from './tournament-director-state.js';
import {
  type LockedTournament,
  lockTournament,
  postTournament,
  readTournament,
  type TournamentEntryRow,
  type TournamentLocks,
  type TournamentMove,
  type TournamentReads,
  WON,
} from './tournament-statements.js';
import { type LedgerContext, type LedgerSettings, type Outcome, run } from './transactions.js';

/**
 * EVERY movement of a tournament's money, one named function and one database transaction each
 * (the cancellation: one per batch of entries, see cancelTournament), with the ledger's locking
 * order, idempotency and bounded retries (transactions.ts explains them; tournament-statements.ts
 * the three statements each transaction is made of).
 *
 * The money flow. Registering moves the buy-in from the wallet to the tournament's PRIZE_POOL
 * account and the fee to a house shard (the player's). Unregistering before the start, or a
 * cancellation, returns both exactly (the amounts the entry paid are kept on it). When registration
 * closes (at the start, or at the end of late registration) the house pays the overlay, if the
 * buy-ins fall short of the guarantee, as one TOURNAMENT_OVERLAY transfer. Prizes and deal shares
 * go from the prize pool to the wallets, each at most once per entry, never more than the pool
 * holds; the tournament finishes only when the pool is at zero. An admin's cancellation of a running
 * tournament pays what the pool still holds to the players still in (TOURNAMENT_CANCEL_SHARE, the
 * director's chip chop; fees stay with the house): cancelRunningTournament.
 *
 * Exactly once, three times over: each operation's idempotency record; the entry's status, decided
 * under the tournament row's lock (the mutex of its entries); and the transfers' own keys, which
 * name the entry (`tournament-entry:<id>:refund`), with a unique index on (entry, kind), so the
 * database itself refuses a second refund or prize of one entry, whatever the code above it does.
 */

/** A director's fencing epoch: when given, the operation is refused unless it is the tournament's. */
interface Fenced {
  readonly directorEpoch?: bigint;
}

export interface NewTournament {
  readonly name: string;
  readonly kind: 'SNG' | 'MTT';
  readonly variant?: 'NT' | 'PO';
  readonly buyIn: Money;
  readonly fee: Money;
  readonly guarantee?: Money;
  /** The money unit: buy-in, fee, guarantee and every prize are multiples of it. */
  readonly chipUnit: Money;
  /** Tournament chips each entry starts with (whole chips, not money). */
  readonly startingChips: number;
  readonly tableSize: number;
  /** 1 (the default): a freezeout; more: re-entries, during late registration. */
  readonly maxEntriesPerPlayer?: number;
  readonly minEntrants: number;
  readonly maxEntrants: number;
  readonly scheduledStart?: Date | null;
  /** Registration stays open after the start up to this level; absent or null: it closes at the start. */
  readonly lateRegistrationLevel?: number | null;
  /** The blind structure, validated by the director before it comes here; stored as JSON. */
  readonly structure: unknown;
  /** The payout table's settings, as the director reads them; stored as JSON. */
  readonly payoutSettings: unknown;
}

export interface TournamentRegistrationRequest {
  readonly tournamentId: string;
  readonly userId: string;
  readonly idempotencyKey: string;
  /**
   * A late entry (the tournament runs) is taken by its director only, at its epoch: the director
   * checks that its registration is still open and seats the entry in the same serial turn, so no
   * entry is ever bought that the director would refuse. Absent before the start.
   */
  readonly directorEpoch?: bigint;
}

export interface TournamentRegistration {
  readonly entryId: string;
  /** 1 for the first entry, 2 for the first re-entry, ... */
  readonly entryNumber: number;
  readonly status: Extract<TournamentEntryStatus, 'REGISTERED' | 'PLAYING'>;
  readonly buyIn: Money;
  readonly fee: Money;
  readonly walletBalance: Money;
  readonly prizePool: Money;
}

export interface TournamentRefund {
  readonly entryId: string;
  readonly entryNumber: number;
  readonly buyIn: Money;
  readonly fee: Money;
  readonly walletBalance: Money;
}

export interface TournamentCancellationRequest {
  readonly tournamentId: string;
  /** Entries refunded per transaction (default 100). */
  readonly batchSize?: number;
  /** Batches this call runs at most (default: until done); a later call carries on. */
  readonly maxBatches?: number;
}

export interface TournamentCancellation {
  /** CANCELLING: entries are still to be refunded or paid (call again); CANCELLED: all done. */
  readonly status: 'CANCELLING' | 'CANCELLED';
  /** Entries refunded by this call (a tournament cancelled before its start). */
  readonly refunded: number;
  /** Entries paid their cancel share by this call (a tournament cancelled while it ran). */
  readonly sharesPaid: number;
}

export interface RunningCancellationRequest extends TournamentCancellationRequest {
  /** The director's epoch: the decision is refused unless it is the tournament's. */
  readonly directorEpoch: bigint;
  /**
   * Every entry still in play (PLAYING here) and its share of what the prize pool holds, in the
   * chip unit, zero or more; the shares add up to the pool exactly (the director's chip chop).
   */
  readonly shares: readonly { readonly entryId: string; readonly amount: Money }[];
}

export interface TournamentStart {
  readonly entrants: number;
  readonly prizePool: Money;
  /** The overlay paid at the start; null when late registration keeps it open (payTournamentOverlay). */
  readonly overlay: Money | null;
}

export interface TournamentOverlay {
  readonly overlay: Money;
  readonly prizePool: Money;
}

export interface TournamentPrize {
  readonly entryId: string;
  readonly place: number;
  /** Zero for a place out of the money (the place is recorded all the same). */
  readonly amount: Money;
  /** eliminated: busted; finished: still standing at the end (the winner, or in a deal that ended it). */
  readonly outcome: 'eliminated' | 'finished';
}

export interface TournamentPrizesRequest extends Fenced {
  readonly tournamentId: string;
  readonly idempotencyKey: string;
  readonly prizes: readonly TournamentPrize[];
}

export interface PaidPrize extends TournamentPrize {
  /** The entry had already finished with exactly this place and prize: nothing moved for it now. */
  readonly alreadyPaid: boolean;
}

export interface TournamentPrizesResult {
  readonly prizes: readonly PaidPrize[];
  readonly prizePool: Money;
}

export interface TournamentDealRequest extends Fenced {
  readonly tournamentId: string;
  readonly idempotencyKey: string;
  /** What each remaining entry takes now; what the pool keeps is still played for. */
  readonly shares: readonly { readonly entryId: string; readonly amount: Money }[];
}

export interface TournamentDealResult {
  readonly shares: readonly { readonly entryId: string; readonly amount: Money }[];
  readonly prizePool: Money;
}

/** At most this many prizes or deal shares in one call (and one transaction). */
export const PAYOUTS_PER_CALL_MAX = 1_000;
const CANCEL_BATCH_DEFAULT = 100;
const CANCEL_BATCH_MAX = 1_000;
/** Players still in whose shares one cancellation of a running tournament decides, at most. */
export const CANCEL_SHARES_MAX = 10_000;
const ENTRANTS_MAX = 1_000_000;
const ENTRIES_PER_PLAYER_MAX = 100;

/** Every tournament money operation, bound to one database. */
export interface TournamentLedger {
  createTournament(config: NewTournament): Promise<LedgerResult<{ tournamentId: string }>>;
  registerForTournament(
    request: TournamentRegistrationRequest,
  ): Promise<LedgerResult<TournamentRegistration>>;
  unregisterFromTournament(request: TournamentRegistrationRequest): Promise<LedgerResult<TournamentRefund>>;
  cancelTournament(request: TournamentCancellationRequest): Promise<LedgerResult<TournamentCancellation>>;
  cancelRunningTournament(request: RunningCancellationRequest): Promise<LedgerResult<TournamentCancellation>>;
  startTournament(request: { tournamentId: string } & Fenced): Promise<LedgerResult<TournamentStart>>;
  payTournamentOverlay(request: { tournamentId: string } & Fenced): Promise<LedgerResult<TournamentOverlay>>;
  payTournamentPrizes(request: TournamentPrizesRequest): Promise<LedgerResult<TournamentPrizesResult>>;
  payTournamentDeal(request: TournamentDealRequest): Promise<LedgerResult<TournamentDealResult>>;
  finishTournament(
    request: { tournamentId: string } & Fenced,
  ): Promise<LedgerResult<{ tournamentId: string }>>;
  claimTournament(tournamentId: string, epoch: bigint): Promise<LedgerResult<TournamentClaim>>;
  saveTournamentState(write: TournamentStateWrite): Promise<LedgerResult<{ stateVersion: bigint }>>;
}

export function createTournamentLedger(
  database: Database | TransactionRunner,
  settings: LedgerSettings,
): TournamentLedger {
  const ledger: LedgerContext = {
    runner: 'transaction' in database ? database : transactionRunnerOf(database),
    settings,
  };
  return {
    createTournament: (config) => createTournament(ledger, config),
    registerForTournament: (request) => registerForTournament(ledger, request),
    unregisterFromTournament: (request) => unregisterFromTournament(ledger, request),
    cancelTournament: (request) => cancelTournament(ledger, request),
    cancelRunningTournament: (request) => cancelRunningTournament(ledger, request),
    startTournament: (request) => startTournament(ledger, request),
    payTournamentOverlay: (request) => payTournamentOverlay(ledger, request),
    payTournamentPrizes: (request) => payTournamentPrizes(ledger, request),
    payTournamentDeal: (request) => payTournamentDeal(ledger, request),
    finishTournament: (request) => finishTournament(ledger, request),
    claimTournament: (tournamentId, epoch) => claimTournament(ledger, tournamentId, epoch),
    saveTournamentState: (write) => saveTournamentState(ledger, write),
  };
}

// ---- the operations --------------------------------------------------------------------------

/** A new tournament, REGISTERING, with its empty prize-pool account. */
export async function createTournament(
  ledger: LedgerContext,
  config: NewTournament,
): Promise<LedgerResult<{ tournamentId: string }>> {
  const problem = tournamentConfigProblem(config);
  if (problem) return ledgerError('ledger/invalid-request', problem);
  return run(ledger, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `WITH new_tournament AS (
           INSERT INTO tournaments (name, kind, variant, buy_in, fee, guarantee, chip_unit, starting_chips, table_size,
             max_entries_per_player, min_entrants, max_entrants, scheduled_start, late_registration_level, structure,
             payout_settings)
           VALUES ($1::text, $2::"TournamentKind", $3::"GameVariant", $4::numeric, $5::numeric, $6::numeric, $7::numeric,
             $8::int, $9::int, $10::int, $11::int, $12::int, $13::timestamptz, $14::int, $15::jsonb, $16::jsonb)
           RETURNING id),
         pool AS (INSERT INTO accounts (kind, tournament_id) SELECT 'PRIZE_POOL', id FROM new_tournament)
       SELECT id::text FROM new_tournament`,
      [
        config.name,
        config.kind,
        config.variant ?? 'NT',
        config.buyIn.toFixed(),
        config.fee.toFixed(),
        (config.guarantee ?? new Money(0)).toFixed(),
        config.chipUnit.toFixed(),
        String(config.startingChips),
        String(config.tableSize),
        String(config.maxEntriesPerPlayer ?? 1),
        String(config.minEntrants),
        String(config.maxEntrants),
        config.scheduledStart ? config.scheduledStart.toISOString() : null,
        config.lateRegistrationLevel == null ? null : String(config.lateRegistrationLevel),
        JSON.stringify(config.structure),
        JSON.stringify(config.payoutSettings),
      ],
    );
    return { value: { tournamentId: rows[0]!.id }, replayed: false };
  });
}

/**
 * Buys an entry: the buy-in from the wallet to the prize pool, the fee to the player's house
 * shard, and the entry row, in one transaction. Before the start the entry is REGISTERED; during
 * late registration it is PLAYING at once (a late entry or a re-entry, which is a new buy-in).
 */
export async function registerForTournament(
  ledger: LedgerContext,
  request: TournamentRegistrationRequest,
): Promise<LedgerResult<TournamentRegistration>> {
  const { tournamentId, userId, idempotencyKey } = request;
  const key = `tournament-register:${idempotencyKey}`;
  const hash = requestHash('registerForTournament', { tournamentId, userId });
  const shard = shardOf(userId, ledger.settings.shardCount);
  return run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, (p) => {
      const house = `(kind = 'HOUSE' AND shard = ${p.add(shard, 'int')})`;
      return `user_id = ${p.add(userId, 'uuid')} OR tournament_id = ${p.add(tournamentId, 'uuid')} OR ${house}`;
    });
    const reads = await readTournament(tx, {
      tournamentId,
      entries: (p) => `user_id = ${p.add(userId, 'uuid')}`,
      idempotencyKey: key,
      newEntryId: true,
    });
    const replay = replayOf(reads, hash, decodeRegistration);
    if (replay) return replay;
    const tournament = knownTournament(locks);
    if (!registrationOpen(tournament)) {
      refuse('ledger/tournament-registration-closed', 'this tournament does not take registrations now');
    }
    if (tournament.status === 'RUNNING') {
      if (request.directorEpoch === undefined)
        refuse('ledger/tournament-registration-closed', "a late entry is taken by the tournament's director");
      directed(locks, request.directorEpoch);
    }
    if (reads.entries.some((entry) => isLive(entry.status))) {
      refuse('ledger/tournament-already-registered', 'this player already holds a live entry');
    }
    const bought = reads.entries.filter((entry) => !isRefunded(entry.status)).length;
    if (bought >= tournament.maxEntriesPerPlayer) {
      refuse(
        'ledger/tournament-entry-limit',
        `a player may buy ${tournament.maxEntriesPerPlayer} entries here`,
      );
    }
    if (reads.entrants >= tournament.maxEntrants) refuse('ledger/tournament-full', 'this tournament is full');
    const wallet = walletOf(locks, userId);
    const pool = prizePoolOf(locks);
    const house = houseOf(locks, shard) ?? missingShard(shard);
    const cost = tournament.buyIn.plus(tournament.fee);
    if (wallet.balance.lessThan(cost)) refuse('ledger/insufficient-funds', 'the wallet holds less than that');
    const entryId = reads.newEntryId!;
    const entryNumber = Math.max(0, ...reads.entries.map((entry) => entry.entryNumber)) + 1;
    const status = tournament.status === 'RUNNING' ? 'PLAYING' : 'REGISTERED';
    const posted = await postTournament(tx, {
      tournamentId,
      record: {
        key,
        operation: 'registerForTournament',
        result: {
          entryId,
          entryNumber,
          status,
          buyIn: tournament.buyIn.toFixed(),
          fee: tournament.fee.toFixed(),
          walletBalance: wallet.balance.minus(cost).toFixed(),
          prizePool: pool.balance.plus(tournament.buyIn).toFixed(),
        },
      },
      requestHash: hash,
      moves: [
        move(entryId, 'buy-in', wallet, pool, tournament.buyIn, 'TOURNAMENT_BUY_IN', userId),
        move(entryId, 'fee', wallet, house, tournament.fee, 'TOURNAMENT_FEE', userId),
      ],
      writes: (p) => [
        `new_entry AS (INSERT INTO tournament_entries (id, tournament_id, user_id, entry_number, status, buy_in, fee, fee_shard)
           SELECT ${p.add(entryId, 'bigint')}, ${p.add(tournamentId, 'uuid')}, ${p.add(userId, 'uuid')},
             ${p.add(entryNumber, 'int')}, ${p.add(status, 'text')}::"TournamentEntryStatus",
             ${p.add(tournament.buyIn.toFixed(), 'numeric')}, ${p.add(tournament.fee.toFixed(), 'numeric')},
             ${p.add(shard, 'int')}
           WHERE ${WON})`,
      ],
    });
    return { value: decodeRegistration(posted.result!), replayed: false };
  });
}

/** Takes back a registration before the start: the buy-in and the fee return to the wallet, exactly. */
export async function unregisterFromTournament(
  ledger: LedgerContext,
  request: TournamentRegistrationRequest,
): Promise<LedgerResult<TournamentRefund>> {
  const { tournamentId, userId, idempotencyKey } = request;
  const key = `tournament-unregister:${idempotencyKey}`;
  const hash = requestHash('unregisterFromTournament', { tournamentId, userId });
  return run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, (p) => {
      const user = p.add(userId, 'uuid');
      const tournament = p.add(tournamentId, 'uuid');
      return `user_id = ${user} OR tournament_id = ${tournament} OR (kind = 'HOUSE' AND shard IN (
        SELECT fee_shard FROM tournament_entries WHERE tournament_id = ${tournament} AND user_id = ${user}
          AND status = 'REGISTERED'))`;
    });
    const reads = await readTournament(tx, {
      tournamentId,
      entries: (p) => `user_id = ${p.add(userId, 'uuid')} AND status = 'REGISTERED'`,
      idempotencyKey: key,
    });
    const replay = replayOf(reads, hash, decodeRefund);
    if (replay) return replay;
    const tournament = knownTournament(locks);
    if (tournament.status !== 'REGISTERING') {
      refuse('ledger/tournament-registration-closed', 'a registration is taken back only before the start');
    }
    const entry =
      reads.entries[0] ?? refuse('ledger/tournament-not-registered', 'this player is not registered');
    const wallet = walletOf(locks, userId);
    const refund = entry.buyIn.plus(entry.fee);
    const posted = await postTournament(tx, {
      tournamentId,
      record: {
        key,
        operation: 'unregisterFromTournament',
        result: {
          entryId: entry.id,
          entryNumber: entry.entryNumber,
          buyIn: entry.buyIn.toFixed(),
          fee: entry.fee.toFixed(),
          walletBalance: wallet.balance.plus(refund).toFixed(),
        },
      },
      requestHash: hash,
      moves: refundMoves(locks, entry),
      writes: (p) => [
        `entry_update AS (UPDATE tournament_entries SET status = 'UNREGISTERED', ended_at = now()
           WHERE id = ${p.add(entry.id, 'bigint')} AND ${WON})`,
      ],
    });
    return { value: decodeRefund(posted.result!), replayed: false };
  });
}

/**
 * Cancels a tournament that has not started: every entry is refunded its buy-in and fee, exactly
 * once, and the tournament ends CANCELLED.
 *
 * Entry by entry (in batches), not all in one transaction: a multi-table tournament may hold
 * thousands of entries, and one transaction would lock as many wallets for as long as it takes,
 * beyond the transaction timeout. Instead the tournament is first marked CANCELLING (no more
 * registrations or unregistrations), then each batch refunds the entries still REGISTERED and marks
 * them REFUNDED in one transaction, and the last step marks the tournament CANCELLED once none
 * remains and its pool is at zero. A crash between batches leaves a CANCELLING tournament whose
 * refunded entries are marked: calling again carries on where it stopped. Twice at once is also
 * safe: a batch decides under the tournament's lock, on the entries' status as committed, and each
 * refund's transfer key names its entry, so the database refuses a second one anyway.
 */
export async function cancelTournament(
  ledger: LedgerContext,
  request: TournamentCancellationRequest,
): Promise<LedgerResult<TournamentCancellation>> {
  const { tournamentId } = request;
  const batchProblem = cancelBatchProblem(request);
  if (batchProblem) return ledgerError('ledger/invalid-request', batchProblem);
  const begun = await run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, null);
    const tournament = knownTournament(locks);
    if (tournament.status === 'CANCELLED') return { value: 'CANCELLED' as const, replayed: true };
    if (tournament.status === 'RUNNING') {
      refuse('ledger/tournament-wrong-status', 'a running tournament is cancelled by its director');
    }
    if (tournament.status !== 'REGISTERING' && tournament.status !== 'CANCELLING') {
      refuse('ledger/tournament-wrong-status', `the tournament is ${tournament.status}`);
    }
    if (tournament.status === 'REGISTERING') {
      await tx.query(`UPDATE tournaments SET status = 'CANCELLING' WHERE id = $1::uuid`, [tournamentId]);
    }
    return { value: 'CANCELLING' as const, replayed: false };
  });
  if (!begun.ok) return begun;
  if (begun.value === 'CANCELLED')
    return { ok: true, value: { status: 'CANCELLED', refunded: 0, sharesPaid: 0 }, replayed: true };
  return carryOnCancellation(ledger, request);
}

/**
 * Cancels a RUNNING tournament, an admin's decision carried out by its director: play has stopped
 * (a hand in play is void), prizes already paid stand, and what the prize pool still holds goes to
 * the players still in, each the share the director computed from the chips (`shares`: every entry
 * PLAYING here, adding up to the pool exactly). Fees are not refunded.
 *
 * The decision is one transaction, fenced by the director's epoch: every share is recorded on its
 * entry (`cancel_share`) and the tournament marked CANCELLING together. Then, as a cancellation
 * before the start refunds its entries, batches pay the recorded shares (one transaction each:
 * TOURNAMENT_CANCEL_SHARE transfers from the pool, keyed by the entry, the entry marked CANCELLED)
 * and the last step marks the tournament CANCELLED once none is left and the pool is at zero. A
 * crash in between leaves it CANCELLING with its shares recorded: cancelTournament (called again,
 * or at a restart) pays what is left, needing no director; each share is paid once (the entry's
 * status under the tournament's lock, and the transfer's key).
 */
export async function cancelRunningTournament(
  ledger: LedgerContext,
  request: RunningCancellationRequest,
): Promise<LedgerResult<TournamentCancellation>> {
  const { tournamentId, shares } = request;
  const problem =
    cancelBatchProblem(request) ??
    (shares.length > CANCEL_SHARES_MAX ? `at most ${CANCEL_SHARES_MAX} players share a pool` : undefined) ??
    entryIdsProblem(shares.map((share) => share.entryId)) ??
    (shares.every((share) => isNonNegativeAmount(share.amount))
      ? undefined
      : 'each cancel share is an amount of zero or more');
  if (problem) return ledgerError('ledger/invalid-request', problem);
  const decided = await run(ledger, async (tx) => {
    const locks = await lock(
      ledger,
      tx,
      tournamentId,
      (p) => `tournament_id = ${p.add(tournamentId, 'uuid')}`,
    );
    const tournament = directed(locks, request.directorEpoch);
    // Decided already (a repeat, or a run that stopped before paying everything): carry on.
    if (tournament.status === 'CANCELLING' || tournament.status === 'CANCELLED')
      return { value: tournament.status, replayed: true };
    if (tournament.status !== 'RUNNING')
      refuse('ledger/tournament-wrong-status', `the tournament is ${tournament.status}`);
    const reads = await readTournament(tx, {
      tournamentId,
      entries: () => `status = 'PLAYING'`,
      idempotencyKey: null,
    });
    const listed = new Set(shares.map((share) => share.entryId));
    if (listed.size !== reads.entries.length || reads.entries.some((entry) => !listed.has(entry.id))) {
      refuse('ledger/tournament-prize-conflict', 'the shares name exactly the entries still in play');
    }
    if (!shares.every((share) => isMultipleOf(share.amount, tournament.chipUnit))) invalidUnit(tournament);
    const pool = prizePoolOf(locks).balance;
    const total = shares.reduce((sum, share) => sum.plus(share.amount), new Money(0));
    if (!total.equals(pool)) {
      refuse(
        'ledger/tournament-pool-short',
        `the shares add up to ${total.toFixed()}, the prize pool holds ${pool.toFixed()}`,
      );
    }
    const p = new SqlParams();
    const id = p.add(tournamentId, 'uuid');
    const recorded = p.add(
      JSON.stringify(shares.map((share) => ({ id: share.entryId, amount: share.amount.toFixed() }))),
      'jsonb',
    );
    await tx.query(
      `WITH entries_update AS (UPDATE tournament_entries e SET cancel_share = x.amount
           FROM jsonb_to_recordset(${recorded}) AS x(id bigint, amount numeric)
           WHERE e.id = x.id AND e.tournament_id = ${id} AND e.status = 'PLAYING')
       UPDATE tournaments SET status = 'CANCELLING' WHERE id = ${id}`,
      p.values,
    );
    return { value: 'CANCELLING' as const, replayed: false };
  });
  if (!decided.ok) return decided;
  if (decided.value === 'CANCELLED')
    return { ok: true, value: { status: 'CANCELLED', refunded: 0, sharesPaid: 0 }, replayed: true };
  const carried = await carryOnCancellation(ledger, request);
  return carried.ok ? { ...carried, replayed: decided.replayed } : carried;
}

function cancelBatchProblem(request: TournamentCancellationRequest): string | undefined {
  const batchSize = request.batchSize ?? CANCEL_BATCH_DEFAULT;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > CANCEL_BATCH_MAX) {
    return `a batch holds 1 to ${CANCEL_BATCH_MAX} entries`;
  }
  return undefined;
}

/** A CANCELLING tournament's refunds, then its cancel shares, batch by batch, then its close. */
async function carryOnCancellation(
  ledger: LedgerContext,
  request: TournamentCancellationRequest,
): Promise<LedgerResult<TournamentCancellation>> {
  const { tournamentId } = request;
  const batchSize = request.batchSize ?? CANCEL_BATCH_DEFAULT;
  const maxBatches = request.maxBatches ?? Number.POSITIVE_INFINITY;
  let refunded = 0;
  let sharesPaid = 0;
  let batch = 0;
  for (; batch < maxBatches; batch++) {
    const refundedNow = await refundBatch(ledger, tournamentId, batchSize);
    if (!refundedNow.ok) return refundedNow;
    if (refundedNow.value === null) break;
    refunded += refundedNow.value;
  }
  for (; batch < maxBatches; batch++) {
    const paidNow = await cancelShareBatch(ledger, tournamentId, batchSize);
    if (!paidNow.ok) return paidNow;
    if (paidNow.value === null) return closeCancellation(ledger, tournamentId, refunded, sharesPaid);
    sharesPaid += paidNow.value;
  }
  return { ok: true, value: { status: 'CANCELLING', refunded, sharesPaid }, replayed: false };
}

/**
 * One batch of a running tournament's cancel shares: entries still PLAYING with a share recorded
 * get it from the pool and are marked CANCELLED. Null when none is left.
 */
async function cancelShareBatch(
  ledger: LedgerContext,
  tournamentId: string,
  batchSize: number,
): Promise<LedgerResult<number | null>> {
  // The candidates, read before the locks (their wallets are what we lock); each is paid only if
  // it is still PLAYING once the tournament's lock is held.
  const candidates = await run(ledger, async (tx) => ({
    value: await tx.query<{ id: string; user_id: string }>(
      `SELECT id::text, user_id::text FROM tournament_entries
        WHERE tournament_id = $1::uuid AND status = 'PLAYING' AND cancel_share IS NOT NULL
        ORDER BY id LIMIT $2::int`,
      [tournamentId, String(batchSize)],
    ),
    replayed: false,
  }));
  if (!candidates.ok) return candidates;
  if (candidates.value.length === 0) return { ok: true, value: null, replayed: false };
  const ids = `{${candidates.value.map((row) => row.id).join(',')}}`;
  const users = `{${candidates.value.map((row) => row.user_id).join(',')}}`;
  return run(ledger, async (tx) => {
    const locks = await lock(
      ledger,
      tx,
      tournamentId,
      (p) =>
        `tournament_id = ${p.add(tournamentId, 'uuid')} OR (kind = 'WALLET' AND user_id = ANY(${p.add(users, 'uuid[]')}))`,
    );
    const tournament = knownTournament(locks);
    if (tournament.status !== 'CANCELLING') {
      refuse('ledger/tournament-wrong-status', `the tournament is ${tournament.status}, not being cancelled`);
    }
    const reads = await readTournament(tx, {
      tournamentId,
      entries: (p) =>
        `id = ANY(${p.add(ids, 'bigint[]')}) AND status = 'PLAYING' AND cancel_share IS NOT NULL`,
      idempotencyKey: null,
    });
    if (reads.entries.length === 0) return { value: 0, replayed: false };
    const pool = prizePoolOf(locks);
    await postTournament(tx, {
      tournamentId,
      record: null,
      requestHash: requestHash('cancelRunningTournament', { tournamentId }),
      moves: reads.entries.map((entry) =>
        move(
          entry.id,
          'cancel-share',
          pool,
          walletOf(locks, entry.userId),
          entry.cancelShare!,
          'TOURNAMENT_CANCEL_SHARE',
          entry.userId,
        ),
      ),
      writes: (p) => [
        `entry_update AS (UPDATE tournament_entries SET status = 'CANCELLED', ended_at = now()
           WHERE id = ANY(${p.add(`{${reads.entries.map((entry) => entry.id).join(',')}}`, 'bigint[]')}) AND ${WON})`,
      ],
    });
    return { value: reads.entries.length, replayed: false };
  });
}

/** One batch of a cancellation's refunds; null when no entry is left to refund. */
async function refundBatch(
  ledger: LedgerContext,
  tournamentId: string,
  batchSize: number,
): Promise<LedgerResult<number | null>> {
  // The candidates, read before the locks (their wallets and fee shards are what we lock); each
  // is refunded only if it is still REGISTERED once the tournament's lock is held.
  const candidates = await run(ledger, async (tx) => ({
    value: await tx.query<{ id: string; user_id: string; fee_shard: number }>(
      `SELECT id::text, user_id::text, fee_shard FROM tournament_entries
        WHERE tournament_id = $1::uuid AND status = 'REGISTERED' ORDER BY id LIMIT $2::int`,
      [tournamentId, String(batchSize)],
    ),
    replayed: false,
  }));
  if (!candidates.ok) return candidates;
  if (candidates.value.length === 0) return { ok: true, value: null, replayed: false };
  const ids = `{${candidates.value.map((row) => row.id).join(',')}}`;
  const users = `{${candidates.value.map((row) => row.user_id).join(',')}}`;
  const shards = `{${[...new Set(candidates.value.map((row) => row.fee_shard))].join(',')}}`;
  return run(ledger, async (tx) => {
    const locks = await lock(
      ledger,
      tx,
      tournamentId,
      (p) =>
        `tournament_id = ${p.add(tournamentId, 'uuid')} OR (kind = 'WALLET' AND user_id = ANY(${p.add(users, 'uuid[]')}))
          OR (kind = 'HOUSE' AND shard = ANY(${p.add(shards, 'int[]')}))`,
    );
    const tournament = knownTournament(locks);
    if (tournament.status !== 'CANCELLING') {
      refuse('ledger/tournament-wrong-status', `the tournament is ${tournament.status}, not being cancelled`);
    }
    const reads = await readTournament(tx, {
      tournamentId,
      entries: (p) => `id = ANY(${p.add(ids, 'bigint[]')}) AND status = 'REGISTERED'`,
      idempotencyKey: null,
    });
    if (reads.entries.length === 0) return { value: 0, replayed: false };
    await postTournament(tx, {
      tournamentId,
      record: null,
      requestHash: requestHash('cancelTournament', { tournamentId }),
      moves: reads.entries.flatMap((entry) => refundMoves(locks, entry)),
      writes: (p) => [
        `entry_update AS (UPDATE tournament_entries SET status = 'REFUNDED', ended_at = now()
           WHERE id = ANY(${p.add(`{${reads.entries.map((entry) => entry.id).join(',')}}`, 'bigint[]')}) AND ${WON})`,
      ],
    });
    return { value: reads.entries.length, replayed: false };
  });
}

/** The last step of a cancellation: CANCELLED once no entry is left to refund and the pool is empty. */
async function closeCancellation(
  ledger: LedgerContext,
  tournamentId: string,
  refunded: number,
  sharesPaid: number,
): Promise<LedgerResult<TournamentCancellation>> {
  return run<TournamentCancellation>(ledger, async (tx) => {
    const locks = await lock(
      ledger,
      tx,
      tournamentId,
      (p) => `tournament_id = ${p.add(tournamentId, 'uuid')}`,
    );
    const tournament = knownTournament(locks);
    if (tournament.status === 'CANCELLED')
      return { value: { status: 'CANCELLED', refunded, sharesPaid }, replayed: false };
    const reads = await readTournament(tx, { tournamentId, entries: null, idempotencyKey: null });
    // A twin call's batch may still be refunding: this call ends here, and the twin (or the next
    // call) closes the cancellation.
    if (reads.liveEntries > 0)
      return { value: { status: 'CANCELLING', refunded, sharesPaid }, replayed: false };
    if (!prizePoolOf(locks).balance.isZero()) {
      refuse('ledger/tournament-pool-not-empty', 'the prize pool is not empty after every refund');
    }
    await tx.query(`UPDATE tournaments SET status = 'CANCELLED', ended_at = now() WHERE id = $1::uuid`, [
      tournamentId,
    ]);
    return { value: { status: 'CANCELLED', refunded, sharesPaid }, replayed: false };
  });
}

/**
 * Starts a tournament: RUNNING, its entries PLAYING. Without late registration, registration closes
 * now and the house pays the overlay in the same transaction; with it, the overlay waits for
 * payTournamentOverlay at the end of late registration. Idempotent by tournament.
 */
export async function startTournament(
  ledger: LedgerContext,
  request: { readonly tournamentId: string } & Fenced,
): Promise<LedgerResult<TournamentStart>> {
  const { tournamentId } = request;
  const key = `tournament-start:${tournamentId}`;
  const hash = requestHash('startTournament', { tournamentId });
  const shard = overlayShardOf(ledger, tournamentId);
  return run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, (p) => overlayAccounts(p, tournamentId, shard));
    const reads = await readTournament(tx, { tournamentId, entries: null, idempotencyKey: key });
    const replay = replayOf(reads, hash, decodeStart);
    if (replay) return replay;
    const tournament = directed(locks, request.directorEpoch);
    if (tournament.status !== 'REGISTERING') {
      refuse('ledger/tournament-wrong-status', `the tournament is ${tournament.status}`);
    }
    if (reads.liveEntries < tournament.minEntrants) {
      refuse('ledger/tournament-too-few-entrants', `it needs ${tournament.minEntrants} entrants to start`);
    }
    const pool = prizePoolOf(locks);
    const closes = tournament.lateRegistrationLevel === null;
    const overlay = closes ? overlayOf(tournament, pool) : null;
    const posted = await postTournament(tx, {
      tournamentId,
      record: {
        key,
        operation: 'startTournament',
        result: {
          entrants: reads.liveEntries,
          prizePool: pool.balance.plus(overlay ?? 0).toFixed(),
          overlay: overlay?.toFixed() ?? null,
        },
      },
      requestHash: hash,
      moves: overlay ? [overlayMove(locks, tournamentId, shard, overlay)] : [],
      writes: (p) => {
        const id = p.add(tournamentId, 'uuid');
        return [
          `tournament_update AS (UPDATE tournaments SET status = 'RUNNING', started_at = now(),
             registration_closed_at = ${closes ? 'now()' : 'NULL'}, overlay = ${p.add(overlay?.toFixed() ?? null, 'numeric')}
             WHERE id = ${id} AND ${WON})`,
          `entries_update AS (UPDATE tournament_entries SET status = 'PLAYING'
             WHERE tournament_id = ${id} AND status = 'REGISTERED' AND ${WON})`,
        ];
      },
    });
    return { value: decodeStart(posted.result!), replayed: false };
  });
}

/**
 * Closes (late) registration and pays the overlay: what the prize pool falls short of the
 * guarantee, from the house, as one TOURNAMENT_OVERLAY transfer (none when nothing is short). Once
 * per tournament: the tournament's `overlay` column is set in the same transaction, a repeat returns
 * it, and a unique index allows one overlay transfer per tournament.
 */
export async function payTournamentOverlay(
  ledger: LedgerContext,
  request: { readonly tournamentId: string } & Fenced,
): Promise<LedgerResult<TournamentOverlay>> {
  const { tournamentId } = request;
  const shard = overlayShardOf(ledger, tournamentId);
  return run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, (p) => overlayAccounts(p, tournamentId, shard));
    const tournament = directed(locks, request.directorEpoch);
    const pool = prizePoolOf(locks);
    if (tournament.overlay !== null) {
      return { value: { overlay: tournament.overlay, prizePool: pool.balance }, replayed: true };
    }
    if (tournament.status !== 'RUNNING') {
      refuse('ledger/tournament-wrong-status', 'the overlay is paid once the tournament runs');
    }
    const overlay = overlayOf(tournament, pool);
    await postTournament(tx, {
      tournamentId,
      record: null,
      requestHash: requestHash('payTournamentOverlay', { tournamentId }),
      moves: [overlayMove(locks, tournamentId, shard, overlay)],
      writes: (p) => [
        `tournament_update AS (UPDATE tournaments SET overlay = ${p.add(overlay.toFixed(), 'numeric')},
           registration_closed_at = COALESCE(registration_closed_at, now())
           WHERE id = ${p.add(tournamentId, 'uuid')} AND overlay IS NULL AND ${WON})`,
      ],
    });
    return { value: { overlay, prizePool: pool.balance.plus(overlay) }, replayed: false };
  });
}

/**
 * Records finishing places and pays their prizes from the prize pool to the wallets, all or none.
 * Each entry finishes once: an entry that already finished with the same place, prize and outcome
 * is a no-op (its first payment stands), with other figures a refusal. The prizes paid never
 * exceed what the pool holds.
 */
export async function payTournamentPrizes(
  ledger: LedgerContext,
  request: TournamentPrizesRequest,
): Promise<LedgerResult<TournamentPrizesResult>> {
  const { tournamentId, prizes } = request;
  const problem =
    payoutListProblem(prizes.map((prize) => prize.entryId)) ??
    (prizes.every(
      (prize) =>
        Number.isSafeInteger(prize.place) &&
        prize.place >= 1 &&
        isNonNegativeAmount(prize.amount) &&
        (prize.outcome === 'eliminated' || prize.outcome === 'finished'),
    )
      ? undefined
      : 'a prize has a place from 1, an amount of zero or more, and an outcome');
  if (problem) return ledgerError('ledger/invalid-request', problem);
  const key = `tournament-prizes:${request.idempotencyKey}`;
  const hash = requestHash('payTournamentPrizes', {
    tournamentId,
    prizes: [...prizes]
      .sort((a, b) => Number(BigInt(a.entryId) - BigInt(b.entryId)))
      .map((prize) => ({
        entryId: prize.entryId,
        place: prize.place,
        amount: prize.amount.toFixed(),
        outcome: prize.outcome,
      })),
  });
  const ids = prizes.map((prize) => prize.entryId);
  return run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, (p) => payeeAccounts(p, tournamentId, ids));
    const reads = await readTournament(tx, {
      tournamentId,
      entries: (p) => `id = ANY(${p.add(`{${ids.join(',')}}`, 'bigint[]')})`,
      idempotencyKey: key,
    });
    const replay = replayOf(reads, hash, decodePrizes);
    if (replay) return replay;
    const tournament = directed(locks, request.directorEpoch);
    const paid: PaidPrize[] = prizes.map((prize) => {
      const entry = entryOf(reads, prize.entryId);
      const status = prize.outcome === 'eliminated' ? 'ELIMINATED' : 'FINISHED';
      if (entry.status === 'ELIMINATED' || entry.status === 'FINISHED') {
        const same =
          entry.status === status &&
          entry.finishingPlace === prize.place &&
          entry.prize?.equals(prize.amount);
        if (!same) refuse('ledger/tournament-prize-conflict', `entry ${entry.id} already finished otherwise`);
        return { ...prize, alreadyPaid: true };
      }
      if (entry.status !== 'PLAYING')
        refuse('ledger/tournament-prize-conflict', `entry ${entry.id} is not playing`);
      if (!isMultipleOf(prize.amount, tournament.chipUnit)) invalidUnit(tournament);
      return { ...prize, alreadyPaid: false };
    });
    const fresh = paid.filter((prize) => !prize.alreadyPaid);
    const pool = prizePoolOf(locks);
    if (fresh.length === 0) {
      return { value: { prizes: paid, prizePool: pool.balance }, replayed: true };
    }
    if (tournament.status !== 'RUNNING')
      refuse('ledger/tournament-wrong-status', `it is ${tournament.status}`);
    const total = fresh.reduce((sum, prize) => sum.plus(prize.amount), new Money(0));
    checkPayable(tournament, pool, total);
    const posted = await postTournament(tx, {
      tournamentId,
      record: {
        key,
        operation: 'payTournamentPrizes',
        result: {
          prizes: paid.map((prize) => ({ ...prize, amount: prize.amount.toFixed() })),
          prizePool: pool.balance.minus(total).toFixed(),
        },
      },
      requestHash: hash,
      moves: fresh.map((prize) => {
        const entry = entryOf(reads, prize.entryId);
        return move(
          entry.id,
          'prize',
          pool,
          walletOf(locks, entry.userId),
          prize.amount,
          'TOURNAMENT_PRIZE',
          entry.userId,
        );
      }),
      writes: (p) => [
        `entries_update AS (UPDATE tournament_entries e SET status = x.status::"TournamentEntryStatus",
             finishing_place = x.place, prize = x.amount, ended_at = now()
           FROM jsonb_to_recordset(${p.add(
             JSON.stringify(
               fresh.map((prize) => ({
                 id: prize.entryId,
                 place: prize.place,
                 amount: prize.amount.toFixed(),
                 status: prize.outcome === 'eliminated' ? 'ELIMINATED' : 'FINISHED',
               })),
             ),
             'jsonb',
           )}) AS x(id bigint, place int, amount numeric, status text)
           WHERE e.id = x.id AND e.tournament_id = ${p.add(tournamentId, 'uuid')} AND ${WON})`,
      ],
    });
    return { value: decodePrizes(posted.result!), replayed: false };
  });
}

/**
 * Pays a deal agreed at the final table: each remaining entry's share, from the prize pool to its
 * wallet, all or none, one deal share per entry. What the shares leave in the pool is still played
 * for (and paid later as prizes, with payTournamentPrizes); a deal of the whole pool is followed by
 * the places with zero prizes.
 */
export async function payTournamentDeal(
  ledger: LedgerContext,
  request: TournamentDealRequest,
): Promise<LedgerResult<TournamentDealResult>> {
  const { tournamentId, shares } = request;
  const problem =
    payoutListProblem(shares.map((share) => share.entryId)) ??
    (shares.every((share) => isTransferAmount(share.amount))
      ? undefined
      : 'each deal share is a positive amount');
  if (problem) return ledgerError('ledger/invalid-request', problem);
  const key = `tournament-deal:${request.idempotencyKey}`;
  const hash = requestHash('payTournamentDeal', {
    tournamentId,
    shares: [...shares]
      .sort((a, b) => Number(BigInt(a.entryId) - BigInt(b.entryId)))
      .map((share) => ({ entryId: share.entryId, amount: share.amount.toFixed() })),
  });
  const ids = shares.map((share) => share.entryId);
  return run(ledger, async (tx) => {
    const locks = await lock(ledger, tx, tournamentId, (p) => payeeAccounts(p, tournamentId, ids));
    const reads = await readTournament(tx, {
      tournamentId,
      entries: (p) => `id = ANY(${p.add(`{${ids.join(',')}}`, 'bigint[]')})`,
      idempotencyKey: key,
    });
    const replay = replayOf(reads, hash, decodeDeal);
    if (replay) return replay;
    const tournament = directed(locks, request.directorEpoch);
    if (tournament.status !== 'RUNNING')
      refuse('ledger/tournament-wrong-status', 'deals are made while it runs');
    for (const share of shares) {
      const entry = entryOf(reads, share.entryId);
      if (entry.status !== 'PLAYING' || entry.dealAmount !== null) {
        refuse(
          'ledger/tournament-prize-conflict',
          `entry ${entry.id} is not playing, or already took a deal`,
        );
      }
      if (!isMultipleOf(share.amount, tournament.chipUnit)) invalidUnit(tournament);
    }
    const pool = prizePoolOf(locks);
    const total = shares.reduce((sum, share) => sum.plus(share.amount), new Money(0));
    checkPayable(tournament, pool, total);
    const posted = await postTournament(tx, {
      tournamentId,
      record: {
        key,
        operation: 'payTournamentDeal',
        result: {
          shares: shares.map((share) => ({ entryId: share.entryId, amount: share.amount.toFixed() })),
          prizePool: pool.balance.minus(total).toFixed(),
        },
      },
      requestHash: hash,
      moves: shares.map((share) => {
        const entry = entryOf(reads, share.entryId);
        return move(
          entry.id,
          'deal',
          pool,
          walletOf(locks, entry.userId),
          share.amount,
          'TOURNAMENT_DEAL',
          entry.userId,
        );
      }),
      writes: (p) => [
        `entries_update AS (UPDATE tournament_entries e SET deal_amount = x.amount
           FROM jsonb_to_recordset(${p.add(
             JSON.stringify(shares.map((share) => ({ id: share.entryId, amount: share.amount.toFixed() }))),
             'jsonb',
           )}) AS x(id bigint, amount numeric)
           WHERE e.id = x.id AND e.tournament_id = ${p.add(tournamentId, 'uuid')} AND ${WON})`,
      ],
    });
    return { value: decodeDeal(posted.result!), replayed: false };
  });
}

/** Ends a running tournament: refused unless every entry has its place and the prize pool is at zero. */
export async function finishTournament(
  ledger: LedgerContext,
  request: { readonly tournamentId: string } & Fenced,
): Promise<LedgerResult<{ tournamentId: string }>> {
  const { tournamentId } = request;
  return run(ledger, async (tx) => {
    const locks = await lock(
      ledger,
      tx,
      tournamentId,
      (p) => `tournament_id = ${p.add(tournamentId, 'uuid')}`,
    );
    const tournament = directed(locks, request.directorEpoch);
    if (tournament.status === 'FINISHED') return { value: { tournamentId }, replayed: true };
    if (tournament.status !== 'RUNNING')
      refuse('ledger/tournament-wrong-status', `it is ${tournament.status}`);
    if (tournament.overlay === null) {
      refuse('ledger/tournament-registration-open', 'registration closes (and the overlay is settled) first');
    }
    const reads = await readTournament(tx, { tournamentId, entries: null, idempotencyKey: null });
    if (reads.liveEntries > 0) {
      refuse('ledger/tournament-entries-in-play', `${reads.liveEntries} entries have no finishing place yet`);
    }
    const pool = prizePoolOf(locks);
    if (!pool.balance.isZero()) {
      refuse('ledger/tournament-pool-not-empty', `the prize pool still holds ${pool.balance.toFixed()}`);
    }
    await tx.query(`UPDATE tournaments SET status = 'FINISHED', ended_at = now() WHERE id = $1::uuid`, [
      tournamentId,
    ]);
    return { value: { tournamentId }, replayed: false };
  });
}

// ---- shared by the operations ----------------------------------------------------------------

function lock(
  ledger: LedgerContext,
  tx: SqlExecutor,
  tournamentId: string,
  accounts: ((params: SqlParams) => string) | null,
): Promise<TournamentLocks> {
  return lockTournament(tx, { lockTimeoutMs: ledger.settings.lockTimeoutMs, tournamentId, accounts });
}

function knownTournament(locks: TournamentLocks): LockedTournament {
  return locks.tournament ?? refuse('ledger/unknown-tournament', 'no such tournament');
}

/** The tournament, for an operation of its director: fenced by the director's epoch when given. */
function directed(locks: TournamentLocks, directorEpoch: bigint | undefined): LockedTournament {
  const tournament = knownTournament(locks);
  if (directorEpoch !== undefined && directorEpoch !== tournament.directorEpoch) {
    refuse('ledger/stale-epoch', `the tournament is directed at epoch ${tournament.directorEpoch}`);
  }
  return tournament;
}

function registrationOpen(tournament: LockedTournament): boolean {
  if (tournament.status === 'REGISTERING') return true;
  return (
    tournament.status === 'RUNNING' &&
    tournament.lateRegistrationLevel !== null &&
    !tournament.registrationClosed
  );
}

function isLive(status: TournamentEntryStatus): boolean {
  return status === 'REGISTERED' || status === 'PLAYING';
}

function isRefunded(status: TournamentEntryStatus): boolean {
  return status === 'UNREGISTERED' || status === 'REFUNDED';
}

function walletOf(locks: TournamentLocks, userId: string): LockedAccount {
  const wallet = locks.accounts.find((account) => account.kind === 'WALLET' && account.userId === userId);
  return wallet ?? refuse('ledger/unknown-account', 'this user has no wallet');
}

function prizePoolOf(locks: TournamentLocks): LockedAccount {
  const pool = locks.accounts.find((account) => account.kind === 'PRIZE_POOL');
  // Created with the tournament, in the same statement: missing means a broken database.
  if (!pool) throw new Error('the tournament has no prize-pool account');
  return pool;
}

function houseOf(locks: TournamentLocks, shard: number): LockedAccount | undefined {
  return locks.accounts.find((account) => account.kind === 'HOUSE' && account.shard === shard);
}

function missingShard(shard: number): never {
  throw new Error(`the HOUSE shard account ${shard} is missing`);
}

function entryOf(reads: TournamentReads, entryId: string): TournamentEntryRow {
  const entry = reads.entries.find((row) => row.id === entryId);
  return entry ?? refuse('ledger/unknown-entry', `no entry ${entryId} in this tournament`);
}

/** A transfer of an entry's, keyed by the entry and what it is: the database allows one of each. */
function move(
  entryId: string,
  what: 'buy-in' | 'fee' | 'refund' | 'fee-refund' | 'prize' | 'deal' | 'cancel-share',
  debit: LockedAccount,
  credit: LockedAccount,
  amount: Money,
  kind: TournamentMove['kind'],
  userId: string,
): TournamentMove {
  return {
    key: `tournament-entry:${entryId}:${what}`,
    debitAccountId: debit.id,
    creditAccountId: credit.id,
    amount,
    kind,
    userId,
    entryId,
  };
}

/** An entry's buy-in back from the pool, and its fee back from the house shard that took it. */
function refundMoves(locks: TournamentLocks, entry: TournamentEntryRow): TournamentMove[] {
  const wallet = walletOf(locks, entry.userId);
  // The entry was committed after the locking statement's snapshot (which chose the shard to lock):
  // run the transaction again, which now sees it and locks the shard in order.
  const house = houseOf(locks, entry.feeShard);
  if (!house) throw new IdempotencyRace(`tournament-entry:${entry.id}:fee-refund`);
  return [
    move(entry.id, 'refund', prizePoolOf(locks), wallet, entry.buyIn, 'TOURNAMENT_REFUND', entry.userId),
    move(entry.id, 'fee-refund', house, wallet, entry.fee, 'TOURNAMENT_FEE_REFUND', entry.userId),
  ];
}

/** The house shard that pays a tournament's overlay. */
function overlayShardOf(ledger: LedgerContext, tournamentId: string): number {
  return shardOf(tournamentId, ledger.settings.shardCount);
}

function overlayAccounts(p: SqlParams, tournamentId: string, shard: number): string {
  return `tournament_id = ${p.add(tournamentId, 'uuid')} OR (kind = 'HOUSE' AND shard = ${p.add(shard, 'int')})`;
}

/** What the pool falls short of the guarantee (zero when the buy-ins cover it). */
function overlayOf(tournament: LockedTournament, pool: LockedAccount): Money {
  const short = tournament.guarantee.minus(pool.balance);
  return short.greaterThan(0) ? short : new Money(0);
}

function overlayMove(
  locks: TournamentLocks,
  tournamentId: string,
  shard: number,
  overlay: Money,
): TournamentMove {
  return {
    key: `tournament:${tournamentId}:overlay`,
    debitAccountId: (houseOf(locks, shard) ?? missingShard(shard)).id,
    creditAccountId: prizePoolOf(locks).id,
    amount: overlay,
    kind: 'TOURNAMENT_OVERLAY',
    userId: null,
    entryId: null,
  };
}

/** The pool and the wallets of the entries named (an entry's user never changes). */
function payeeAccounts(p: SqlParams, tournamentId: string, entryIds: readonly string[]): string {
  const tournament = p.add(tournamentId, 'uuid');
  return `tournament_id = ${tournament} OR (kind = 'WALLET' AND user_id IN (
    SELECT user_id FROM tournament_entries
    WHERE tournament_id = ${tournament} AND id = ANY(${p.add(`{${entryIds.join(',')}}`, 'bigint[]')})))`;
}

/** Payouts come from the final pool (registration closed), and never exceed what it holds. */
function checkPayable(tournament: LockedTournament, pool: LockedAccount, total: Money): void {
  if (!total.isZero() && tournament.overlay === null) {
    refuse('ledger/tournament-registration-open', 'prizes are paid once registration has closed');
  }
  if (total.greaterThan(pool.balance)) {
    refuse(
      'ledger/tournament-pool-short',
      `the prize pool holds ${pool.balance.toFixed()}, not ${total.toFixed()}`,
    );
  }
}

function invalidUnit(tournament: LockedTournament): never {
  refuse(
    'ledger/invalid-amount',
    `amounts of this tournament are multiples of ${tournament.chipUnit.toFixed()}`,
  );
}

function payoutListProblem(entryIds: readonly string[]): string | undefined {
  if (entryIds.length < 1 || entryIds.length > PAYOUTS_PER_CALL_MAX) {
    return `a call pays 1 to ${PAYOUTS_PER_CALL_MAX} entries`;
  }
  return entryIdsProblem(entryIds);
}

function entryIdsProblem(entryIds: readonly string[]): string | undefined {
  if (!entryIds.every((id) => /^[1-9][0-9]{0,17}$/.test(id))) return 'an entry id is a positive whole number';
  if (new Set(entryIds).size !== entryIds.length) return 'an entry is listed twice';
  return undefined;
}

function tournamentConfigProblem(config: NewTournament): string | undefined {
  const guarantee = config.guarantee ?? new Money(0);
  if (config.name.trim().length === 0 || config.name.length > 64)
    return 'a tournament name has 1 to 64 characters';
  if (config.kind !== 'SNG' && config.kind !== 'MTT') return 'a tournament is a SNG or an MTT';
  if (config.variant !== undefined && config.variant !== 'NT' && config.variant !== 'PO') {
    return "the game is NT (No-Limit Hold'em) or PO (Pot-Limit Omaha)";
  }
  if (!isTransferAmount(config.chipUnit)) return 'the chip unit is a positive amount';
  const amounts = [config.buyIn, config.fee, guarantee];
  if (!amounts.every(isNonNegativeAmount)) return 'the buy-in, fee and guarantee are amounts of zero or more';
  if (!amounts.every((amount) => isMultipleOf(amount, config.chipUnit))) {
    return 'the buy-in, fee and guarantee are multiples of the chip unit';
  }
  if (!fitsColumn(config.buyIn.plus(config.fee))) return 'the buy-in and fee are too large';
  const whole = (value: unknown, min: number, max: number) =>
    Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
  if (!whole(config.startingChips, 1, 2 ** 31 - 1)) return 'the starting stack is a whole number of chips';
  if (!whole(config.tableSize, 2, 10)) return 'a table has 2 to 10 seats';
  if (!whole(config.maxEntriesPerPlayer ?? 1, 1, ENTRIES_PER_PLAYER_MAX)) {
    return `a player buys 1 to ${ENTRIES_PER_PLAYER_MAX} entries`;
  }
  if (
    !whole(config.minEntrants, 2, ENTRANTS_MAX) ||
    !whole(config.maxEntrants, config.minEntrants, ENTRANTS_MAX)
  ) {
    return `a tournament takes 2 to ${ENTRANTS_MAX} entrants, the maximum at least the minimum`;
  }
  const late = config.lateRegistrationLevel;
  if (late != null && !whole(late, 1, 1_000)) return 'late registration ends at a level from 1';
  if (config.scheduledStart && Number.isNaN(config.scheduledStart.getTime()))
    return 'the start is not a date';
  const isJson = (value: unknown) => typeof value === 'object' && value !== null;
  if (!isJson(config.structure) || !isJson(config.payoutSettings)) {
    return 'the structure and payout settings are JSON objects or arrays';
  }
  return undefined;
}

// ---- results ---------------------------------------------------------------------------------

/** The earlier result under this key, or a conflict if the key was used for another request. */
function replayOf<T>(
  reads: TournamentReads,
  hash: string,
  decode: (stored: Record<string, unknown>) => T,
): Outcome<T> | undefined {
  if (!reads.replay) return undefined;
  if (reads.replay.requestHash !== hash) {
    refuse('ledger/idempotency-conflict', 'this idempotency key was used for a different request');
  }
  return { value: decode(reads.replay.result), replayed: true };
}

const money = (stored: Record<string, unknown>, field: string) => new Money(String(stored[field]));

function decodeRegistration(stored: Record<string, unknown>): TournamentRegistration {
  return {
    entryId: String(stored.entryId),
    entryNumber: Number(stored.entryNumber),
    status: stored.status === 'PLAYING' ? 'PLAYING' : 'REGISTERED',
    buyIn: money(stored, 'buyIn'),
    fee: money(stored, 'fee'),
    walletBalance: money(stored, 'walletBalance'),
    prizePool: money(stored, 'prizePool'),
  };
}

function decodeRefund(stored: Record<string, unknown>): TournamentRefund {
  return {
    entryId: String(stored.entryId),
    entryNumber: Number(stored.entryNumber),
    buyIn: money(stored, 'buyIn'),
    fee: money(stored, 'fee'),
    walletBalance: money(stored, 'walletBalance'),
  };
}

function decodeStart(stored: Record<string, unknown>): TournamentStart {
  return {
    entrants: Number(stored.entrants),
    prizePool: money(stored, 'prizePool'),
    overlay: stored.overlay === null ? null : money(stored, 'overlay'),
  };
}

function decodePrizes(stored: Record<string, unknown>): TournamentPrizesResult {
  const prizes = stored.prizes as Record<string, unknown>[];
  return {
    prizes: prizes.map((prize) => ({
      entryId: String(prize.entryId),
      place: Number(prize.place),
      amount: money(prize, 'amount'),
      outcome: prize.outcome === 'finished' ? 'finished' : 'eliminated',
      alreadyPaid: prize.alreadyPaid === true,
    })),
    prizePool: money(stored, 'prizePool'),
  };
}

function decodeDeal(stored: Record<string, unknown>): TournamentDealResult {
  const shares = stored.shares as Record<string, unknown>[];
  return {
    shares: shares.map((share) => ({ entryId: String(share.entryId), amount: money(share, 'amount') })),
    prizePool: money(stored, 'prizePool'),
  };
}
