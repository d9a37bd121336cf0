import type { TournamentEntryStatus, TournamentStatus, TransferKind } from '../db/column-types.js';
import { IdempotencyRace } from '../db/retry.js';
import { SqlParams } from '../db/sql-params.js';
import type { SqlExecutor } from '../db/transaction-runner.js';
import { Money } from '../money/index.js';
import type { LockedAccount } from './ledger-statements.js';

/**
 * The three statements every tournament money transaction is made of (tournament-transactions.ts),
 * beside BEGIN and COMMIT:
 *
 * 1. lockTournament: ONE statement that locks the accounts the operation moves money between, in
 *    the ledger's global order (accounts by ascending id first, as ledger-statements.ts), and then
 *    the tournament's row. **The tournament row is the mutex of its entries**: every write to a
 *    tournament_entries row happens in a transaction that holds its tournament's row lock, so the
 *    entries need no lock of their own, and never deadlock with each other.
 * 2. readTournament: ONE statement, run once the locks are held, that reads the entries the
 *    operation decides on, the counts it checks (entrants, a player's entries) and the earlier
 *    result under its idempotency key. It must be a separate statement: in READ COMMITTED a
 *    statement's subqueries see the snapshot taken when it began, before it waited for a lock, so a
 *    count taken in the locking statement could miss the entry a twin request just committed. A new
 *    statement takes a new snapshot, in which everything the lock holder wrote is visible.
 * 3. postTournament: ONE statement that records the idempotency key with its result, appends every
 *    transfer (each with a key of its own: an entry's buy-in, refund or prize has a key naming the
 *    entry, so the database itself refuses a second one), moves the balances by the net of the
 *    transfers, and applies the operation's writes to the tournament and its entries. Every write is
 *    gated on the idempotency insert, as in ledger-statements.ts.
 */

export interface LockedTournament {
  readonly id: string;
  readonly status: TournamentStatus;
  readonly buyIn: Money;
  readonly fee: Money;
  readonly guarantee: Money;
  readonly chipUnit: Money;
  readonly maxEntriesPerPlayer: number;
  readonly minEntrants: number;
  readonly maxEntrants: number;
  readonly lateRegistrationLevel: number | null;
  readonly registrationClosed: boolean;
  /** The overlay paid when registration closed; null before. */
  readonly overlay: Money | null;
  readonly directorEpoch: bigint;
}

export interface TournamentEntryRow {
  readonly id: string;
  readonly userId: string;
  readonly entryNumber: number;
  readonly status: TournamentEntryStatus;
  readonly buyIn: Money;
  readonly fee: Money;
  readonly feeShard: number;
  readonly finishingPlace: number | null;
  readonly prize: Money | null;
  readonly dealAmount: Money | null;
  /** Its share of the pool, decided when its running tournament was cancelled; null otherwise. */
  readonly cancelShare: Money | null;
}

export interface TournamentLocks {
  readonly accounts: readonly LockedAccount[];
  /** Undefined when no such tournament exists. */
  readonly tournament: LockedTournament | undefined;
}

/** Locks accounts (by `accounts`, a WHERE predicate over them; null: none) and then the tournament row. */
export async function lockTournament(
  tx: SqlExecutor,
  request: {
    readonly lockTimeoutMs: number;
    readonly tournamentId: string;
    readonly accounts: ((params: SqlParams) => string) | null;
  },
): Promise<TournamentLocks> {
  const p = new SqlParams();
  const withs = [
    `settings AS (SELECT set_config('lock_timeout', ${p.add(`${request.lockTimeoutMs}ms`, 'text')}, true) AS value)`,
  ];
  const branches = [
    `SELECT 'settings' AS what, json_build_object('isolation', current_setting('transaction_isolation')) AS row
       FROM settings`,
  ];
  if (request.accounts) {
    withs.push(`locked_accounts AS (
      SELECT id, kind, balance, user_id, table_id, shard FROM accounts
      WHERE ${request.accounts(p)} ORDER BY id FOR NO KEY UPDATE)`);
    branches.push(`SELECT 'account', json_build_object('id', id::text, 'kind', kind, 'balance', balance::text,
      'userId', user_id, 'tableId', table_id, 'shard', shard) FROM locked_accounts`);
  }
  withs.push(`locked_tournament AS (
    SELECT * FROM tournaments WHERE id = ${p.add(request.tournamentId, 'uuid')} FOR NO KEY UPDATE)`);
  branches.push(`SELECT 'tournament', json_build_object('id', id, 'status', status, 'buyIn', buy_in::text,
    'fee', fee::text, 'guarantee', guarantee::text, 'chipUnit', chip_unit::text,
    'maxEntriesPerPlayer', max_entries_per_player, 'minEntrants', min_entrants, 'maxEntrants', max_entrants,
    'lateRegistrationLevel', late_registration_level, 'registrationClosed', registration_closed_at IS NOT NULL,
    'overlay', overlay::text, 'directorEpoch', director_epoch::text) FROM locked_tournament`);
  const rows = await tx.query<{ what: string; row: Record<string, unknown> }>(
    `WITH ${withs.join(',\n')}\n${branches.join('\nUNION ALL\n')}`,
    p.values,
  );
  const accounts: LockedAccount[] = [];
  let tournament: LockedTournament | undefined;
  for (const { what, row } of rows) {
    if (what === 'settings') {
      if (row.isolation !== 'read committed') {
        throw new Error(`ledger transactions need READ COMMITTED, got ${String(row.isolation)}`);
      }
    } else if (what === 'account') {
      accounts.push({
        id: String(row.id),
        kind: row.kind as LockedAccount['kind'],
        balance: new Money(String(row.balance)),
        userId: (row.userId as string | null) ?? null,
        tableId: (row.tableId as string | null) ?? null,
        shard: (row.shard as number | null) ?? null,
      });
    } else if (what === 'tournament') {
      tournament = {
        id: String(row.id),
        status: row.status as TournamentStatus,
        buyIn: new Money(String(row.buyIn)),
        fee: new Money(String(row.fee)),
        guarantee: new Money(String(row.guarantee)),
        chipUnit: new Money(String(row.chipUnit)),
        maxEntriesPerPlayer: Number(row.maxEntriesPerPlayer),
        minEntrants: Number(row.minEntrants),
        maxEntrants: Number(row.maxEntrants),
        lateRegistrationLevel: row.lateRegistrationLevel === null ? null : Number(row.lateRegistrationLevel),
        registrationClosed: row.registrationClosed === true,
        overlay: row.overlay === null ? null : new Money(String(row.overlay)),
        directorEpoch: BigInt(String(row.directorEpoch)),
      };
    }
  }
  return { accounts, tournament };
}

