import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choosePgTool, restoreDatabase } from '../../src/db/backup.js';
import { createDatabase, databaseOptionsOf } from '../../src/db/database.js';
import { poolOf } from '../../src/db/prisma-access.js';
import { transactionRunnerOf } from '../../src/db/transaction-runner.js';
import { auditLedger } from '../../src/ledger/audit.js';
import { post } from '../../src/ledger/ledger-statements.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import {
  createEmptyDatabase,
  createTestDatabase,
  databaseUrl,
  dropDatabase,
  TEST_CONFIG,
  type TestDatabase,
  testLedger,
} from '../support/database.js';
import { createTable, createUsers, fund, ledgerFingerprint } from '../support/ledger-fixtures.js';

const execFileAsync = promisify(execFile);

let db: TestDatabase;
let ledger: Ledger;
let workDir: string;

beforeAll(async () => {
  db = await createTestDatabase('ledger_audit');
  ledger = testLedger(db);
  workDir = await mkdtemp(path.join(tmpdir(), 'ledger-audit-'));
});

afterAll(async () => {
  await db?.drop();
  await rm(workDir, { recursive: true, force: true });
});

const m = (value: string | number) => new Money(value);

/** Runs one of our CLIs as a user would, against `url`; resolves with its exit code and output. */
async function cli(
  script: string,
  args: string[],
  url: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync('npx', ['tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: url },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Some activity of every kind, ending with seated players and a settled hand. */
async function playSomeMoney(): Promise<void> {
  const [alice, bob] = await createUsers(db, 2);
  await fund(ledger, alice!, '500.25');
  await fund(ledger, bob!, 300);
  await ledger.withdraw({ userId: alice!, amount: m('0.25'), requestId: `w-${alice}` });
  const tableId = await createTable(ledger);
  await ledger.claimTable(tableId, 1n);
  await ledger.buyIn({ tableId, seat: 1, userId: alice!, amount: m(200), reservationId: `r-${alice}` });
  await ledger.buyIn({ tableId, seat: 2, userId: bob!, amount: m(100), reservationId: `r-${bob}` });
  const settled = await ledger.settleHand({
    tableId,
    handNumber: 1,
    ownerEpoch: 1n,
    stacks: [
      { seat: 1, stack: m(250) },
      { seat: 2, stack: m(47) },
    ],
    rake: m(3),
    deckCommitment: 'c',
    deck: 'd',
    salt: 's',
    history: 'h',
    result: {},
  });
  expect(settled.ok).toBe(true);
}

describe('audit', () => {
  it('is clean after real activity and reports totals that sum to zero', async () => {
    await playSomeMoney();
    const report = await auditLedger(db.database);
    expect(report.discrepancies).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.sum.isZero()).toBe(true);
    const byKind = Object.fromEntries(report.totals.map((total) => [total.kind, total.balance.toFixed()]));
    expect(byKind.HOUSE).toBe('3');
    expect(byKind.ESCROW).toBe('297');
    const run = await cli('src/cli/audit.ts', [], db.url);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CLEAN');
  });

  it('finds a stored balance that disagrees with the transfers, and the CLI exits non-zero', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id::text FROM accounts WHERE kind = 'WALLET' LIMIT 1`,
    );
    const id = rows[0]!.id;
    await db.pool.query(`UPDATE accounts SET balance = balance + 1 WHERE id = $1::bigint`, [id]);
    try {
      const report = await auditLedger(db.database);
      expect(report.ok).toBe(false);
      expect(report.discrepancies.map((d) => d.check).sort()).toEqual(['stored-balance']);
      const run = await cli('src/cli/audit.ts', [], db.url);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('DISCREPANCIES');
    } finally {
      await db.pool.query(`UPDATE accounts SET balance = balance - 1 WHERE id = $1::bigint`, [id]);
    }
    expect((await auditLedger(db.database)).ok).toBe(true);
  });

  it('finds an escrow that no longer equals its seats', async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id::text FROM seats WHERE status = 'SEATED' LIMIT 1`,
    );
    const id = rows[0]!.id;
    await db.pool.query(`UPDATE seats SET stack = stack + 5 WHERE id = $1::bigint`, [id]);
    try {
      const report = await auditLedger(db.database);
      expect(report.discrepancies.map((d) => d.check)).toEqual(['escrow-seats']);
    } finally {
      await db.pool.query(`UPDATE seats SET stack = stack - 5 WHERE id = $1::bigint`, [id]);
    }
  });

  it('gives balances as of a past moment (--at)', async () => {
    const [carol] = await createUsers(db, 1);
    await fund(ledger, carol!, 40);
    const before = await auditLedger(db.database);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const moment = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fund(ledger, carol!, 60);
    const atMoment = await auditLedger(db.database, { at: moment });
    const now = await auditLedger(db.database);
    const wallets = (report: typeof now) =>
      report.totals.find((total) => total.kind === 'WALLET')!.balance.toFixed();
    expect(atMoment.ok).toBe(true);
    expect(wallets(atMoment)).toBe(wallets(before));
    expect(m(wallets(now)).minus(wallets(atMoment)).toFixed()).toBe('60');
    expect(now.transfers - atMoment.transfers).toBe(1);
    const run = await cli('src/cli/audit.ts', ['--at', moment.toISOString(), '--json'], db.url);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { totals: { kind: string; balance: string }[] };
    expect(printed.totals.find((total) => total.kind === 'WALLET')!.balance).toBe(wallets(atMoment));
    expect((await cli('src/cli/audit.ts', ['--at', 'yesterday-ish'], db.url)).code).toBe(2);
  });
});

