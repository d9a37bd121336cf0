import { afterAll, beforeAll, expect } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { Ledger, NewTable } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { createTestDatabase, type TestDatabase, testLedger } from './database.js';

/**
 * A database of this test file's own (named after `prefix`) and a ledger over it, handed to
 * `opened` before the first test. After the last test the audit must find no discrepancy (the
 * balances recomputed from the transfers equal the stored ones), and the database is dropped.
 */
export function withAuditedLedger(
  prefix: string,
  opened: (fixture: { db: TestDatabase; ledger: Ledger }) => void,
): void {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(prefix);
    opened({ db, ledger: testLedger(db) });
  });
  afterAll(async () => {
    try {
      expect((await auditLedger(db!.database)).discrepancies).toEqual([]);
    } finally {
      await db?.drop();
    }
  });
}

/** Expects `attempt` to be refused with `code`, and that nothing at all changed in the database. */
export async function expectRefusedWithoutEffect(
  db: TestDatabase,
  code: string,
  attempt: () => Promise<{ ok: boolean; error?: { code: string } }>,
): Promise<void> {
  const before = await ledgerFingerprint(db);
  const result = await attempt();
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe(code);
  expect(await ledgerFingerprint(db)).toBe(before);
}

/** Inserts `count` users in one statement (their wallets open by trigger); returns their ids in order. */
export async function createUsers(db: TestDatabase, count: number, prefix = 'player'): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO users (username, password_hash)
     SELECT $1::text || '-' || n, 'not-a-real-hash' FROM generate_series(1, $2::int) AS n
     RETURNING id::text`,
    [`${prefix}-${Date.now().toString(36)}`, count],
  );
  return rows.map((row) => row.id);
}

let references = 0;

/** Deposits `amount` into a user's wallet through the ledger; throws if refused. */
export async function fund(ledger: Ledger, userId: string, amount: Money | string | number): Promise<void> {
  const result = await ledger.buyChips({
    userId,
    amount: new Money(amount),
    reference: `fixture-${process.pid}-${++references}`,
  });
  if (!result.ok) throw new Error(`funding failed: ${result.error.code}`);
}

export const STANDARD_TABLE: NewTable = {
  name: 'test table',
  smallBlind: new Money(1),
  bigBlind: new Money(2),
  minBuyIn: new Money(40),
  maxBuyIn: new Money(200),
  chipUnit: new Money(1),
  maxSeats: 6,
  rakeBasisPoints: 500,
  rakeCap: new Money(5),
};

export async function createTable(ledger: Ledger, overrides: Partial<NewTable> = {}): Promise<string> {
  const result = await ledger.createTable({ ...STANDARD_TABLE, ...overrides });
  if (!result.ok) throw new Error(`table creation failed: ${result.error.code} ${result.error.message}`);
  return result.value.tableId;
}

export async function walletBalance(db: TestDatabase, userId: string): Promise<Money> {
  const { rows } = await db.pool.query<{ balance: string }>(
    `SELECT balance::text FROM accounts WHERE user_id = $1::uuid`,
    [userId],
  );
  return new Money(rows[0]!.balance);
}

export async function seatsOf(
  db: TestDatabase,
  tableId: string,
): Promise<{ seat: number; userId: string | null; stack: Money; status: string }[]> {
  const { rows } = await db.pool.query<{
    seat_no: number;
    user_id: string | null;
    stack: string;
    status: string;
  }>(
    `SELECT seat_no, user_id::text, stack::text, status::text FROM seats WHERE table_id = $1::uuid ORDER BY seat_no`,
    [tableId],
  );
  return rows.map((row) => ({
    seat: row.seat_no,
    userId: row.user_id,
    stack: new Money(row.stack),
    status: row.status,
  }));
}

/** Everything that could change when a refused operation wrongly wrote something. */
export async function ledgerFingerprint(db: TestDatabase): Promise<string> {
  const { rows } = await db.pool.query<{ fingerprint: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(id || ':' || balance::text, ',' ORDER BY id) FROM accounts),
      (SELECT count(*)::text FROM transfers),
      (SELECT count(*)::text FROM idempotency_records),
      (SELECT string_agg(id || ':' || coalesce(user_id::text, '-') || ':' || stack::text || ':' || status || ':' || sitting,
                         ',' ORDER BY id) FROM seats),
      (SELECT string_agg(id || ':' || status || ':' || owner_epoch || ':' || hand_number, ',' ORDER BY id) FROM poker_tables),
      (SELECT count(*)::text FROM hands))) AS fingerprint`);
  return rows[0]!.fingerprint;
}
