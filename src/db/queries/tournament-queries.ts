import type { Money } from '../../money/index.js';
import type { TournamentEntryStatus, TournamentKind, TournamentStatus } from '../column-types.js';
import type { Database } from '../database-handle.js';
import { toMoney } from '../money-columns.js';
import { poolOf } from '../prisma-access.js';

/**
 * Tournaments as the lobby, the director and the operator read them: plain types out, nothing
 * here writes (every write that touches a tournament's money is in ledger/tournament-transactions).
 * Entrants count entries bought and not refunded; the prize pool is its account's balance.
 */

/** A tournament as the lobby lists it (and the scheduler reads it): its settings, its field and its pool. */
export interface TournamentSummaryRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: TournamentKind;
  readonly variant: 'NT' | 'PO';
  readonly status: TournamentStatus;
  readonly buyIn: Money;
  readonly fee: Money;
  readonly guarantee: Money;
  readonly chipUnit: Money;
  readonly tableSize: number;
  readonly minEntrants: number;
  readonly maxEntrants: number;
  readonly maxEntriesPerPlayer: number;
  /** Entries bought and not refunded. */
  readonly entrants: number;
  /** Entries registered or still playing. */
  readonly playersLeft: number;
  readonly prizePoolBalance: Money;
  /** The overlay the house paid; null until registration closed. */
  readonly overlay: Money | null;
  readonly startingChips: number;
  readonly structure: unknown;
  readonly scheduledStart: Date | null;
  readonly lateRegistrationLevel: number | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
}

export interface TournamentDetails extends TournamentSummaryRecord {
  readonly payoutSettings: unknown;
  readonly registrationClosedAt: Date | null;
  /** The first `entryLimit` entries, by finishing place (the best first), then by registration. */
  readonly entries: readonly TournamentEntryListing[];
}

export interface TournamentEntryListing {
  readonly entryId: string;
  readonly userId: string;
  readonly username: string;
  readonly entryNumber: number;
  readonly status: TournamentEntryStatus;
  readonly finishingPlace: number | null;
  readonly prize: Money | null;
  readonly dealAmount: Money | null;
  /** Its share of the pool when the running tournament was cancelled; null otherwise. */
  readonly cancelShare: Money | null;
  readonly registeredAt: Date;
}

/** One of a user's entries, with its tournament's name and status. */
export interface UserTournamentEntry {
  readonly tournamentId: string;
  readonly tournamentName: string;
  readonly tournamentStatus: TournamentStatus;
  readonly entryId: string;
  readonly entryNumber: number;
  readonly status: TournamentEntryStatus;
  readonly buyIn: Money;
  readonly fee: Money;
  readonly finishingPlace: number | null;
  readonly prize: Money | null;
  readonly dealAmount: Money | null;
  readonly registeredAt: Date;
}

interface SummaryRow {
  id: string;
  name: string;
  kind: TournamentKind;
  variant: 'NT' | 'PO';
  status: TournamentStatus;
  buy_in: string;
  fee: string;
  guarantee: string;
  chip_unit: string;
  table_size: number;
  min_entrants: number;
  max_entrants: number;
  max_entries_per_player: number;
  entrants: number;
  players_left: number;
  prize_pool: string;
  overlay: string | null;
  starting_chips: number;
  structure: unknown;
  scheduled_start: Date | null;
  late_registration_level: number | null;
  created_at: Date;
  started_at: Date | null;
  ended_at: Date | null;
}

const SUMMARY_COLUMNS = `t.id::text, t.name, t.kind::text, t.variant::text, t.status::text, t.buy_in::text,
  t.fee::text, t.guarantee::text, t.chip_unit::text, t.table_size, t.min_entrants, t.max_entrants,
  t.max_entries_per_player,
  (SELECT count(*) FROM tournament_entries e
    WHERE e.tournament_id = t.id AND e.status NOT IN ('UNREGISTERED', 'REFUNDED'))::int AS entrants,
  (SELECT count(*) FROM tournament_entries e
    WHERE e.tournament_id = t.id AND e.status IN ('REGISTERED', 'PLAYING'))::int AS players_left,
  a.balance::text AS prize_pool, t.overlay::text, t.starting_chips, t.structure, t.scheduled_start,
  t.late_registration_level, t.created_at, t.started_at, t.ended_at`;

