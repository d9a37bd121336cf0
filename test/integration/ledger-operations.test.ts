import { describe, expect, it } from 'vitest';
import {
  createLedger,
  type HandSettlement,
  type Ledger,
  ledgerSettingsOf,
} from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { TEST_CONFIG, type TestDatabase } from '../support/database.js';
import {
  createTable,
  createUsers,
  expectRefusedWithoutEffect as expectRefusedIn,
  fund,
  ledgerFingerprint,
  seatsOf,
  walletBalance,
  withAuditedLedger,
} from '../support/ledger-fixtures.js';

let db: TestDatabase;
let ledger: Ledger;
withAuditedLedger('ledger_operations', (fixture) => {
  ({ db, ledger } = fixture);
});

const m = (value: string | number) => new Money(value);
let keys = 0;
const key = (label: string) => `${label}-${++keys}`;

function settlement(
  tableId: string,
  handNumber: number,
  overrides: Partial<HandSettlement> = {},
): HandSettlement {
  return {
    tableId,
    handNumber,
    ownerEpoch: 1n,
    stacks: [],
    rake: m(0),
    deckCommitment: 'commitment',
    deck: 'deck',
    salt: 'salt',
    history: 'variant = "NT"',
    result: { winners: [] },
    ...overrides,
  };
}

/** Expects a refusal with `code` and that nothing at all changed in the database. */
function expectRefusedWithoutEffect(
  code: string,
  attempt: () => Promise<{ ok: boolean; error?: { code: string } }>,
): Promise<void> {
  return expectRefusedIn(db, code, attempt);
}

describe('deposits and withdrawals', () => {
  it('moves money between the cashier and a wallet and reports the new balance', async () => {
    const [user] = await createUsers(db, 1);
    const deposit = await ledger.buyChips({ userId: user!, amount: m('250.75'), reference: key('ref') });
    expect(deposit.ok && deposit.value.walletBalance.toFixed()).toBe('250.75');
    const withdrawal = await ledger.withdraw({ userId: user!, amount: m('50.25'), requestId: key('w') });
    expect(withdrawal.ok && withdrawal.value.walletBalance.toFixed()).toBe('200.5');
    expect((await walletBalance(db, user!)).toFixed()).toBe('200.5');
  });

  it('never lets a wallet go below zero', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 10);
    await expectRefusedWithoutEffect('ledger/insufficient-funds', () =>
      ledger.withdraw({ userId: user!, amount: m('10.00000001'), requestId: key('w') }),
    );
    const exact = await ledger.withdraw({ userId: user!, amount: m(10), requestId: key('w') });
    expect(exact.ok && exact.value.walletBalance.isZero()).toBe(true);
  });

  it('refuses amounts that are zero, negative, too precise, too large or not Money', async () => {
    const [user] = await createUsers(db, 1);
    for (const amount of [m(0), m(-5), m('0.000000001'), m('1000000000000'), m(Number.NaN)]) {
      const result = await ledger.buyChips({ userId: user!, amount, reference: key('bad') });
      expect(result.ok ? 'accepted' : result.error.code).toBe('ledger/invalid-amount');
    }
    const notMoney = await ledger.buyChips({
      userId: user!,
      amount: 5 as unknown as Money,
      reference: key('bad'),
    });
    expect(notMoney.ok ? 'accepted' : notMoney.error.code).toBe('ledger/invalid-amount');
  });

  it('refuses a user without a wallet', async () => {
    await expectRefusedWithoutEffect('ledger/unknown-account', () =>
      ledger.buyChips({ userId: '00000000-0000-4000-8000-000000000000', amount: m(1), reference: key('r') }),
    );
  });
});

