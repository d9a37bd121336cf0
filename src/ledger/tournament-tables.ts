import type { Database } from '../db/database.js';
import { transactionRunnerOf } from '../db/transaction-runner.js';
import type { TournamentHandRecord } from '../tables/table-ports.js';
import { type LedgerResult, ledgerError, refuse } from './ledger-errors.js';
import { type LedgerContext, type LedgerSettings, run } from './transactions.js';

/**
 * A tournament's tables in the database: a `poker_tables` row each (so hands, hand history and
 * owner epochs work as at a cash table) that names its tournament, and the record of each settled
 * tournament hand. No money moves here: tournament chips live in the director's state, and a
 * tournament table has no escrow and no seat rows. Its deal and void records are the cash
 * ledger's own `openHand` and `voidHand`, fenced the same way by the owner epoch.
 */

export interface NewTournamentTable {
  readonly tournamentId: string;
  /** The director's number of the table (1, 2, ...). */
  readonly tableNo: number;
  readonly name: string;
  readonly variant: 'NT' | 'PO';
  readonly maxSeats: number;
}

/**
 * The table's row, created on first use: calling again (a restarted runner) answers the same row.
 * Its blinds and buy-ins are placeholders the row's constraints ask for: a tournament table plays
 * its director's levels, in chips of one unit, and takes no buy-in.
 */
