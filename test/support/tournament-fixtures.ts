import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { TransactionRunner } from '../../src/db/transaction-runner.js';
import type { LedgerResult } from '../../src/ledger/ledger-errors.js';
import {
  createTournamentLedger,
  type NewTournament,
  type TournamentLedger,
} from '../../src/ledger/tournament-transactions.js';
import { ledgerSettingsOf } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { TEST_CONFIG, type TestDatabase } from './database.js';
import { ledgerFingerprint } from './ledger-fixtures.js';

/** The tournament ledger over a test database (or over a runner a test wraps). */
export function testTournamentLedger(database: Database | TransactionRunner): TournamentLedger {
  return createTournamentLedger(database, ledgerSettingsOf(TEST_CONFIG));
}

export const STANDARD_TOURNAMENT: NewTournament = {
  name: 'test sit & go',
  kind: 'SNG',
  buyIn: new Money(100),
  fee: new Money(10),
  chipUnit: new Money('0.01'),
  startingChips: 1500,
  tableSize: 9,
  minEntrants: 2,
  maxEntrants: 9,
  structure: { preset: 'turbo' },
  payoutSettings: { percentPaid: 15 },
};

export async function createTournament(
  tournaments: TournamentLedger,
  overrides: Partial<NewTournament> = {},
): Promise<string> {
  const created = await tournaments.createTournament({ ...STANDARD_TOURNAMENT, ...overrides });
  if (!created.ok)
    throw new Error(`tournament creation failed: ${created.error.code} ${created.error.message}`);
  return created.value.tournamentId;
}

/** The value of a result that must have succeeded (the test fails with the refusal otherwise). */
export function accepted<T>(result: LedgerResult<T>): T {
  if (!result.ok) expect.fail(`refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The ledger's fingerprint (ledger-fixtures.ts) and every tournament and entry row. */
export async function tournamentFingerprint(db: TestDatabase): Promise<string> {
  const { rows } = await db.pool.query<{ fingerprint: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(':', id, status, overlay, registration_closed_at, ended_at), ',' ORDER BY id)
         FROM tournaments),
      (SELECT string_agg(concat_ws(':', id, status, finishing_place, prize, deal_amount, cancel_share), ',' ORDER BY id)
         FROM tournament_entries))) AS fingerprint`);
  return `${await ledgerFingerprint(db)}/${rows[0]!.fingerprint}`;
}

/** Expects `attempt` to be refused with `code`, and that nothing at all changed. */
export async function expectRefusedWithoutEffect(
  db: TestDatabase,
  code: string,
  attempt: () => Promise<LedgerResult<unknown>>,
): Promise<void> {
  const before = await tournamentFingerprint(db);
  const result = await attempt();
  expect(result.ok ? 'accepted' : result.error.code).toBe(code);
  expect(await tournamentFingerprint(db)).toBe(before);
}

export async function prizePool(db: TestDatabase, tournamentId: string): Promise<Money> {
  const { rows } = await db.pool.query<{ balance: string }>(
    `SELECT balance::text FROM accounts WHERE tournament_id = $1::uuid`,
    [tournamentId],
  );
  return new Money(rows[0]!.balance);
}

/** The transfers of a tournament, as "KIND entry amount" lines in order (the overlay names no entry). */
export async function tournamentTransfers(db: TestDatabase, tournamentId: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ line: string }>(
    `SELECT concat_ws(' ', kind, COALESCE(tournament_entry_id::text, '-'), amount::numeric::text) AS line
       FROM transfers WHERE tournament_id = $1::uuid ORDER BY id`,
    [tournamentId],
  );
  return rows.map((row) => row.line.replace(/\.?0+$/, ''));
}

/** The sum of every balance in the ledger: zero, always. */
export async function sumOfBalances(db: TestDatabase): Promise<Money> {
  const { rows } = await db.pool.query<{ sum: string }>(`SELECT sum(balance)::text AS sum FROM accounts`);
  return new Money(rows[0]!.sum);
}

export async function entryStatuses(db: TestDatabase, tournamentId: string): Promise<string[]> {
  const { rows } = await db.pool.query<{ status: string }>(
    `SELECT status::text FROM tournament_entries WHERE tournament_id = $1::uuid ORDER BY id`,
    [tournamentId],
  );
  return rows.map((row) => row.status);
}
