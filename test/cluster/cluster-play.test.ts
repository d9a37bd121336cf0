import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardToString, parseCards } from '../../src/engine/cards.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import type { LobbyTable } from '../../src/protocol/lobby.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import {
  checkHiddenInformation,
  createCashTable,
  createFundedUsers,
  expectCleanAudit,
  finishedHands,
} from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { ClusterPlayer } from '../support/cluster-player.js';
import { createTestDatabase, type TestDatabase, testLedger } from '../support/database.js';
import { testConfig } from '../support/http-app.js';
import { PokerClient } from '../support/poker-client.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/**
 * Three real server processes on one database and one Redis: players connected to different
 * nodes play at the same tables, and each sees exactly what they may see, wherever the table runs.
 */

let db: TestDatabase;
let ledger: Ledger;
let cluster: TestCluster;
const players: ClusterPlayer[] = [];
const clients: PokerClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase('cluster_play', 5);
  ledger = testLedger(db);
}, 60_000);

afterAll(async () => {
  for (const player of players) player.close();
  for (const client of clients) client.close();
  await cluster?.close();
  await db?.drop();
});

const ENV = {
  TABLE_HAND_PAUSE_MS: '150',
  TABLE_ACTION_TIMEOUT_MS: '20000',
  SOCKET_EVENTS_PER_SECOND: '1000',
  SOCKET_BURST: '1000',
  SOCKET_USER_EVENTS_PER_SECOND: '1000',
  SOCKET_USER_BURST: '1000',
  LOBBY_UPDATE_INTERVAL_MS: '100',
};

