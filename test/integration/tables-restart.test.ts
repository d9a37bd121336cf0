import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDeckProof } from '../../src/fairness/verify-deck-proof.js';
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

/** GET a JSON document from the server with a player's session. */
async function fetchJson(baseUrl: string, path: string, token: string) {
  const response = await fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads a few fields of the documented answer
  return (await response.json()) as any;
}

describe('a server killed mid-hand', () => {
  it('voids the hand on record, tells its players, keeps a deferred leave, and never deals its number again', async () => {
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

    // Hand 2: the third player asks to leave at the end of the hand, which the table acknowledges as
    // deferred (and records with the seat).
    const leaver = players[2]!;
    const leaveAck = await leaver.send<{ when: string }>('table:leave', { tableId });
    expect(leaveAck.ok && leaveAck.data.when).toBe('after-hand');
    // What each player saw of hand 2: their own cards, under the commitment published at the deal.
    const seen = new Map(
      await Promise.all(
        players.map(async (player) => {
          const own = await player.waitForView(tableId, (v) => v.hand?.number === 2);
          const mine = own.hand!.players.find((entry) => entry.seat === own.you.seat)?.holeCards;
          return [player.userId, { commitment: own.hand!.deckCommitment, cards: mine }] as const;
        }),
      ),
    );

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    // Nothing of the interrupted hand's money reached the database: stacks are those of its start.
    // Its record exists from the deal on, with the commitment the players were shown.
    expect(await seatStacks(tableId)).toEqual(afterHandOne);
    const dealt = await db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
    expect(dealt.map((hand) => [hand.number, hand.status, hand.deckCommitment])).toEqual([
      [1, 'SETTLED', dealt[0]!.deckCommitment],
      [2, 'DEALT', killedCommitment],
    ]);
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
    // Hand 2 is void, once and for good: a record, never a silent redeal under its number.
    const afterRestart = await db.prisma.hand.findMany({
      where: { tableId, number: { lte: 2 } },
      orderBy: { number: 'asc' },
    });
    expect(afterRestart.map((hand) => [hand.number, hand.status, hand.deckCommitment])).toEqual([
      [1, 'SETTLED', dealt[0]!.deckCommitment],
      [2, 'VOIDED', killedCommitment],
    ]);
    // The player who asked to leave was cashed out with the stack of the start of hand 2.
    const leaverSeat = Object.entries(afterHandOne).find(
      ([seatNo]) => restored!.seats.find((seat) => seat.seat === Number(seatNo))?.player === null,
    );
    expect(leaverSeat).toBeDefined();
    const shown = Object.fromEntries(
      restored!.seats.filter((seat) => seat.player).map((seat) => [seat.seat, seat.player!.stack]),
    );
    expect(shown).toEqual(
      Object.fromEntries(Object.entries(afterHandOne).filter(([seatNo]) => seatNo !== leaverSeat![0])),
    );
    expect(await db.prisma.seat.count({ where: { tableId, leaving: true } })).toBe(0);
    // Everyone who comes back is told hand 2 was void, once.
    for (const client of [...players, watcher]) {
      await expect
        .poll(() => client.notices.filter((notice) => notice.kind === 'hand-voided').length)
        .toBe(1);
      expect(client.notices.find((notice) => notice.kind === 'hand-voided')!.message).toMatch(
        /hand 2 was void/,
      );
    }
    // The next deal is hand 3, from a new deck; an action chosen for hand 2's deal never lands on it.
    const remaining = players.filter((player) => player !== leaver);
    view = await watcher.waitForView(tableId, (v) => v.hand?.number === 3 && v.hand.phase !== 'complete');
    expect(view.hand!.deckCommitment).not.toBe(killedCommitment);
    const mover = clientToAct(remaining, view);
    const stale = await mover.send('table:act', {
      tableId,
      deckCommitment: killedCommitment,
      handNumber: 3,
      turn: view.hand!.turn,
      kind: 'fold',
    });
    expect(stale.ok ? 'applied' : stale.error.code).toBe('table/wrong-deal');
    // Each player of hand 2 finds it in their history, marked void, with a proof of the cards they
    // saw against the commitment they were shown.
    for (const player of players) {
      const token = tokens.find((entry) => entry.userId === player.userId)!.token;
      const list = await fetchJson(second.url, '/api/hands', token);
      const voided = list.hands.find(
        (hand: { number: number; tableId: string }) => hand.tableId === tableId && hand.number === 2,
      );
      expect(voided.status).toBe('voided');
      expect(voided.net).toBe('0');
      const { hand } = await fetchJson(second.url, `/api/hands/${voided.id}`, token);
      const mine = seen.get(player.userId)!;
      expect(mine.commitment).toBe(killedCommitment);
      expect(verifyDeckProof(hand.proof, { expectedCommitment: killedCommitment })).toMatchObject({
        ok: true,
      });
      expect(
        hand.proof.holeCards.find((entry: { seat: number }) => entry.seat === voided.seat).cards,
      ).toEqual(mine.cards);
      expect(hand.proof.holeCards).toHaveLength(1);
    }
    await foldAround(remaining, watcher, tableId, 3);
    expect((await auditLedger(db.database)).ok).toBe(true);

    // A graceful stop during hand 4: nobody acts within the shutdown wait, so the hand is recorded
    // as void and every stack stays as it was after hand 3.
    const afterHandThree = await seatStacks(tableId);
    await watcher.waitForView(tableId, (v) => v.hand?.number === 4 && v.hand.phase !== 'complete');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const finalHands = await db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
    expect(finalHands.map((hand) => hand.status)).toEqual(['SETTLED', 'VOIDED', 'SETTLED', 'VOIDED']);
    expect(await seatStacks(tableId)).toEqual(afterHandThree);
    expect((await auditLedger(db.database)).ok).toBe(true);
  });
});