export interface TournamentReads {
  /** The entries the operation asked for, by ascending id. */
  readonly entries: readonly TournamentEntryRow[];
  /** Entries bought and not refunded (what fills the tournament). */
  readonly entrants: number;
  /** Entries registered or playing. */
  readonly liveEntries: number;
  readonly replay: { readonly requestHash: string; readonly result: Record<string, unknown> } | undefined;
  /** A fresh entry id, when asked for (a registration's, known before its row is written). */
  readonly newEntryId: string | null;
}

/** Reads, once the tournament's lock is held, what the operation decides on (see the module comment). */
export async function readTournament(
  tx: SqlExecutor,
  request: {
    readonly tournamentId: string;
    /** A WHERE predicate over tournament_entries (of this tournament); null: no entry. */
    readonly entries: ((params: SqlParams) => string) | null;
    readonly idempotencyKey: string | null;
    readonly newEntryId?: boolean;
  },
): Promise<TournamentReads> {
  const p = new SqlParams();
  const tournament = p.add(request.tournamentId, 'uuid');
  const entries = request.entries
    ? `(SELECT json_agg(json_build_object('id', id::text, 'userId', user_id, 'entryNumber', entry_number,
          'status', status, 'buyIn', buy_in::text, 'fee', fee::text, 'feeShard', fee_shard,
          'finishingPlace', finishing_place, 'prize', prize::text, 'dealAmount', deal_amount::text,
          'cancelShare', cancel_share::text) ORDER BY id)
        FROM tournament_entries WHERE tournament_id = ${tournament} AND (${request.entries(p)}))`
    : 'NULL::json';
  const replay =
    request.idempotencyKey === null
      ? 'NULL::json'
      : `(SELECT json_build_object('requestHash', request_hash, 'result', result)
          FROM idempotency_records WHERE key = ${p.add(request.idempotencyKey, 'text')})`;
  const newEntry = request.newEntryId
    ? `nextval(pg_get_serial_sequence('tournament_entries', 'id'))::text`
    : 'NULL::text';
  const rows = await tx.query<{
    entries: Record<string, unknown>[] | null;
    entrants: number;
    live: number;
    replay: { requestHash: string; result: Record<string, unknown> } | null;
    new_entry_id: string | null;
  }>(
    `SELECT ${entries} AS entries,
       (SELECT count(*) FROM tournament_entries WHERE tournament_id = ${tournament}
          AND status NOT IN ('UNREGISTERED', 'REFUNDED'))::int AS entrants,
       (SELECT count(*) FROM tournament_entries WHERE tournament_id = ${tournament}
          AND status IN ('REGISTERED', 'PLAYING'))::int AS live,
       ${replay} AS replay, ${newEntry} AS new_entry_id`,
    p.values,
  );
  const row = rows[0]!;
  const money = (value: unknown) => (value === null || value === undefined ? null : new Money(String(value)));
  return {
    entries: (row.entries ?? []).map((entry) => ({
      id: String(entry.id),
      userId: String(entry.userId),
      entryNumber: Number(entry.entryNumber),
      status: entry.status as TournamentEntryStatus,
      buyIn: new Money(String(entry.buyIn)),
      fee: new Money(String(entry.fee)),
      feeShard: Number(entry.feeShard),
      finishingPlace: entry.finishingPlace === null ? null : Number(entry.finishingPlace),
      prize: money(entry.prize),
      dealAmount: money(entry.dealAmount),
      cancelShare: money(entry.cancelShare),
    })),
    entrants: row.entrants,
    liveEntries: row.live,
    replay: row.replay ?? undefined,
    newEntryId: row.new_entry_id,
  };
}