describe('buy-in, top-up and cash-out', () => {
  it('moves chips between wallet and escrow and keeps the seat in step', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 500);
    const tableId = await createTable(ledger);
    const bought = await ledger.buyIn({
      tableId,
      seat: 3,
      userId: user!,
      amount: m(100),
      reservationId: key('r'),
    });
    expect(bought.ok && [bought.value.stack.toFixed(), bought.value.walletBalance.toFixed()]).toEqual([
      '100',
      '400',
    ]);
    const topped = await ledger.topUp({
      tableId,
      seat: 3,
      userId: user!,
      amount: m(100),
      requestId: key('t'),
    });
    expect(topped.ok && topped.value.stack.toFixed()).toBe('200');
    expect((await seatsOf(db, tableId))[2]).toMatchObject({ userId: user, status: 'SEATED' });
    const cashed = await ledger.cashOut({ tableId, seat: 3, userId: user!, handNumber: 0 });
    expect(cashed.ok && [cashed.value.amount.toFixed(), cashed.value.walletBalance.toFixed()]).toEqual([
      '200',
      '500',
    ]);
    expect((await seatsOf(db, tableId))[2]).toMatchObject({ userId: null, status: 'EMPTY' });
  });

  it('enforces the buy-in range, the chip unit and the top-up ceiling', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 1000);
    const tableId = await createTable(ledger, { chipUnit: m('0.5'), minBuyIn: m(40), maxBuyIn: m(200) });
    for (const amount of [m('39.5'), m('200.5')]) {
      await expectRefusedWithoutEffect('ledger/buy-in-out-of-range', () =>
        ledger.buyIn({ tableId, seat: 1, userId: user!, amount, reservationId: key('r') }),
      );
    }
    await expectRefusedWithoutEffect('ledger/invalid-amount', () =>
      ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m('50.25'), reservationId: key('r') }),
    );
    expect(
      (await ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m('150.5'), reservationId: key('r') }))
        .ok,
    ).toBe(true);
    await expectRefusedWithoutEffect('ledger/buy-in-out-of-range', () =>
      ledger.topUp({ tableId, seat: 1, userId: user!, amount: m(50), requestId: key('t') }),
    );
    const toMax = await ledger.topUp({
      tableId,
      seat: 1,
      userId: user!,
      amount: m('49.5'),
      requestId: key('t'),
    });
    expect(toMax.ok && toMax.value.stack.toFixed()).toBe('200');
  });

  it('refuses taken seats, a second seat, unknown seats and tables, and strangers', async () => {
    const [alice, bob] = await createUsers(db, 2);
    await fund(ledger, alice!, 1000);
    await fund(ledger, bob!, 1000);
    const tableId = await createTable(ledger, { maxSeats: 2 });
    expect(
      (await ledger.buyIn({ tableId, seat: 1, userId: alice!, amount: m(50), reservationId: key('r') })).ok,
    ).toBe(true);
    await expectRefusedWithoutEffect('ledger/seat-taken', () =>
      ledger.buyIn({ tableId, seat: 1, userId: bob!, amount: m(50), reservationId: key('r') }),
    );
    await expectRefusedWithoutEffect('ledger/already-seated', () =>
      ledger.buyIn({ tableId, seat: 2, userId: alice!, amount: m(50), reservationId: key('r') }),
    );
    await expectRefusedWithoutEffect('ledger/unknown-seat', () =>
      ledger.buyIn({ tableId, seat: 3, userId: bob!, amount: m(50), reservationId: key('r') }),
    );
    await expectRefusedWithoutEffect('ledger/unknown-table', () =>
      ledger.buyIn({
        tableId: '00000000-0000-4000-8000-000000000001',
        seat: 1,
        userId: bob!,
        amount: m(50),
        reservationId: key('r'),
      }),
    );
    await expectRefusedWithoutEffect('ledger/not-seated', () =>
      ledger.topUp({ tableId, seat: 1, userId: bob!, amount: m(10), requestId: key('t') }),
    );
    await expectRefusedWithoutEffect('ledger/not-seated', () =>
      ledger.cashOut({ tableId, seat: 1, userId: bob!, handNumber: 0 }),
    );
    const [poor] = await createUsers(db, 1);
    await expectRefusedWithoutEffect('ledger/insufficient-funds', () =>
      ledger.buyIn({ tableId, seat: 2, userId: poor!, amount: m(50), reservationId: key('r') }),
    );
  });

  it('pays a player who sits down again and leaves before the next hand', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 300);
    const tableId = await createTable(ledger);
    for (const amount of [100, 60]) {
      expect(
        (await ledger.buyIn({ tableId, seat: 2, userId: user!, amount: m(amount), reservationId: key('r') }))
          .ok,
      ).toBe(true);
      const cashed = await ledger.cashOut({ tableId, seat: 2, userId: user!, handNumber: 0 });
      expect(cashed.ok && !cashed.replayed && cashed.value.amount.toFixed()).toBe(String(amount));
    }
    expect((await walletBalance(db, user!)).toFixed()).toBe('300');
  });

  it('cashes out only at the current hand number', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 300);
    const tableId = await createTable(ledger);
    await ledger.claimTable(tableId, 1n);
    await ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m(100), reservationId: key('r') });
    await ledger.settleHand(settlement(tableId, 1, { stacks: [{ seat: 1, stack: m(100) }] }));
    await expectRefusedWithoutEffect('ledger/stale-hand', () =>
      ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 0 }),
    );
    expect((await ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 1 })).ok).toBe(true);
  });
});