export async function createTournamentTable(
  ledger: LedgerContext,
  table: NewTournamentTable,
): Promise<LedgerResult<{ tableId: string }>> {
  if (!Number.isSafeInteger(table.tableNo) || table.tableNo < 1)
    return ledgerError('ledger/invalid-request', 'tournament tables are numbered from 1');
  return run(ledger, async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO poker_tables (name, small_blind, big_blind, min_buy_in, max_buy_in, chip_unit, max_seats, variant,
         tournament_id, tournament_table_no)
       VALUES ($1::text, 1, 1, 1, 1, 1, $2::int, $3::"GameVariant", $4::uuid, $5::int)
       ON CONFLICT (tournament_id, tournament_table_no) DO UPDATE SET name = poker_tables.name
       RETURNING id::text`,
      [table.name, String(table.maxSeats), table.variant, table.tournamentId, String(table.tableNo)],
    );
    return { value: { tableId: rows[0]!.id }, replayed: false };
  });
}

/** The tables of a tournament by the director's number (a restarted runner finds them again). */
export async function tournamentTableIds(
  ledger: LedgerContext,
  tournamentId: string,
): Promise<LedgerResult<Map<number, string>>> {
  return run(ledger, async (tx) => {
    const rows = await tx.query<{ id: string; tournament_table_no: number }>(
      `SELECT id::text, tournament_table_no FROM poker_tables WHERE tournament_id = $1::uuid`,
      [tournamentId],
    );
    return { value: new Map(rows.map((row) => [row.tournament_table_no, row.id])), replayed: false };
  });
}

/** A broken table stops for good: closed, so nothing runs it again. */
export async function closeTournamentTable(
  ledger: LedgerContext,
  tableId: string,
): Promise<LedgerResult<void>> {
  return run(ledger, async (tx) => {
    await tx.query(
      `UPDATE poker_tables SET status = 'CLOSED' WHERE id = $1::uuid AND tournament_id IS NOT NULL`,
      [tableId],
    );
    return { value: undefined, replayed: false };
  });
}

/**
 * The end of a tournament hand: its DEALT record becomes SETTLED with the history and the result,
 * and the table's hand number moves on, fenced by the owner epoch and the deal's commitment. No
 * money and no seat rows: the stacks go to the director. Recording the same hand again (an answer
 * that was lost) is a no-op.
 */
export async function recordTournamentHand(
  ledger: LedgerContext,
  record: TournamentHandRecord,
): Promise<LedgerResult<void>> {
  const { tableId, handNumber, ownerEpoch } = record;
  if (!Number.isSafeInteger(handNumber) || handNumber < 1)
    return ledgerError('ledger/invalid-request', 'hands are numbered from 1');
  const sum = (stacks: Readonly<Record<string, number>>) =>
    Object.values(stacks).reduce((total, stack) => total + stack, 0);
  if (sum(record.stacksAtStart) !== sum(record.stacksAfter))
    return ledgerError('ledger/settlement-mismatch', 'a tournament hand makes or loses chips');
  return run(ledger, async (tx) => {
    const tables = await tx.query<{ owner_epoch: string; hand_number: number }>(
      `SELECT owner_epoch::text, hand_number FROM poker_tables
        WHERE id = $1::uuid AND tournament_id IS NOT NULL FOR NO KEY UPDATE`,
      [tableId],
    );
    const table = tables[0] ?? refuse('ledger/unknown-table', 'no such tournament table');
    if (table.owner_epoch !== ownerEpoch.toString())
      refuse('ledger/stale-epoch', `the table is owned at epoch ${table.owner_epoch}, not ${ownerEpoch}`);
    const hands = await tx.query<{ status: string; deck_commitment: string }>(
      `SELECT status::text, deck_commitment FROM hands WHERE table_id = $1::uuid AND number = $2::int FOR UPDATE`,
      [tableId, String(handNumber)],
    );
    const hand = hands[0] ?? refuse('ledger/stale-hand', `hand ${handNumber} was never dealt`);
    if (hand.deck_commitment !== record.deckCommitment)
      refuse('ledger/settlement-mismatch', `hand ${handNumber} was dealt from another deck`);
    if (hand.status === 'SETTLED' && table.hand_number >= handNumber)
      return { value: undefined, replayed: true };
    if (hand.status !== 'DEALT' || table.hand_number !== handNumber - 1)
      refuse('ledger/stale-hand', `the table expects hand ${table.hand_number + 1}, not ${handNumber}`);
    // The report goes on record with the hand: if the director never hears of it (the process
    // dies between this write and the director's next save), its next run applies it from here.
    const report: RecordedTournamentReport = {
      bigBlindSeat: record.bigBlindSeat,
      stacksAtStart: record.stacksAtStart,
      stacksAfter: record.stacksAfter,
      busted: record.busted,
    };
    const result = { ...((record.result as object | null) ?? {}), tournamentReport: report };
    await tx.query(
      `UPDATE hands SET status = 'SETTLED', history = $3::text, result = hands.result || $4::jsonb
        WHERE table_id = $1::uuid AND number = $2::int`,
      [tableId, String(handNumber), record.history, JSON.stringify(result)],
    );
    await tx.query(`UPDATE poker_tables SET hand_number = $2::int WHERE id = $1::uuid`, [
      tableId,
      String(handNumber),
    ]);
    return { value: undefined, replayed: false };
  });
}

/** What a settled tournament hand keeps of its report (`hands.result.tournamentReport`). */
export interface RecordedTournamentReport {
  readonly bigBlindSeat: number;
  readonly stacksAtStart: Readonly<Record<string, number>>;
  readonly stacksAfter: Readonly<Record<string, number>>;
  readonly busted: readonly string[];
}

export interface SettledTournamentHand {
  readonly handNumber: number;
  readonly report: RecordedTournamentReport;
}

function isStacks(value: unknown): value is Record<string, number> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((stack) => Number.isSafeInteger(stack) && (stack as number) >= 0)
  );
}

function recordedReport(value: unknown): RecordedTournamentReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const report = value as Partial<RecordedTournamentReport>;
  if (!Number.isSafeInteger(report.bigBlindSeat)) return null;
  if (!isStacks(report.stacksAtStart) || !isStacks(report.stacksAfter)) return null;
  if (!Array.isArray(report.busted) || !report.busted.every((userId) => typeof userId === 'string'))
    return null;
  return report as RecordedTournamentReport;
}

/**
 * The table's last hand if it is settled (not dealt and not void), with its report: a resumed
 * director compares its number with the last it applied.
 */
export async function lastSettledTournamentHand(
  ledger: LedgerContext,
  tableId: string,
): Promise<LedgerResult<SettledTournamentHand | null>> {
  return run(ledger, async (tx) => {
    const rows = await tx.query<{ number: number; status: string; report: unknown }>(
      `SELECT number, status::text, result -> 'tournamentReport' AS report FROM hands
        WHERE table_id = $1::uuid ORDER BY number DESC LIMIT 1`,
      [tableId],
    );
    const row = rows[0];
    const report = row?.status === 'SETTLED' ? recordedReport(row.report) : null;
    return { value: row && report ? { handNumber: row.number, report } : null, replayed: false };
  });
}

/** The operations above, bound to one database. */
export interface TournamentTableStore {
  createTable(table: NewTournamentTable): Promise<LedgerResult<{ tableId: string }>>;
  tableIds(tournamentId: string): Promise<LedgerResult<Map<number, string>>>;
  closeTable(tableId: string): Promise<LedgerResult<void>>;
  recordHand(record: TournamentHandRecord): Promise<LedgerResult<void>>;
  lastSettledHand(tableId: string): Promise<LedgerResult<SettledTournamentHand | null>>;
}

export function createTournamentTableStore(
  database: Database,
  settings: LedgerSettings,
): TournamentTableStore {
  const ledger: LedgerContext = { runner: transactionRunnerOf(database), settings };
  return {
    createTable: (table) => createTournamentTable(ledger, table),
    tableIds: (tournamentId) => tournamentTableIds(ledger, tournamentId),
    closeTable: (tableId) => closeTournamentTable(ledger, tableId),
    recordHand: (record) => recordTournamentHand(ledger, record),
    lastSettledHand: (tableId) => lastSettledTournamentHand(ledger, tableId),
  };
}