/** One transfer of a tournament operation. */
export interface TournamentMove {
  /** The transfer's own idempotency key (unique among all transfers). */
  readonly key: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  /** Positive: a zero movement is not written (the ledger refuses zero transfers). */
  readonly amount: Money;
  readonly kind: TransferKind;
  readonly userId: string | null;
  readonly entryId: string | null;
}

export interface TournamentPosting {
  readonly tournamentId: string;
  /** The operation's idempotency record; null for an operation fenced by the entries' state alone. */
  readonly record: {
    readonly key: string;
    readonly operation: string;
    readonly result: Record<string, unknown>;
  } | null;
  readonly requestHash: string;
  readonly moves: readonly TournamentMove[];
  /** Further data-modifying WITH queries, gated on `EXISTS (SELECT 1 FROM rec)`. */
  readonly writes?: (params: SqlParams) => readonly string[];
}

/** The gate of every write of a tournament posting. */
export const WON = 'EXISTS (SELECT 1 FROM rec)';

/**
 * Writes a posting in one statement. Returns the stored result (null without a record) with
 * `transferIds`: the ids of the transfers written, in the order of `moves`.
 */
export async function postTournament(
  tx: SqlExecutor,
  posting: TournamentPosting,
): Promise<{ result: Record<string, unknown> | null; transferIds: string[] }> {
  const moves = posting.moves.filter((move) => !move.amount.isZero());
  const p = new SqlParams();
  const hash = p.add(posting.requestHash, 'text');
  const movesJson = p.add(
    JSON.stringify(
      moves.map((move, ord) => ({
        ord,
        key: move.key,
        debit: move.debitAccountId,
        credit: move.creditAccountId,
        amount: move.amount.toFixed(),
        kind: move.kind,
        user_id: move.userId,
        entry_id: move.entryId,
      })),
    ),
    'jsonb',
  );
  const withs = [
    `moves AS MATERIALIZED (SELECT nextval('transfers_id_seq') AS id, m.* FROM jsonb_to_recordset(${movesJson})
       AS m(ord int, key text, debit bigint, credit bigint, amount numeric, kind text, user_id uuid, entry_id bigint))`,
    `transfer_ids AS (SELECT COALESCE(jsonb_agg(id::text ORDER BY ord), '[]'::jsonb) AS ids FROM moves)`,
  ];
  const record = posting.record;
  if (record) {
    withs.push(`rec AS (INSERT INTO idempotency_records (key, operation, request_hash, result)
      SELECT ${p.add(record.key, 'text')}, ${p.add(record.operation, 'text')}, ${hash},
        ${p.add(JSON.stringify(record.result), 'jsonb')} || jsonb_build_object('transferIds', ids) FROM transfer_ids
      ON CONFLICT (key) DO NOTHING RETURNING result)`);
  } else {
    withs.push(`rec AS (SELECT NULL::jsonb AS result)`);
  }
  withs.push(
    `new_transfers AS (INSERT INTO transfers (id, debit_account_id, credit_account_id, amount, kind, idempotency_key,
        request_hash, user_id, tournament_id, tournament_entry_id)
      SELECT id, debit, credit, amount, kind::"TransferKind", key, ${hash}, user_id,
        ${p.add(posting.tournamentId, 'uuid')}, entry_id FROM moves WHERE ${WON})`,
    // One UPDATE per account with the net of its movements: a statement may change a row only once.
    `balances AS (UPDATE accounts SET balance = accounts.balance + net.delta
      FROM (SELECT account, sum(delta) AS delta FROM (
              SELECT debit AS account, -amount AS delta FROM moves
              UNION ALL SELECT credit, amount FROM moves) AS legs GROUP BY account) AS net
      WHERE accounts.id = net.account AND ${WON})`,
    ...(posting.writes?.(p) ?? []),
  );
  const rows = await tx.query<{ won: boolean; result: Record<string, unknown> | null; ids: string[] }>(
    `WITH ${withs.join(',\n')}
     SELECT ${WON} AS won, (SELECT result FROM rec) AS result, (SELECT ids FROM transfer_ids) AS ids`,
    p.values,
  );
  const row = rows[0]!;
  // A twin request committed the same key after this transaction's reads: run again, and replay.
  if (!row.won) throw new IdempotencyRace(record?.key ?? posting.requestHash);
  return { result: row.result, transferIds: row.ids };
}