describe('the database refuses what the code should never ask', () => {
  it('rolls back a posting that would overdraw a wallet, leaving everything unchanged', async () => {
    const [dave] = await createUsers(db, 1);
    await fund(ledger, dave!, 10);
    const { rows } = await db.pool.query<{ wallet: string; cashier: string }>(
      `SELECT (SELECT id::text FROM accounts WHERE user_id = $1::uuid) AS wallet,
              (SELECT id::text FROM accounts WHERE kind = 'CASHIER' AND shard = 0) AS cashier`,
      [dave],
    );
    const before = await ledgerFingerprint(db);
    // A buggy caller skipping the balance check: the CHECK constraint stops it, and the idempotency
    // record and the transfer written by the same statement vanish with it.
    const attempt = transactionRunnerOf(db.database).transaction(
      (tx) =>
        post(tx, {
          idempotencyKey: 'withdraw:overdraft',
          operation: 'withdraw',
          requestHash: 'x',
          result: {},
          transfer: {
            debitAccountId: rows[0]!.wallet,
            creditAccountId: rows[0]!.cashier,
            amount: m(11),
            kind: 'WITHDRAWAL',
          },
        }),
      { maxWaitMs: 2_000, timeoutMs: 5_000 },
    );
    await expect(attempt).rejects.toThrow(/accounts_balance_non_negative/);
    expect(await ledgerFingerprint(db)).toBe(before);
    expect((await auditLedger(db.database)).ok).toBe(true);
  });
});

describe('backup and restore', () => {
  it('chooses a pg_dump at least as new as the server, or explains what to install', async () => {
    const tool = await choosePgTool('pg_dump', 15);
    expect(tool.major).toBeGreaterThanOrEqual(15);
    // A server newer than every installed pg_dump (PostgreSQL 18 embedded, pg_dump 15 from Debian).
    await expect(choosePgTool('pg_dump', 99)).rejects.toThrow(/PostgreSQL 99 or newer.*PG_BIN_DIR/);
  });

  it('restores a backup into a new database that audits clean and holds the same ledger', async () => {
    const file = path.join(workDir, 'ledger.dump');
    const backup = await cli('src/cli/backup.ts', ['--out', file], db.url);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);

    const restoredName = await createEmptyDatabase('ledger_restored');
    const restoredUrl = databaseUrl(restoredName);
    const restored = createDatabase({
      ...databaseOptionsOf(TEST_CONFIG, restoredUrl, 'restored'),
      poolSizeMax: 2,
    });
    const restoredPool = poolOf(restored);
    try {
      const restore = await cli('src/cli/restore.ts', ['--in', file], restoredUrl);
      expect(restore.code).toBe(0);
      const report = await auditLedger(restored);
      expect(report.discrepancies).toEqual([]);
      expect(report.transfers).toBe((await auditLedger(db.database)).transfers);
      expect(await ledgerFingerprint({ pool: restoredPool } as TestDatabase)).toBe(
        await ledgerFingerprint(db),
      );
      const audit = await cli('src/cli/audit.ts', [], restoredUrl);
      expect(audit.code).toBe(0);
      // The restored database keeps working: its triggers and constraints came back with it.
      await expect(restoredPool.query(`DELETE FROM transfers`)).rejects.toThrow(/append-only/);
      const migrations = await restoredPool.query(`SELECT count(*)::int AS n FROM _prisma_migrations`);
      expect(migrations.rows[0].n).toBeGreaterThan(0);
      // Restoring over a database that has data is refused.
      await expect(restoreDatabase(restoredUrl, file)).rejects.toThrow(/not empty/);
    } finally {
      await restored.close();
      await dropDatabase(restoredName);
    }
  });
});
