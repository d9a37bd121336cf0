import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlStateOf } from '../../src/db/transaction-runner.js';
import { auditLedger } from '../../src/ledger/audit.js';
import type { LedgerResult } from '../../src/ledger/ledger-errors.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { createTestDatabase, type TestDatabase, testLedger } from '../support/database.js';
import { createTable, createUsers, fund, seatsOf, walletBalance } from '../support/ledger-fixtures.js';
import { seededRandom } from '../support/seeded-random.js';

let db: TestDatabase;
let ledger: Ledger;
const retriedStates: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('ledger_concurrency', 20);
  ledger = testLedger(db, {
    onRetry: (failure) => retriedStates.push(sqlStateOf(failure) ?? 'other'),
  });
});

afterAll(async () => {
  await db?.drop();
});

const m = (value: string | number) => new Money(value);

/** Refusals a racing client may legitimately get; anything else (busy, failed...) is a bug here. */
const EXPECTED_REFUSALS = new Set([
  'ledger/insufficient-funds',
  'ledger/seat-taken',
  'ledger/already-seated',
  'ledger/not-seated',
]);

function unexpectedErrors(results: readonly LedgerResult<unknown>[]): string[] {
  return results.flatMap((result) =>
    !result.ok && !EXPECTED_REFUSALS.has(result.error.code)
      ? [`${result.error.code}: ${result.error.message}`]
      : [],
  );
}

describe('one wallet under 200 concurrent mixed calls', () => {
  it('ends at the balance the acknowledged operations add up to, in a serial order', async () => {
    const next = seededRandom(20_251_125);
    const random = { next };
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 2_000);
    const tables = [await createTable(ledger), await createTable(ledger), await createTable(ledger)];
    type Call = {
      kind: 'buyIn' | 'cashOut' | 'withdraw';
      result: LedgerResult<{ walletBalance: Money }>;
      delta: Money;
    };
    const calls: Promise<Call>[] = [];
    for (let i = 0; i < 200; i++) {
      const choice = random.next();
      const tableId = tables[Math.floor(random.next() * tables.length)]!;
      const seat = 1 + Math.floor(random.next() * 6);
      if (choice < 0.4) {
        const amount = m(40 + Math.floor(random.next() * 161));
        calls.push(
          ledger
            .buyIn({ tableId, seat, userId: user!, amount, reservationId: `mixed-buy-in-${i}` })
            .then((result) => ({ kind: 'buyIn', result, delta: amount.negated() })),
        );
      } else if (choice < 0.75) {
        calls.push(
          ledger
            .cashOut({ tableId, seat, userId: user!, handNumber: 0 })
            .then((result) => ({ kind: 'cashOut', result, delta: result.ok ? result.value.amount : m(0) })),
        );
      } else {
        const amount = m(`${1 + Math.floor(random.next() * 100)}.${Math.floor(random.next() * 100)}`);
        calls.push(
          ledger
            .withdraw({ userId: user!, amount, requestId: `mixed-withdraw-${i}` })
            .then((result) => ({ kind: 'withdraw', result, delta: amount.negated() })),
        );
      }
    }
    const settled = await Promise.all(calls);
    expect(unexpectedErrors(settled.map((call) => call.result))).toEqual([]);
    const acknowledged = settled.filter((call) => call.result.ok);
    expect(acknowledged.filter((call) => call.kind === 'buyIn').length).toBeGreaterThan(5);
    expect(acknowledged.filter((call) => call.kind === 'withdraw').length).toBeGreaterThan(5);

    // The model: the starting balance plus every acknowledged movement. A cash-out of a seat this
    // user already left replays that earlier cash-out (same table, hand, seat and sitting): no money.
    const model = acknowledged
      .filter((call) => call.result.ok && !call.result.replayed)
      .reduce((balance, call) => balance.plus(call.delta), m(2_000));
    const final = await walletBalance(db, user!);
    expect(final.toFixed()).toBe(model.toFixed());

    // Serializability: the wallet's movements, in the order its lock granted them (transfer ids are
    // drawn under that lock), reproduce the balance each call reported.
    const transfers = await db.pool.query<{ id: string; delta: string }>(
      `SELECT t.id::text, (CASE WHEN t.credit_account_id = a.id THEN t.amount ELSE -t.amount END)::text AS delta
       FROM transfers t JOIN accounts a ON a.user_id = $1::uuid
       WHERE a.id IN (t.debit_account_id, t.credit_account_id) ORDER BY t.id`,
      [user],
    );
    let running = m(0);
    const balanceAfter = new Map<string, string>();
    for (const row of transfers.rows) {
      running = running.plus(row.delta);
      expect(running.isNegative()).toBe(false);
      balanceAfter.set(row.id, running.toFixed());
    }
    for (const call of acknowledged) {
      const value = call.result.ok
        ? (call.result.value as { transferId: string | null; walletBalance: Money })
        : null;
      if (value?.transferId) expect(balanceAfter.get(value.transferId)).toBe(value.walletBalance.toFixed());
    }

    // The seats hold what the escrows hold, and nothing anywhere is negative.
    for (const tableId of tables) {
      for (const seat of await seatsOf(db, tableId)) expect(seat.stack.isNegative()).toBe(false);
    }
    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
  });
});