describe('three nodes as one', () => {
  it('deals the same hands to players on every node, and each sees only their own cards', async () => {
    const tableA = await createCashTable(ledger, 'Alpha');
    const tableB = await createCashTable(ledger, 'Bravo');
    const users = await createFundedUsers(db, ledger, ['ana', 'bo', 'cy', 'di', 'ed', 'fay', 'gus']);
    cluster = await TestCluster.start({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, nodes: 3, env: ENV });
    const ownerA = await cluster.waitForOwner(tableA);
    const ownerB = await cluster.waitForOwner(tableB);
    // Two tables, three nodes: each node owns at most its fair share of one.
    expect(ownerA.nodeId).not.toBe(ownerB.nodeId);

    const urls = () => cluster.live().map((node) => node.url);
    // Players spread over the nodes: at each table, one player on each node.
    const seating: [number, string][] = [
      [0, tableA],
      [1, tableA],
      [2, tableA],
      [3, tableB],
      [4, tableB],
      [5, tableB],
    ];
    for (const [i, tableId] of seating) {
      const user = users[i]!;
      const player = new ClusterPlayer(user.name, user.userId, user.token, urls, tableId, 100 + i);
      players.push(player);
      await player.connect(cluster.node(i % 3).url);
    }
    // A spectator of table A, on the node that does not own it.
    const watcherNode = cluster.live().find((node) => node.nodeId !== ownerA.nodeId)!;
    const spectator = new ClusterPlayer(users[6]!.name, users[6]!.userId, users[6]!.token, urls, tableA, 7);
    players.push(spectator);
    await spectator.connect(watcherNode.url);

    for (const [i, player] of players.slice(0, 6).entries()) {
      const sat = await player.sit((i % 3) + 1, '100');
      expect(sat.ok, JSON.stringify(sat)).toBe(true);
    }
    for (const player of players.slice(0, 6)) player.play();

    const HANDS = 12;
    await Promise.all(
      [tableA, tableB].map((tableId) =>
        players
          .find((player) => player.tableId === tableId)!
          .waitForView((view) => (view.hand?.number ?? 0) > HANDS, 90_000),
      ),
    );
    for (const player of players) player.pause();

    // The lobby is the same from every node: both tables, with their live summaries.
    for (const node of cluster.live()) {
      const client = await PokerClient.connect(node.url, null);
      clients.push(client);
      const lobby = await client.send<{ tables: LobbyTable[] }>('lobby:subscribe', {});
      expect(lobby.ok).toBe(true);
      const names = lobby.ok ? lobby.data.tables.map((table) => table.name) : [];
      expect(names).toEqual(['Alpha', 'Bravo']);
      if (lobby.ok) for (const table of lobby.data.tables) expect(table.seatsTaken).toBe(3);
      const http = (await (await fetch(`${node.url}/api/tables`)).json()) as { tables: { id: string }[] };
      expect(http.tables.map((table) => table.id).sort()).toEqual([tableA, tableB].sort());
      // Hand history from every node: the first player's settled hands, from the database.
      const hands = (await (
        await fetch(`${node.url}/api/hands?limit=100`, {
          headers: { authorization: `Bearer ${users[0]!.token}` },
        })
      ).json()) as { hands: unknown[] };
      expect(hands.hands.length).toBeGreaterThanOrEqual(HANDS);
    }

    // The truth: every settled hand's deck, seats and players, from the database.
    const stored = await db.prisma.hand.findMany({ where: { status: 'SETTLED' } });
    const truth = new Map<string, { seats: number[]; userIds: string[]; deck: string[] }>();
    for (const hand of stored) {
      const result = hand.result as { seats: number[]; userIds: string[] };
      truth.set(`${hand.tableId}:${hand.number}:${hand.deckCommitment}`, {
        seats: result.seats,
        userIds: result.userIds,
        deck: parseCards(hand.deck)!.map(cardToString),
      });
    }
    expect(stored.length).toBeGreaterThanOrEqual(2 * HANDS);

    let views = 0;
    let ownCards = 0;
    for (const player of players) {
      const checked = checkHiddenInformation(player, truth);
      views += checked.views;
      ownCards += checked.ownCards;
    }
    expect(views).toBeGreaterThan(300);
    expect(ownCards).toBeGreaterThan(100);
    // The spectator followed the table from its node, and never saw a hole card before a showdown.
    expect(spectator.views().length).toBeGreaterThan(30);
    for (const view of spectator.views())
      for (const seat of view.hand?.players ?? [])
        if (seat.holeCards !== null) expect(view.hand!.phase).toBe('complete');

    // Everyone at a table saw the same finished hands, and each of them is a settled hand.
    for (const tableId of [tableA, tableB]) {
      const atTable = players.filter((player) => player.tableId === tableId);
      const seen = atTable.map((player) => finishedHands(player));
      const all = new Set(seen.flatMap((hands) => [...hands.keys()]));
      let common = 0;
      for (const key of all) {
        expect(truth.has(key), `finished hand ${key} is settled`).toBe(true);
        const versions = new Set(seen.map((hands) => hands.get(key)).filter((text) => text !== undefined));
        expect(versions.size).toBe(1);
        if (seen.every((hands) => hands.has(key))) common += 1;
      }
      expect(common).toBeGreaterThanOrEqual(HANDS - 2);
    }
    // Players on non-owning nodes got their views through the other nodes.
    const viaOthers = players.filter(
      (player) => player.connectedUrl !== ownerA.url && player.tableId === tableA,
    );
    expect(viaOthers.length).toBeGreaterThanOrEqual(2);
    for (const player of players.slice(0, 6)) expect(player.stats.acts).toBeGreaterThan(0);
    await expectCleanAudit(db);
  }, 180_000);

  it('runs a table an admin opens on one node, and stops it when closed on another', async () => {
    const admin = await registerUser(db.database, testConfig(), {
      username: `admin_${process.pid % 1000}`,
      password: 'correct horse battery',
      role: 'admin',
    });
    if (!admin.ok) throw new Error(admin.error.message);
    const token = (await createSession(db.database, admin.value.id, 3600)).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const [first, second] = cluster.live();
    const created = await fetch(`${first!.url}/api/admin/tables`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Charlie',
        smallBlind: '1',
        bigBlind: '2',
        minBuyIn: '40',
        maxBuyIn: '400',
        maxSeats: 6,
      }),
    });
    expect(created.status).toBe(201);
    const tableId = ((await created.json()) as { table: { id: string } }).table.id;
    const owner = await cluster.waitForOwner(tableId, 5_000);
    // Joinable at once from a node that does not run it.
    const viewer = new ClusterPlayer(
      players[0]!.name,
      players[0]!.userId,
      (await createSession(db.database, players[0]!.userId, 3600)).token,
      () => cluster.live().map((node) => node.url),
      tableId,
      1,
    );
    players.push(viewer);
    await viewer.connect(cluster.live().find((node) => node !== owner)!.url);
    expect(viewer.latest()!.name).toBe('Charlie');

    const closed = await fetch(`${second!.url}/api/admin/tables/${tableId}/close`, {
      method: 'POST',
      headers: { authorization: headers.authorization },
    });
    expect(closed.status).toBe(200);
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && (await cluster.leaseHolder(tableId)) !== null)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await cluster.leaseHolder(tableId)).toBeNull();
    // Its owner stopped it (the log line may trail the lease by a moment).
    const stoppedBy = Date.now() + 5_000;
    const stopped = () =>
      owner.server.logs.some((entry) => entry.msg === 'handing a table over' && entry.tableId === tableId);
    while (Date.now() < stoppedBy && !stopped()) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped()).toBe(true);
    const client = await PokerClient.connect(second!.url, null);
    clients.push(client);
    const lobby = await client.send<{ tables: LobbyTable[] }>('lobby:subscribe', {});
    expect(lobby.ok && lobby.data.tables.map((table) => table.name)).toEqual(['Alpha', 'Bravo']);
  }, 60_000);
});