const nullableMoney = (value: string | null) => (value === null ? null : toMoney(value));

function summaryOf(row: SummaryRow): TournamentSummaryRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    variant: row.variant,
    status: row.status,
    buyIn: toMoney(row.buy_in),
    fee: toMoney(row.fee),
    guarantee: toMoney(row.guarantee),
    chipUnit: toMoney(row.chip_unit),
    tableSize: row.table_size,
    minEntrants: row.min_entrants,
    maxEntrants: row.max_entrants,
    maxEntriesPerPlayer: row.max_entries_per_player,
    entrants: row.entrants,
    playersLeft: row.players_left,
    prizePoolBalance: toMoney(row.prize_pool),
    overlay: nullableMoney(row.overlay),
    startingChips: row.starting_chips,
    structure: row.structure,
    scheduledStart: row.scheduled_start,
    lateRegistrationLevel: row.late_registration_level,
    createdAt: row.created_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  };
}

/**
 * Tournaments for the lobby and the scheduler: those in the given statuses (all when none given),
 * or the one `tournamentId`; the soonest scheduled first, then the newest.
 */
export async function tournamentSummaries(
  database: Database,
  options: {
    readonly limit: number;
    readonly statuses?: readonly TournamentStatus[];
    readonly tournamentId?: string;
  },
): Promise<TournamentSummaryRecord[]> {
  const { rows } = await poolOf(database).query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM tournaments t JOIN accounts a ON a.tournament_id = t.id
      WHERE ($1::text[] IS NULL OR t.status::text = ANY($1::text[]))
        AND ($2::uuid IS NULL OR t.id = $2::uuid)
      ORDER BY t.scheduled_start ASC NULLS LAST, t.created_at DESC LIMIT $3::int`,
    [options.statuses ? [...options.statuses] : null, options.tournamentId ?? null, options.limit],
  );
  return rows.map(summaryOf);
}

/** One tournament with its first `entryLimit` entries; undefined if there is no such tournament. */
export async function tournamentDetails(
  database: Database,
  tournamentId: string,
  entryLimit: number,
): Promise<TournamentDetails | undefined> {
  const pool = poolOf(database);
  const { rows } = await pool.query<
    SummaryRow & { payout_settings: unknown; registration_closed_at: Date | null }
  >(
    `SELECT ${SUMMARY_COLUMNS}, t.payout_settings, t.registration_closed_at
       FROM tournaments t JOIN accounts a ON a.tournament_id = t.id WHERE t.id = $1::uuid`,
    [tournamentId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const entries = await pool.query<{
    id: string;
    user_id: string;
    username: string;
    entry_number: number;
    status: TournamentEntryStatus;
    finishing_place: number | null;
    prize: string | null;
    deal_amount: string | null;
    cancel_share: string | null;
    registered_at: Date;
  }>(
    `SELECT e.id::text, e.user_id::text, u.username, e.entry_number, e.status::text, e.finishing_place,
            e.prize::text, e.deal_amount::text, e.cancel_share::text, e.registered_at
       FROM tournament_entries e JOIN users u ON u.id = e.user_id
      WHERE e.tournament_id = $1::uuid
      ORDER BY e.finishing_place ASC NULLS FIRST, e.id ASC LIMIT $2::int`,
    [tournamentId, entryLimit],
  );
  return {
    ...summaryOf(row),
    payoutSettings: row.payout_settings,
    registrationClosedAt: row.registration_closed_at,
    entries: entries.rows.map((entry) => ({
      entryId: entry.id,
      userId: entry.user_id,
      username: entry.username,
      entryNumber: entry.entry_number,
      status: entry.status,
      finishingPlace: entry.finishing_place,
      prize: nullableMoney(entry.prize),
      dealAmount: nullableMoney(entry.deal_amount),
      cancelShare: nullableMoney(entry.cancel_share),
      registeredAt: entry.registered_at,
    })),
  };
}

/** The balance of a tournament's prize pool; undefined if there is no such tournament. */
export async function prizePoolBalance(database: Database, tournamentId: string): Promise<Money | undefined> {
  const { rows } = await poolOf(database).query<{ balance: string }>(
    `SELECT balance::text FROM accounts WHERE kind = 'PRIZE_POOL' AND tournament_id = $1::uuid`,
    [tournamentId],
  );
  return rows[0] ? toMoney(rows[0].balance) : undefined;
}

/** A user's entries, the newest first. */
export async function userTournamentEntries(
  database: Database,
  userId: string,
  limit: number,
): Promise<UserTournamentEntry[]> {
  const { rows } = await poolOf(database).query<{
    tournament_id: string;
    name: string;
    tournament_status: TournamentStatus;
    id: string;
    entry_number: number;
    status: TournamentEntryStatus;
    buy_in: string;
    fee: string;
    finishing_place: number | null;
    prize: string | null;
    deal_amount: string | null;
    registered_at: Date;
  }>(
    `SELECT t.id::text AS tournament_id, t.name, t.status::text AS tournament_status, e.id::text, e.entry_number,
            e.status::text, e.buy_in::text, e.fee::text, e.finishing_place, e.prize::text, e.deal_amount::text,
            e.registered_at
       FROM tournament_entries e JOIN tournaments t ON t.id = e.tournament_id
      WHERE e.user_id = $1::uuid ORDER BY e.id DESC LIMIT $2::int`,
    [userId, limit],
  );
  return rows.map((row) => ({
    tournamentId: row.tournament_id,
    tournamentName: row.name,
    tournamentStatus: row.tournament_status,
    entryId: row.id,
    entryNumber: row.entry_number,
    status: row.status,
    buyIn: toMoney(row.buy_in),
    fee: toMoney(row.fee),
    finishingPlace: row.finishing_place,
    prize: nullableMoney(row.prize),
    dealAmount: nullableMoney(row.deal_amount),
    registeredAt: row.registered_at,
  }));
}

/** Tournaments whose cancellation was interrupted (a server restart calls cancelTournament on each again). */
export async function cancellingTournamentIds(database: Database, limit: number): Promise<string[]> {
  const { rows } = await poolOf(database).query<{ id: string }>(
    `SELECT id::text FROM tournaments WHERE status = 'CANCELLING' ORDER BY created_at LIMIT $1::int`,
    [limit],
  );
  return rows.map((row) => row.id);
}

/** What a live tournament's runner last saved, its director epoch, and its tables by the director's number. */
export interface TournamentLiveRecord {
  readonly directorEpoch: bigint;
  readonly stateVersion: bigint;
  /** The runner's saved state (src/tournaments/saved-state.ts); null before the first save. */
  readonly state: unknown;
  readonly tableIds: ReadonlyMap<number, string>;
}

export async function tournamentLiveRecord(
  database: Database,
  tournamentId: string,
): Promise<TournamentLiveRecord | undefined> {
  const pool = poolOf(database);
  const { rows } = await pool.query<{ director_epoch: string; state_version: string; state: unknown }>(
    `SELECT director_epoch::text, state_version::text, state FROM tournaments WHERE id = $1::uuid`,
    [tournamentId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const tables = await pool.query<{ id: string; tournament_table_no: number }>(
    `SELECT id::text, tournament_table_no FROM poker_tables WHERE tournament_id = $1::uuid`,
    [tournamentId],
  );
  return {
    directorEpoch: BigInt(row.director_epoch),
    stateVersion: BigInt(row.state_version),
    state: row.state,
    tableIds: new Map(tables.rows.map((table) => [table.tournament_table_no, table.id])),
  };
}

/** Tournaments that are RUNNING (a restarted server resumes each). */
export async function runningTournamentIds(database: Database, limit: number): Promise<string[]> {
  const { rows } = await poolOf(database).query<{ id: string }>(
    `SELECT id::text FROM tournaments WHERE status = 'RUNNING' ORDER BY started_at ASC LIMIT $1::int`,
    [limit],
  );
  return rows.map((row) => row.id);
}
