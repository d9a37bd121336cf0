import { describe, expect, it } from 'vitest';
import { sqlStateOf } from '../../src/db/transaction-runner.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TestDatabase } from '../support/database.js';
import { testLedger } from '../support/database.js';
import {
  createTable,
  createUsers,
  expectRefusedWithoutEffect,
  fund,
  ledgerFingerprint,
  walletBalance,
  withAuditedLedger,
} from '../support/ledger-fixtures.js';

let db: TestDatabase;
let ledger: Ledger;
withAuditedLedger('ledger_idempotency', (fixture) => {
  ({ db, ledger } = fixture);
});

const m = (value: string | number) => new Money(value);

/** Runs `call` a second time and checks it replays the first result and moves nothing. */
async function expectReplay<T>(
  first: { ok: boolean; value?: T },
  call: () => Promise<{ ok: boolean; value?: T; replayed?: boolean }>,
) {
  expect(first.ok).toBe(true);
  const before = await ledgerFingerprint(db);
  const again = await call();
  expect(again).toMatchObject({ ok: true, replayed: true });
  expect(JSON.stringify(again.value)).toBe(JSON.stringify(first.value));
  expect(await ledgerFingerprint(db)).toBe(before);
}

/** Expects `call` to be refused as a conflicting reuse of a key, moving nothing. */
function expectConflict(call: () => Promise<{ ok: boolean; error?: { code: string } }>) {
  return expectRefusedWithoutEffect(db, 'ledger/idempotency-conflict', call);
}

describe('every money operation is idempotent', () => {
  it('buyChips and withdraw: same key, same request -> the first result; another request -> conflict', async () => {
    const [user, other] = await createUsers(db, 2);
    const deposit = () => ledger.buyChips({ userId: user!, amount: m('99.99'), reference: 'psp-1' });
    const first = await deposit();
    // The state moves on; a replay still answers what happened then.
    await ledger.withdraw({ userId: user!, amount: m(9), requestId: 'w-1' });
    await expectReplay(first, deposit);
    await expectConflict(() => ledger.buyChips({ userId: user!, amount: m(100), reference: 'psp-1' }));
    await expectConflict(() => ledger.buyChips({ userId: other!, amount: m('99.99'), reference: 'psp-1' }));
    const withdrawal = await ledger.withdraw({ userId: user!, amount: m(1), requestId: 'w-2' });
    await expectReplay(withdrawal, () => ledger.withdraw({ userId: user!, amount: m(1), requestId: 'w-2' }));
    await expectConflict(() => ledger.withdraw({ userId: user!, amount: m(2), requestId: 'w-2' }));
    expect((await walletBalance(db, user!)).toFixed()).toBe('89.99');
  });

  it('buyIn, topUp, cashOut and settleHand', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 1000);
    const tableId = await createTable(ledger);
    await ledger.claimTable(tableId, 1n);
    const buyIn = () =>
      ledger.buyIn({ tableId, seat: 4, userId: user!, amount: m(100), reservationId: 'res-1' });
    await expectReplay(await buyIn(), buyIn);
    await expectConflict(() =>
      ledger.buyIn({ tableId, seat: 5, userId: user!, amount: m(100), reservationId: 'res-1' }),
    );

    const topUp = () => ledger.topUp({ tableId, seat: 4, userId: user!, amount: m(50), requestId: 'top-1' });
    await expectReplay(await topUp(), topUp);
    await expectConflict(() =>
      ledger.topUp({ tableId, seat: 4, userId: user!, amount: m(60), requestId: 'top-1' }),
    );

    const settle = () =>
      ledger.settleHand({
        tableId,
        handNumber: 1,
        ownerEpoch: 1n,
        stacks: [{ seat: 4, stack: m(145) }],
        rake: m(5),
        deckCommitment: 'c',
        deck: 'd',
        salt: 's',
        history: 'h',
        result: { pots: 1 },
      });
    await expectReplay(await settle(), settle);
    await expectConflict(() =>
      ledger.settleHand({
        tableId,
        handNumber: 1,
        ownerEpoch: 1n,
        stacks: [{ seat: 4, stack: m(146) }],
        rake: m(4),
        deckCommitment: 'c',
        deck: 'd',
        salt: 's',
        history: 'h',
        result: { pots: 1 },
      }),
    );

    const cashOut = () => ledger.cashOut({ tableId, seat: 4, userId: user!, handNumber: 1 });
    const cashed = await cashOut();
    expect(cashed.ok && cashed.value.amount.toFixed()).toBe('145');
    await expectReplay(cashed, cashOut);
    expect((await walletBalance(db, user!)).toFixed()).toBe('995');
  });
});

describe('retries', () => {
  it('retries a lock timeout and succeeds once the lock is free, moving money once', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 100);
    const retried: string[] = [];
    const impatient = testLedger(db, {
      lockTimeoutMs: 50,
      onRetry: (failure) => retried.push(sqlStateOf(failure) ?? 'other'),
    });
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM accounts WHERE user_id = $1::uuid FOR UPDATE`, [user]);
      const pending = impatient.withdraw({ userId: user!, amount: m(30), requestId: 'held-1' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      await holder.query('COMMIT');
      const result = await pending;
      expect(result.ok).toBe(true);
    } finally {
      holder.release();
    }
    expect(retried.length).toBeGreaterThan(0);
    expect(new Set(retried)).toEqual(new Set(['55P03']));
    expect((await walletBalance(db, user!)).toFixed()).toBe('70');
  });

  it('gives up with ledger/busy after its retries, and the caller retrying later moves money once', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 100);
    const impatient = testLedger(db, {
      lockTimeoutMs: 20,
      retry: { attemptsMax: 2, delayBaseMs: 1, delayMaxMs: 2 },
    });
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM accounts WHERE user_id = $1::uuid FOR UPDATE`, [user]);
      const before = await ledgerFingerprint(db);
      const refused = await impatient.withdraw({ userId: user!, amount: m(30), requestId: 'held-2' });
      expect(refused.ok ? 'accepted' : refused.error.code).toBe('ledger/busy');
      expect(await ledgerFingerprint(db)).toBe(before);
      await holder.query('COMMIT');
    } finally {
      holder.release();
    }
    const retried = await ledger.withdraw({ userId: user!, amount: m(30), requestId: 'held-2' });
    expect(retried).toMatchObject({ ok: true, replayed: false });
    const again = await ledger.withdraw({ userId: user!, amount: m(30), requestId: 'held-2' });
    expect(again).toMatchObject({ ok: true, replayed: true });
    expect((await walletBalance(db, user!)).toFixed()).toBe('70');
  });
});
