import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('ledger_schema');
});
afterAll(async () => {
  await db?.drop();
});

describe('ledger schema', () => {
  it('records the migration in _prisma_migrations as prisma migrate deploy does', async () => {
    const { rows } = await db.pool.query(
      'SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('seeds 16 house and 16 cashier shards', async () => {
    const counts = await db.prisma.account.groupBy({ by: ['kind'], _count: true, orderBy: { kind: 'asc' } });
    expect(counts.map((c) => [c.kind, c._count])).toEqual([
      ['HOUSE', 16],
      ['CASHIER', 16],
    ]);
  });

  it('opens a wallet for every new user', async () => {
    const user = await db.prisma.user.create({ data: { username: 'alice', passwordHash: 'x' } });
    const wallet = await db.prisma.account.findUnique({ where: { userId: user.id } });
    expect(wallet?.kind).toBe('WALLET');
    expect(wallet?.balance.toFixed()).toBe('0');
  });

  it('refuses a negative wallet, a non-positive transfer and a rewrite of the ledger', async () => {
    const user = await db.prisma.user.create({ data: { username: 'bob', passwordHash: 'x' } });
    await expect(
      db.pool.query(`UPDATE accounts SET balance = -1 WHERE user_id = $1`, [user.id]),
    ).rejects.toThrow(/accounts_balance_non_negative/);
    const wallet = await db.prisma.account.findUniqueOrThrow({ where: { userId: user.id } });
    await expect(
      db.pool.query(
        `INSERT INTO transfers (debit_account_id, credit_account_id, amount, kind, idempotency_key, request_hash)
         VALUES (1, $1, 0, 'DEPOSIT', 'k0', 'h')`,
        [wallet.id],
      ),
    ).rejects.toThrow(/transfers_amount_positive/);
    await db.pool.query(
      `INSERT INTO transfers (debit_account_id, credit_account_id, amount, kind, idempotency_key, request_hash)
       VALUES ((SELECT id FROM accounts WHERE kind = 'CASHIER' AND shard = 0), $1, 5, 'DEPOSIT', 'k1', 'h')`,
      [wallet.id],
    );
    await expect(
      db.pool.query(`UPDATE transfers SET amount = 6 WHERE idempotency_key = 'k1'`),
    ).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM transfers`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`TRUNCATE transfers CASCADE`)).rejects.toThrow(/append-only/);
  });
});