describe('buy-in, top-up and cash-out in the database (wallet_to_seat, cash_out)', () => {
  /** A ledger that tells its round trips, by operation, into `counted`. */
  function countingLedger(counted: [string, number][], now?: () => Date): Ledger {
    return createLedger(db.database, {
      ...ledgerSettingsOf(TEST_CONFIG),
      ...(now ? { now } : {}),
      onRoundTrips: (operation, roundTrips) => counted.push([operation, roundTrips]),
    });
  }

  it('costs exactly one round trip each: the move, its replay and a refusal', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 500);
    const tableId = await createTable(ledger);
    const counted: [string, number][] = [];
    const counting = countingLedger(counted);
    const buyIn = () =>
      counting.buyIn({ tableId, seat: 2, userId: user!, amount: m(100), reservationId: key('r') });
    const bought = await buyIn();
    expect(bought.ok).toBe(true);
    const topUpKey = key('t');
    const topUp = () =>
      counting.topUp({ tableId, seat: 2, userId: user!, amount: m(50), requestId: topUpKey });
    expect((await topUp()).ok).toBe(true);
    expect(await topUp()).toMatchObject({ ok: true, replayed: true });
    // Over the maximum buy-in: refused in the database, in the same single round trip.
    const over = await counting.topUp({
      tableId,
      seat: 2,
      userId: user!,
      amount: m(51),
      requestId: key('t'),
    });
    expect(over.ok ? 'accepted' : over.error.code).toBe('ledger/buy-in-out-of-range');
    const cashOut = () => counting.cashOut({ tableId, seat: 2, userId: user!, handNumber: 0 });
    expect(await cashOut()).toMatchObject({ ok: true, replayed: false });
    expect(await cashOut()).toMatchObject({ ok: true, replayed: true });
    expect(counted).toEqual([
      ['buyIn', 1],
      ['topUp', 1],
      ['topUp', 1],
      ['topUp', 1],
      ['cashOut', 1],
      ['cashOut', 1],
    ]);
    expect((await walletBalance(db, user!)).toFixed()).toBe('500');
  });

  it('stores results and answers as before: trimmed amounts, the seat, the transfer', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, '300.5');
    const tableId = await createTable(ledger, { chipUnit: m('0.5') });
    const bought = await ledger.buyIn({
      tableId,
      seat: 1,
      userId: user!,
      amount: m('100.5'),
      reservationId: key('r'),
    });
    expect(bought.ok).toBe(true);
    const { rows } = await db.pool.query<{
      result: Record<string, unknown>;
      operation: string;
      kind: string;
    }>(
      `SELECT r.result, r.operation, t.kind::text FROM idempotency_records r
         JOIN transfers t ON t.idempotency_key = r.key WHERE r.key LIKE 'buy-in:%' AND t.table_id = $1::uuid`,
      [tableId],
    );
    expect(rows).toHaveLength(1);
    const transferId = bought.ok ? bought.value.transferId : '';
    expect(rows[0]).toEqual({
      operation: 'buyIn',
      kind: 'BUY_IN',
      result: { seat: 1, amount: '100.5', stack: '100.5', walletBalance: '200', transferId },
    });
    const cashed = await ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 0 });
    expect(cashed.ok && cashed.value).toMatchObject({ seat: 1, transferId: expect.any(String) });
    expect(cashed.ok && [cashed.value.amount.toFixed(), cashed.value.walletBalance.toFixed()]).toEqual([
      '100.5',
      '300.5',
    ]);
    const stored = await db.pool.query<{ result: Record<string, unknown> }>(
      `SELECT result FROM idempotency_records WHERE key = $1::text`,
      [`cash-out:${tableId}:0:1:1`],
    );
    expect(stored.rows[0]?.result).toMatchObject({ seat: 1, amount: '100.5', walletBalance: '300.5' });
  });

  it('frees a seat that holds no chips without writing a transfer', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 100);
    const tableId = await createTable(ledger);
    await ledger.claimTable(tableId, 1n);
    await ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m(100), reservationId: key('r') });
    const [other] = await createUsers(db, 1);
    await fund(ledger, other!, 100);
    await ledger.buyIn({ tableId, seat: 2, userId: other!, amount: m(100), reservationId: key('r') });
    const busted = [
      { seat: 1, stack: m(0) },
      { seat: 2, stack: m(200) },
    ];
    expect((await ledger.settleHand(settlement(tableId, 1, { stacks: busted }))).ok).toBe(true);
    const transfersBefore = await db.prisma.transfer.count();
    const cashed = await ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 1 });
    expect(cashed.ok && [cashed.value.transferId, cashed.value.amount.toFixed()]).toEqual([null, '0']);
    expect(await db.prisma.transfer.count()).toBe(transfersBefore);
    expect((await seatsOf(db, tableId))[0]).toMatchObject({ userId: null, status: 'EMPTY' });
  });

  it('seats a user in a seat reserved for them, or whose reservation lapsed, and no one else', async () => {
    const [alice, bob, carol] = await createUsers(db, 3);
    for (const user of [alice, bob, carol]) await fund(ledger, user!, 500);
    const tableId = await createTable(ledger);
    const now = new Date('2026-12-07T12:00:00.000Z');
    const clocked = countingLedger([], () => now);
    const reserve = (seat: number, userId: string, until: string) =>
      db.pool.query(
        `UPDATE seats SET status = 'RESERVED', user_id = $3::uuid, reserved_until = $4::timestamptz
         WHERE table_id = $1::uuid AND seat_no = $2::int`,
        [tableId, seat, userId, until],
      );
    await reserve(1, alice!, '2026-12-07T12:00:01Z');
    await reserve(2, bob!, '2026-12-07T12:00:00Z');
    // Seat 1 is Alice's for another second: Carol is refused, and Alice may not sit elsewhere.
    await expectRefusedWithoutEffect('ledger/seat-taken', () =>
      clocked.buyIn({ tableId, seat: 1, userId: carol!, amount: m(100), reservationId: key('r') }),
    );
    await expectRefusedWithoutEffect('ledger/already-seated', () =>
      clocked.buyIn({ tableId, seat: 3, userId: alice!, amount: m(100), reservationId: key('r') }),
    );
    // Bob's reservation lapsed at this very instant: Carol takes seat 2.
    const taken = await clocked.buyIn({
      tableId,
      seat: 2,
      userId: carol!,
      amount: m(100),
      reservationId: key('r'),
    });
    expect(taken.ok).toBe(true);
    const alices = await clocked.buyIn({
      tableId,
      seat: 1,
      userId: alice!,
      amount: m(100),
      reservationId: key('r'),
    });
    expect(alices.ok).toBe(true);
    // A seated user buying into their own seat again is told so.
    await expectRefusedWithoutEffect('ledger/already-seated', () =>
      clocked.buyIn({ tableId, seat: 1, userId: alice!, amount: m(100), reservationId: key('r') }),
    );
    const { rows } = await db.pool.query<{
      seat_no: number;
      user_id: string;
      status: string;
      sitting: number;
    }>(
      `SELECT seat_no, user_id::text, status::text, sitting FROM seats
       WHERE table_id = $1::uuid AND seat_no IN (1, 2) ORDER BY seat_no`,
      [tableId],
    );
    expect(rows).toEqual([
      { seat_no: 1, user_id: alice, status: 'SEATED', sitting: 1 },
      { seat_no: 2, user_id: carol, status: 'SEATED', sitting: 1 },
    ]);
  });

  it('refuses a stale owner epoch, a closed table and a seat number no table has, writing nothing', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 500);
    const tableId = await createTable(ledger);
    expect((await ledger.claimTable(tableId, 2n)).ok).toBe(true);
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.buyIn({
        tableId,
        seat: 1,
        userId: user!,
        amount: m(100),
        reservationId: key('r'),
        ownerEpoch: 1n,
      }),
    );
    expect(
      (
        await ledger.buyIn({
          tableId,
          seat: 1,
          userId: user!,
          amount: m(100),
          reservationId: key('r'),
          ownerEpoch: 2n,
        })
      ).ok,
    ).toBe(true);
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.topUp({ tableId, seat: 1, userId: user!, amount: m(10), requestId: key('t'), ownerEpoch: 3n }),
    );
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 0, ownerEpoch: 1n }),
    );
    for (const seat of [1.5, 2 ** 40]) {
      await expectRefusedWithoutEffect('ledger/unknown-seat', () =>
        ledger.topUp({ tableId, seat, userId: user!, amount: m(10), requestId: key('t') }),
      );
      await expectRefusedWithoutEffect('ledger/unknown-seat', () =>
        ledger.cashOut({ tableId, seat, userId: user!, handNumber: 0 }),
      );
    }
    await db.pool.query(`UPDATE poker_tables SET status = 'CLOSED' WHERE id = $1::uuid`, [tableId]);
    await expectRefusedWithoutEffect('ledger/table-closed', () =>
      ledger.topUp({ tableId, seat: 1, userId: user!, amount: m(10), requestId: key('t') }),
    );
    // A closed table still pays out.
    expect((await ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 0 })).ok).toBe(true);
  });

  it('refuses another request under a cash-out key already used, and a cash-out beyond the escrow', async () => {
    const [alice, bob] = await createUsers(db, 2);
    await fund(ledger, alice!, 500);
    await fund(ledger, bob!, 500);
    const tableId = await createTable(ledger);
    await ledger.buyIn({ tableId, seat: 1, userId: alice!, amount: m(100), reservationId: key('r') });
    await ledger.buyIn({ tableId, seat: 2, userId: bob!, amount: m(100), reservationId: key('r') });
    expect((await ledger.cashOut({ tableId, seat: 1, userId: alice!, handNumber: 0 })).ok).toBe(true);
    // Same table, hand, seat and sitting: the key of Alice's cash-out, asked for by Bob.
    await expectRefusedWithoutEffect('ledger/idempotency-conflict', () =>
      ledger.cashOut({ tableId, seat: 1, userId: bob!, handNumber: 0 }),
    );
    // An escrow short of the seat's stack (a broken table): refused before anything moves.
    await db.pool.query(`UPDATE seats SET stack = 150 WHERE table_id = $1::uuid AND seat_no = 2`, [tableId]);
    await expectRefusedWithoutEffect('ledger/settlement-mismatch', () =>
      ledger.cashOut({ tableId, seat: 2, userId: bob!, handNumber: 0 }),
    );
    await db.pool.query(`UPDATE seats SET stack = 100 WHERE table_id = $1::uuid AND seat_no = 2`, [tableId]);
    expect((await ledger.cashOut({ tableId, seat: 2, userId: bob!, handNumber: 0 })).ok).toBe(true);
  });

  it('checks conservation again after writing, and a failed check undoes the whole call', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 500);
    const tableId = await createTable(ledger);
    // A trigger of this test only: every write of this table's seats adds a chip from nowhere.
    await db.pool.query(`CREATE FUNCTION test_extra_chip() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.stack := NEW.stack + 1; RETURN NEW; END $$`);
    await db.pool.query(`CREATE TRIGGER test_extra_chip BEFORE UPDATE ON seats FOR EACH ROW
      WHEN (NEW.table_id = '${tableId}'::uuid AND NEW.status <> 'EMPTY') EXECUTE FUNCTION test_extra_chip()`);
    try {
      const before = await ledgerFingerprint(db);
      const call = db.pool.query(
        `SELECT wallet_to_seat('BUY_IN', $1::uuid, 1, $2::uuid, 100, NULL, now(), 'direct-buy-in', 'hash', '1000ms')`,
        [tableId, user],
      );
      await expect(call).rejects.toMatchObject({ code: '23000' });
      const refused = await ledger.buyIn({
        tableId,
        seat: 1,
        userId: user!,
        amount: m(100),
        reservationId: key('r'),
      });
      expect(refused.ok ? 'accepted' : refused.error.code).toBe('ledger/constraint-violation');
      expect(await ledgerFingerprint(db)).toBe(before);
    } finally {
      await db.pool.query(`DROP TRIGGER test_extra_chip ON seats; DROP FUNCTION test_extra_chip()`);
    }
  });

  it('checks both balances as written, and a wallet that gains from nowhere undoes the whole top-up and cash-out', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 500);
    const tableId = await createTable(ledger);
    expect(
      (await ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m(100), reservationId: key('r') })).ok,
    ).toBe(true);
    const [{ id: walletId }] = (
      await db.pool.query(
        `SELECT id::text AS id FROM accounts WHERE kind = 'WALLET' AND user_id = $1::uuid`,
        [user],
      )
    ).rows;
    // A trigger of this test only: every write of this wallet adds a chip from nowhere.
    await db.pool.query(`CREATE FUNCTION test_extra_wallet_chip() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.balance := NEW.balance + 1; RETURN NEW; END $$`);
    await db.pool.query(`CREATE TRIGGER test_extra_wallet_chip BEFORE UPDATE ON accounts FOR EACH ROW
      WHEN (NEW.id = ${Number(walletId)}) EXECUTE FUNCTION test_extra_wallet_chip()`);
    try {
      const before = await ledgerFingerprint(db);
      const topUp = await ledger.topUp({
        tableId,
        seat: 1,
        userId: user!,
        amount: m(50),
        requestId: key('t'),
      });
      expect(topUp.ok ? 'accepted' : topUp.error.code).toBe('ledger/constraint-violation');
      const cashOut = await ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 0 });
      expect(cashOut.ok ? 'accepted' : cashOut.error.code).toBe('ledger/constraint-violation');
      expect(await ledgerFingerprint(db)).toBe(before);
    } finally {
      await db.pool.query(
        `DROP TRIGGER test_extra_wallet_chip ON accounts; DROP FUNCTION test_extra_wallet_chip()`,
      );
    }
  });
});

