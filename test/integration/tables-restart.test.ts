import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { createTestDatabase, type TestDatabase, testLedger } from '../support/database.js';
import { testConfig } from '../support/http-app.js';
import { PokerClient } from '../support/poker-client.js';
import { act, clientToAct } from '../support/table-client-steps.js';
import { spawnTableServer, type TableServerProcess } from '../support/table-server-process.js';

let db: TestDatabase;
let ledger: Ledger;
const servers: TableServerProcess[] = [];
const clients: PokerClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase('tables_restart', 5);
  ledger = testLedger(db);
});

afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of servers)
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await db?.drop();
});

const ENV = (url: string) => ({
  DATABASE_URL: url,
  HOST: '127.0.0.1',
  PORT: '0',
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  TABLE_HAND_PAUSE_MS: '300',
  TABLE_ACTION_TIMEOUT_MS: '60000',
  TABLE_DISCONNECT_GRACE_MS: '60000',
});

async function seatStacks(tableId: string): Promise<Record<number, string>> {
  const seats = await db.prisma.seat.findMany({
    where: { tableId, status: { not: 'EMPTY' } },
    orderBy: { seatNo: 'asc' },
  });
  return Object.fromEntries(seats.map((seat) => [seat.seatNo, new Money(seat.stack.toFixed()).toFixed()]));
}

/** Plays the hand out passively: whoever is to act checks, or folds. */
async function foldAround(players: PokerClient[], watcher: PokerClient, tableId: string, number: number) {
  for (let i = 0; i < 30; i++) {
    const view = await watcher.waitForView(
      tableId,
      (v) => v.hand?.number === number && (v.hand.phase === 'complete' || v.hand.toActSeat !== null),
    );
    if (view.hand!.phase === 'complete') return view;
    const client = clientToAct(players, view);
    const own = await client.waitForView(
      tableId,
      (v) => v.hand?.number === number && v.hand.turn === view.hand!.turn && v.hand.legal !== null,
    );
    expect(
      (await act(client, tableId, own.hand!.legal!.actions.includes('check') ? 'check' : 'fold')).ok,
    ).toBe(true);
    await watcher.waitForView(tableId, (v) => v.hand!.turn > view.hand!.turn || v.hand!.phase === 'complete');
  }
  throw new Error('the hand did not end');
}

describe('a server killed mid-hand', () => {
  it('restarts with every stack as it was when the hand began, and a clean audit', async () => {
    const created = await ledger.createTable({
      name: 'Chaos',
      smallBlind: new Money('0.5'),
      bigBlind: new Money('1'),
      minBuyIn: new Money('20'),
      maxBuyIn: new Money('200'),
      chipUnit: new Money('0.01'),
      maxSeats: 6,
      rakeBasisPoints: 500,
      rakeCap: new Money('3'),
    });
    if (!created.ok) throw new Error(created.error.message);
    const tableId = created.value.tableId;
    const config = testConfig();
    const tokens: { userId: string; token: string }[] = [];
    for (const name of ['kim', 'lee', 'mo', 'nia']) {
      const user = await registerUser(db.database, config, {
        username: `${name}_${process.pid % 1000}`,
        password: 'correct horse battery',
        role: 'player',
      });
      if (!user.ok) throw new Error(user.error.message);
      const session = await createSession(db.database, user.value.id, 3600);
      expect(
        (await ledger.buyChips({ userId: user.value.id, amount: new Money(500), reference: `chaos-${name}` }))
          .ok,
      ).toBe(true);
      tokens.push({ userId: user.value.id, token: session.token });
    }

    const first = await spawnTableServer(ENV(db.url));
    servers.push(first);
    const connectAll = async (url: string) => {
      const all = await Promise.all(
        tokens.map(({ userId, token }) => PokerClient.connect(url, token, userId)),
      );
      clients.push(...all);
      return { players: all.slice(0, 3), watcher: all[3]! };
    };
    let { players, watcher } = await connectAll(first.url);
    expect((await watcher.send('table:join', { tableId })).ok).toBe(true);
    for (const [i, client] of players.entries()) {
      expect((await client.send('table:sit', { tableId, seat: i + 1, buyIn: '100' })).ok).toBe(true);
    }
    await foldAround(players, watcher, tableId, 1);
    const afterHandOne = await seatStacks(tableId);

    // Hand 2: a raise and a call put chips in the middle; then the process is killed.
    let view = await watcher.waitForView(tableId, (v) => v.hand?.number === 2 && v.hand.toActSeat !== null);
    const killedCommitment = view.hand!.deckCommitment;
    let client = clientToAct(players, view);
    let own = await client.waitForView(tableId, (v) => v.hand?.number === 2 && v.hand.legal !== null);
    expect((await act(client, tableId, 'raise', own.hand!.legal!.betOrRaise!.minTo)).ok).toBe(true);
    view = await watcher.waitForView(tableId, (v) => v.hand!.number === 2 && v.hand!.turn === 1);
    client = clientToAct(players, view);
    own = await client.waitForView(
      tableId,
      (v) => v.hand?.number === 2 && v.hand.turn === 1 && v.hand.legal !== null,
    );
    expect((await act(client, tableId, 'call')).ok).toBe(true);
    view = await watcher.waitForView(tableId, (v) => v.hand!.turn === 2);
    expect(view.hand!.players.some((player) => new Money(player.totalCommitted).greaterThan(1))).toBe(true);

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // Nothing of the interrupted hand reached the database: stacks are those of its start.
    expect(await seatStacks(tableId)).toEqual(afterHandOne);
    expect(await db.prisma.hand.count({ where: { tableId } })).toBe(1);
    const audit = await auditLedger(db.database);
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);

    const second = await spawnTableServer({ ...ENV(db.url), TABLE_SHUTDOWN_HAND_WAIT_MS: '300' });
    servers.push(second);
    ({ players, watcher } = await connectAll(second.url));
    const joined = await watcher.send<TableView>('table:join', { tableId });
    expect(joined.ok).toBe(true);
    for (const client of players) expect((await client.send('table:join', { tableId })).ok).toBe(true);
    const restored = joined.ok ? joined.data : null;
    const shown = Object.fromEntries(
      restored!.seats.filter((seat) => seat.player).map((seat) => [seat.seat, seat.player!.stack]),
    );
    expect(shown).toEqual(afterHandOne);
    // Hand 2 is dealt again, from a new deck, and plays to its end.
    view = await watcher.waitForView(tableId, (v) => v.hand?.number === 2 && v.hand.phase !== 'complete');
    expect(view.hand!.deckCommitment).not.toBe(killedCommitment);
    await foldAround(players, watcher, tableId, 2);
    const hands = await db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
    expect(hands.map((hand) => [hand.number, hand.status])).toEqual([
      [1, 'SETTLED'],
      [2, 'SETTLED'],
    ]);
    expect((await auditLedger(db.database)).ok).toBe(true);

    // A graceful stop during hand 3: nobody acts within the shutdown wait, so the hand is recorded
    // as void and every stack stays as it was after hand 2.
    const afterHandTwo = await seatStacks(tableId);
    await watcher.waitForView(tableId, (v) => v.hand?.number === 3 && v.hand.phase !== 'complete');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const finalHands = await db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
    expect(finalHands.map((hand) => hand.status)).toEqual(['SETTLED', 'SETTLED', 'VOIDED']);
    expect(await seatStacks(tableId)).toEqual(afterHandTwo);
    expect((await auditLedger(db.database)).ok).toBe(true);
  });
});