describe('crossing transfers', () => {
  it('never deadlocks: money flows both ways between the same pairs of accounts at once', async () => {
    const users = await createUsers(db, 8);
    for (const user of users) await fund(ledger, user, 10_000);
    const tables = await Promise.all([createTable(ledger), createTable(ledger)]);
    for (const tableId of tables) expect((await ledger.claimTable(tableId, 1n)).ok).toBe(true);
    retriedStates.length = 0;
    const results: LedgerResult<unknown>[] = [];
    const deadline = Date.now() + 3_000;
    let sequence = 0;

    // Each worker owns one seat of one table and cycles buy-in -> top-up -> cash-out (wallet to
    // escrow, escrow to wallet) while deposits and withdrawals hit the same wallets (cashier both
    // ways) and each table settles hands (escrow to house) in between.
    const seatWorker = async (userIndex: number) => {
      const user = users[userIndex]!;
      const tableId = tables[userIndex % 2]!;
      const seat = 1 + Math.floor(userIndex / 2);
      while (Date.now() < deadline) {
        const n = ++sequence;
        results.push(
          await ledger.buyIn({ tableId, seat, userId: user, amount: m(100), reservationId: `x-b-${n}` }),
        );
        results.push(
          await ledger.topUp({ tableId, seat, userId: user, amount: m(50), requestId: `x-t-${n}` }),
        );
        // A hand may settle between reading its number and cashing out: then cash out at the new one.
        for (;;) {
          const table = await db.prisma.pokerTable.findUniqueOrThrow({ where: { id: tableId } });
          const cashed = await ledger.cashOut({ tableId, seat, userId: user, handNumber: table.handNumber });
          if (cashed.ok || cashed.error.code !== 'ledger/stale-hand') {
            results.push(cashed);
            break;
          }
        }
      }
    };
    // Two cashier workers per wallet, one paying in and one paying out: the same two rows (wallet,
    // cashier shard) locked by two transactions at once, money moving in opposite directions.
    const cashierWorker = async (userIndex: number, direction: 'in' | 'out') => {
      const user = users[userIndex]!;
      while (Date.now() < deadline) {
        const n = ++sequence;
        results.push(
          direction === 'in'
            ? await ledger.buyChips({ userId: user, amount: m(5), reference: `x-d-${n}` })
            : await ledger.withdraw({ userId: user, amount: m(5), requestId: `x-w-${n}` }),
        );
      }
    };
    const dealer = async (tableId: string) => {
      while (Date.now() < deadline) {
        const table = await db.prisma.pokerTable.findUniqueOrThrow({ where: { id: tableId } });
        const seats = (await seatsOf(db, tableId)).filter((seat) => seat.status === 'SEATED');
        const settled = await ledger.settleHand({
          tableId,
          handNumber: table.handNumber + 1,
          ownerEpoch: 1n,
          stacks: seats.map((seat) => ({ seat: seat.seat, stack: seat.stack })),
          rake: m(0),
          deckCommitment: 'c',
          deck: 'd',
          salt: 's',
          history: '',
          result: null,
        });
        // Seats change under the dealer's feet (buy-ins, cash-outs): refused, never half-applied.
        if (!settled.ok)
          expect(['ledger/settlement-mismatch', 'ledger/stale-hand']).toContain(settled.error.code);
      }
    };
    await Promise.all([
      ...users.map((_, index) => seatWorker(index)),
      ...users.map((_, index) => cashierWorker(index, 'in')),
      ...users.map((_, index) => cashierWorker(index, 'out')),
      ...tables.map((tableId) => dealer(tableId)),
    ]);

    expect(unexpectedErrors(results)).toEqual([]);
    expect(results.filter((result) => result.ok).length).toBeGreaterThan(100);
    // Retries hide deadlocks from callers, so count them: the lock order must make them impossible.
    expect(retriedStates.filter((state) => state === '40P01')).toEqual([]);
    expect((await auditLedger(db.database)).discrepancies).toEqual([]);
  });
});

describe('concurrent duplicates', () => {
  it('moves money once when the same request arrives 20 times at once', async () => {
    const [user] = await createUsers(db, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        ledger.buyChips({ userId: user!, amount: m('12.34'), reference: 'twenty-twins' }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && !result.replayed)).toHaveLength(1);
    const ids = new Set(results.map((result) => (result.ok ? result.value.transferId : '')));
    expect(ids.size).toBe(1);
    expect((await walletBalance(db, user!)).toFixed()).toBe('12.34');
  });

  it('lets exactly one of two different requests under one key win', async () => {
    const [user] = await createUsers(db, 1);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ledger.buyChips({ userId: user!, amount: m(i % 2 === 0 ? 5 : 7), reference: 'contested' }),
      ),
    );
    const winners = results.filter((result) => result.ok && !result.replayed);
    expect(winners).toHaveLength(1);
    const winningAmount = winners[0]!.ok ? winners[0]!.value.amount.toFixed() : '';
    for (const result of results) {
      if (result.ok) expect(result.value.amount.toFixed()).toBe(winningAmount);
      else expect(result.error.code).toBe('ledger/idempotency-conflict');
    }
    expect((await walletBalance(db, user!)).toFixed()).toBe(winningAmount);
  });
});