describe('hand settlement', () => {
  async function tableWithTwoPlayers(): Promise<{ tableId: string; alice: string; bob: string }> {
    const [alice, bob] = await createUsers(db, 2);
    await fund(ledger, alice!, 500);
    await fund(ledger, bob!, 500);
    const tableId = await createTable(ledger);
    expect((await ledger.claimTable(tableId, 1n)).ok).toBe(true);
    await ledger.buyIn({ tableId, seat: 1, userId: alice!, amount: m(100), reservationId: key('r') });
    await ledger.buyIn({ tableId, seat: 2, userId: bob!, amount: m(100), reservationId: key('r') });
    return { tableId, alice: alice!, bob: bob! };
  }

  it('writes the hand, the new stacks and the rake in one transaction', async () => {
    const { tableId } = await tableWithTwoPlayers();
    const settled = await ledger.settleHand(
      settlement(tableId, 1, {
        stacks: [
          { seat: 1, stack: m(137) },
          { seat: 2, stack: m(60) },
        ],
        rake: m(3),
      }),
    );
    expect(settled.ok && [settled.value.handNumber, settled.value.rake.toFixed()]).toEqual([1, '3']);
    const seats = await seatsOf(db, tableId);
    expect(seats.slice(0, 2).map((seat) => seat.stack.toFixed())).toEqual(['137', '60']);
    const hand = await db.prisma.hand.findUniqueOrThrow({
      where: { tableId_number: { tableId, number: 1 } },
    });
    expect([hand.status, hand.rake.toFixed(), hand.history]).toEqual(['SETTLED', '3', 'variant = "NT"']);
    const table = await db.prisma.pokerTable.findUniqueOrThrow({ where: { id: tableId } });
    expect(table.handNumber).toBe(1);
  });

  it('settles in one database round trip: one statement, no BEGIN or COMMIT around it', async () => {
    const { tableId } = await tableWithTwoPlayers();
    // The server's own counting (the poker_ledger_round_trips_total metric), by operation.
    const counted: [string, number][] = [];
    const ledger = createLedger(db.database, {
      ...ledgerSettingsOf(TEST_CONFIG),
      onRoundTrips: (operation, roundTrips) => counted.push([operation, roundTrips]),
    });
    const even = [
      { seat: 1, stack: m(99) },
      { seat: 2, stack: m(100) },
    ];
    const settled = await ledger.settleHand(settlement(tableId, 1, { stacks: even, rake: m(1) }));
    expect(settled.ok).toBe(true);
    expect(counted).toEqual([['settleHand', 1]]);
    // A replay and a refusal are one round trip too.
    counted.length = 0;
    const again = await ledger.settleHand(settlement(tableId, 1, { stacks: even, rake: m(1) }));
    expect(again.ok && again.replayed).toBe(true);
    expect((await ledger.settleHand(settlement(tableId, 3, { stacks: even }))).ok).toBe(false);
    expect(counted).toEqual([
      ['settleHand', 1],
      ['settleHand', 1],
    ]);
    // A deposit, for comparison, is an interactive transaction: BEGIN, its queries, COMMIT.
    counted.length = 0;
    const players = await seatsOf(db, tableId);
    const seated = players.find((seat) => seat.userId !== null)!;
    expect((await ledger.buyChips({ userId: seated.userId!, amount: m(1), reference: key('ref') })).ok).toBe(
      true,
    );
    const total = counted.reduce((sum, [, count]) => sum + count, 0);
    expect(counted.every(([operation]) => operation === 'buyChips')).toBe(true);
    expect(total).toBeGreaterThan(3);
  });

  it('checks conservation again in the database after writing, and a failed check undoes the whole call', async () => {
    const { tableId } = await tableWithTwoPlayers();
    const before = await seatsOf(db, tableId);
    // Called directly with seat 1 twice (the ledger refuses that before it gets here): the totals
    // checked before the writes agree (50 + 50 listed, 100 for seat 2: the escrow's 200), but once
    // written seat 1 holds 50 and the seats 150. Nothing may remain of the call.
    const call = db.pool.query(
      `SELECT settle_hand($1::uuid, 1, 1, 'c', 'd', 's', 'h', 'null'::jsonb, 0, '{1,1}'::int[],
         '{50,50}'::numeric[], 'direct-settle', 'hash', 0, '1000ms')`,
      [tableId],
    );
    await expect(call).rejects.toMatchObject({ code: '23000' });
    expect(await seatsOf(db, tableId)).toEqual(before);
    const records = await db.pool.query(`SELECT 1 FROM idempotency_records WHERE key = 'direct-settle'`);
    expect(records.rowCount).toBe(0);
    const hands = await db.prisma.hand.count({ where: { tableId } });
    expect(hands).toBe(0);
  });

  it('rejects a settlement that creates or destroys chips, or names the wrong seats', async () => {
    const { tableId } = await tableWithTwoPlayers();
    const attempts: Partial<HandSettlement>[] = [
      // one chip created
      {
        stacks: [
          { seat: 1, stack: m(101) },
          { seat: 2, stack: m(100) },
        ],
      },
      // rake not accounted for
      {
        stacks: [
          { seat: 1, stack: m(100) },
          { seat: 2, stack: m(100) },
        ],
        rake: m(2),
      },
      // an empty seat
      {
        stacks: [
          { seat: 1, stack: m(100) },
          { seat: 3, stack: m(100) },
        ],
      },
      // a seat twice
      {
        stacks: [
          { seat: 1, stack: m(100) },
          { seat: 1, stack: m(100) },
        ],
      },
      // over the rake cap (5)
      {
        stacks: [
          { seat: 1, stack: m(94) },
          { seat: 2, stack: m(100) },
        ],
        rake: m(6),
      },
      // not in chip units
      {
        stacks: [
          { seat: 1, stack: m('99.5') },
          { seat: 2, stack: m('100.5') },
        ],
      },
    ];
    for (const attempt of attempts) {
      await expectRefusedWithoutEffect('ledger/settlement-mismatch', () =>
        ledger.settleHand(settlement(tableId, 1, attempt)),
      );
    }
    // Seat 2 sitting out (not listed) keeps its stack: still conserved.
    const partial = await ledger.settleHand(settlement(tableId, 1, { stacks: [{ seat: 1, stack: m(100) }] }));
    expect(partial.ok).toBe(true);
  });

  it('fences settlements with the owner epoch and the hand number', async () => {
    const { tableId } = await tableWithTwoPlayers();
    const even = [
      { seat: 1, stack: m(100) },
      { seat: 2, stack: m(100) },
    ];
    // A new owner takes over: the old owner's settlement must fail, whatever it carries.
    expect((await ledger.claimTable(tableId, 2n)).ok).toBe(true);
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.settleHand(settlement(tableId, 1, { ownerEpoch: 1n, stacks: even })),
    );
    await expectRefusedWithoutEffect('ledger/stale-epoch', () => ledger.claimTable(tableId, 1n));
    await expectRefusedWithoutEffect('ledger/stale-hand', () =>
      ledger.settleHand(settlement(tableId, 2, { ownerEpoch: 2n, stacks: even })),
    );
    expect((await ledger.settleHand(settlement(tableId, 1, { ownerEpoch: 2n, stacks: even }))).ok).toBe(true);
    // Seat operations that carry an epoch are fenced the same way.
    const [carol] = await createUsers(db, 1);
    await fund(ledger, carol!, 100);
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.buyIn({
        tableId,
        seat: 3,
        userId: carol!,
        amount: m(50),
        reservationId: key('r'),
        ownerEpoch: 1n,
      }),
    );
    expect(
      (
        await ledger.buyIn({
          tableId,
          seat: 3,
          userId: carol!,
          amount: m(50),
          reservationId: key('r'),
          ownerEpoch: 2n,
        })
      ).ok,
    ).toBe(true);
  });

  it('voids a hand without moving money, once per hand number', async () => {
    const { tableId } = await tableWithTwoPlayers();
    const before = (await seatsOf(db, tableId)).map((seat) => seat.stack.toFixed());
    const record = {
      tableId,
      handNumber: 1,
      ownerEpoch: 1n,
      deckCommitment: 'c',
      deck: 'd',
      salt: 's',
      reason: 'node died',
    };
    const voided = await ledger.voidHand(record);
    expect(voided.ok).toBe(true);
    expect(await ledger.voidHand(record)).toMatchObject({ ok: true, replayed: true });
    expect((await seatsOf(db, tableId)).map((seat) => seat.stack.toFixed())).toEqual(before);
    await expectRefusedWithoutEffect('ledger/idempotency-conflict', () =>
      ledger.settleHand(settlement(tableId, 1, { stacks: [{ seat: 1, stack: m(100) }] })),
    );
  });
});

describe('hand records: a hand is on record from its deal, and ends settled or voided', () => {
  async function tableWithTwoPlayers(): Promise<{ tableId: string; alice: string; bob: string }> {
    const [alice, bob] = await createUsers(db, 2);
    await fund(ledger, alice!, 500);
    await fund(ledger, bob!, 500);
    const tableId = await createTable(ledger);
    expect((await ledger.claimTable(tableId, 1n)).ok).toBe(true);
    await ledger.buyIn({ tableId, seat: 1, userId: alice!, amount: m(100), reservationId: key('r') });
    await ledger.buyIn({ tableId, seat: 2, userId: bob!, amount: m(100), reservationId: key('r') });
    return { tableId, alice: alice!, bob: bob! };
  }

  const opening = (tableId: string, handNumber: number, userIds: string[], overrides = {}) => ({
    tableId,
    handNumber,
    ownerEpoch: 1n,
    deckCommitment: `commitment-${handNumber}`,
    deck: 'deck',
    salt: 'salt',
    seating: {
      userIds,
      seats: [1, 2],
      buttonSeat: 2,
      startingStacks: [10_000, 10_000],
      variant: 'NT' as const,
    },
    ...overrides,
  });

  async function handsOf(tableId: string) {
    const rows = await db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
    return rows.map((row) => [row.number, row.status, row.deckCommitment]);
  }

  it('opens only the next hand, only for the owner, and settles only the deal it opened', async () => {
    const { tableId, alice, bob } = await tableWithTwoPlayers();
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.openHand(opening(tableId, 1, [alice, bob], { ownerEpoch: 2n })),
    );
    await expectRefusedWithoutEffect('ledger/stale-hand', () =>
      ledger.openHand(opening(tableId, 2, [alice, bob])),
    );
    expect((await ledger.openHand(opening(tableId, 1, [alice, bob]))).ok).toBe(true);
    // This owner's deal whose answer was lost may be dealt again under the same number: nobody saw it.
    expect((await ledger.openHand(opening(tableId, 1, [alice, bob], { deckCommitment: 'again' }))).ok).toBe(
      true,
    );
    expect(await handsOf(tableId)).toEqual([[1, 'DEALT', 'again']]);
    await expectRefusedWithoutEffect('ledger/settlement-mismatch', () =>
      ledger.settleHand(settlement(tableId, 1, { deckCommitment: 'another deck' })),
    );
    const settled = await ledger.settleHand(
      settlement(tableId, 1, {
        deckCommitment: 'again',
        stacks: [
          { seat: 1, stack: m(110) },
          { seat: 2, stack: m(90) },
        ],
      }),
    );
    expect(settled.ok).toBe(true);
    expect(await handsOf(tableId)).toEqual([[1, 'SETTLED', 'again']]);
    // The record keeps the seating from the deal, under the settlement's result.
    const row = await db.prisma.hand.findFirstOrThrow({ where: { tableId, number: 1 } });
    expect(row.result).toMatchObject({ userIds: [alice, bob], winners: [] });
    // A settled number is never dealt again.
    await expectRefusedWithoutEffect('ledger/stale-hand', () =>
      ledger.openHand(opening(tableId, 1, [alice, bob])),
    );
  });

  it('a new owner voids a hand the old one dealt and never finished, and its number is spent', async () => {
    const { tableId, alice, bob } = await tableWithTwoPlayers();
    expect((await ledger.openHand(opening(tableId, 1, [alice, bob]))).ok).toBe(true);
    const claim = await ledger.claimTable(tableId, 2n);
    expect(claim.ok && claim.value.interruptedHand).toEqual({ number: 1, userIds: [alice, bob] });
    expect(claim.ok && claim.value.handNumber).toBe(1);
    expect(await handsOf(tableId)).toEqual([[1, 'VOIDED', 'commitment-1']]);
    const row = await db.prisma.hand.findFirstOrThrow({ where: { tableId, number: 1 } });
    expect(row.result).toMatchObject({ userIds: [alice, bob], voided: true });
    // The old owner can neither settle it nor deal on; the new one deals hand 2.
    await expectRefusedWithoutEffect('ledger/stale-epoch', () =>
      ledger.settleHand(settlement(tableId, 1, { deckCommitment: 'commitment-1' })),
    );
    await expectRefusedWithoutEffect('ledger/stale-hand', () =>
      ledger.openHand(opening(tableId, 1, [alice, bob], { ownerEpoch: 2n })),
    );
    expect((await ledger.openHand(opening(tableId, 2, [alice, bob], { ownerEpoch: 2n }))).ok).toBe(true);
    // Claiming again finds nothing more to void.
    const again = await ledger.claimTable(tableId, 3n);
    expect(again.ok && again.value.interruptedHand).toEqual({ number: 2, userIds: [alice, bob] });
    const third = await ledger.claimTable(tableId, 3n);
    expect(third.ok && third.value.interruptedHand).toBeNull();
  });

  it('records a wish to leave for the owner only, and a cash-out clears it', async () => {
    const { tableId, alice } = await tableWithTwoPlayers();
    await expectRefusedWithoutEffect('ledger/not-seated', () =>
      ledger.markLeaving({ tableId, seat: 1, userId: alice, leaving: true, ownerEpoch: 9n }),
    );
    await expectRefusedWithoutEffect('ledger/not-seated', () =>
      ledger.markLeaving({ tableId, seat: 2, userId: alice, leaving: true, ownerEpoch: 1n }),
    );
    expect(
      (await ledger.markLeaving({ tableId, seat: 1, userId: alice, leaving: true, ownerEpoch: 1n })).ok,
    ).toBe(true);
    const claim = await ledger.claimTable(tableId, 1n);
    expect(claim.ok && claim.value.seats.find((seat) => seat.seat === 1)?.leaving).toBe(true);
    expect(
      (await ledger.cashOut({ tableId, seat: 1, userId: alice, handNumber: 0, ownerEpoch: 1n })).ok,
    ).toBe(true);
    expect(await db.prisma.seat.count({ where: { tableId, leaving: true } })).toBe(0);
  });
});

describe('tables', () => {
  it('validates a table configuration', async () => {
    const bad = await ledger.createTable({
      name: 'bad',
      smallBlind: m(2),
      bigBlind: m(1),
      minBuyIn: m(40),
      maxBuyIn: m(200),
      chipUnit: m(1),
      maxSeats: 6,
    });
    expect(bad.ok ? 'created' : bad.error.code).toBe('ledger/invalid-request');
    const tooMany = await ledger.createTable({
      name: 'big',
      smallBlind: m(1),
      bigBlind: m(2),
      minBuyIn: m(40),
      maxBuyIn: m(200),
      chipUnit: m(1),
      maxSeats: 11,
    });
    expect(tooMany.ok ? 'created' : tooMany.error.code).toBe('ledger/invalid-request');
  });

  it('closes only an empty table, and a closed table takes no buy-in', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 100);
    const tableId = await createTable(ledger);
    await ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m(50), reservationId: key('r') });
    await expectRefusedWithoutEffect('ledger/table-not-empty', () => ledger.closeTable(tableId));
    await ledger.cashOut({ tableId, seat: 1, userId: user!, handNumber: 0 });
    expect((await ledger.closeTable(tableId)).ok).toBe(true);
    await expectRefusedWithoutEffect('ledger/table-closed', () =>
      ledger.buyIn({ tableId, seat: 1, userId: user!, amount: m(50), reservationId: key('r') }),
    );
  });

  it('hands a new owner the seats as the database holds them', async () => {
    const [user] = await createUsers(db, 1);
    await fund(ledger, user!, 100);
    const tableId = await createTable(ledger, { maxSeats: 3 });
    await ledger.buyIn({ tableId, seat: 2, userId: user!, amount: m(70), reservationId: key('r') });
    const claim = await ledger.claimTable(tableId, 7n);
    expect(claim.ok && claim.value.ownerEpoch).toBe(7n);
    expect(
      claim.ok &&
        claim.value.seats.map((seat) => [seat.seat, seat.userId, seat.stack.toFixed(), seat.status]),
    ).toEqual([
      [1, null, '0', 'EMPTY'],
      [2, user, '70', 'SEATED'],
      [3, null, '0', 'EMPTY'],
    ]);
    const again = await ledger.claimTable(tableId, 7n);
    expect(again.ok).toBe(true);
  });
});
