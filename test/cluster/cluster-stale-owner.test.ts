import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ledger } from '../../src/ledger/transactions.js';
import {
  createCashTable,
  createFundedUsers,
  expectCleanAudit,
  storedStacks,
  type TestUser,
} from '../support/cluster-fixtures.js';
import { type ClusterNodeProcess, TestCluster } from '../support/cluster-nodes.js';
import { ClusterPlayer } from '../support/cluster-player.js';
import { createTestDatabase, type TestDatabase, testLedger } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/**
 * An owner that stops (SIGSTOP) past its lease while a hand waits on the action clock: another
 * node takes the table over; when the old owner continues (SIGCONT), nothing it does reaches the
 * database or the players. With its self-fence off, its settlement of the old hand goes to the
 * database and the owner-epoch check rejects it; with the self-fence on (the default), it does not
 * even try: it gives the table up first.
 */

let db: TestDatabase;
let ledger: Ledger;
let cluster: TestCluster;
let users: TestUser[];
const players: ClusterPlayer[] = [];

// The action clock runs out during the stop (no time bank), so the old owner has a hand to end.
const ENV = {
  TABLE_HAND_PAUSE_MS: '150',
  TABLE_ACTION_TIMEOUT_MS: '2500',
  TABLE_TIME_BANK_INITIAL_MS: '0',
  CLUSTER_ROUTE_TIMEOUT_MS: '2000',
};

beforeAll(async () => {
  db = await createTestDatabase('cluster_stale', 5);
  ledger = testLedger(db);
  users = await createFundedUsers(db, ledger, ['oda', 'pim', 'quin', 'rex']);
}, 60_000);

afterAll(async () => {
  for (const player of players) player.close();
  for (const node of cluster?.history ?? [])
    if (node.server.child.exitCode === null) node.server.child.kill('SIGCONT');
  await cluster?.close();
  await db?.drop();
});

function logsOf(node: ClusterNodeProcess, tableId: string, msg: string) {
  return node.server.logs.filter((entry) => entry.msg === msg && entry.tableId === tableId);
}

/** Two players on `node` sit heads-up at the table; answers once hand 1 is dealt and waits on its clock. */
async function seatHeadsUp(tableId: string, pair: TestUser[], node: ClusterNodeProcess) {
  const seated: ClusterPlayer[] = [];
  for (const [i, user] of pair.entries()) {
    const player = new ClusterPlayer(user.name, user.userId, user.token, () => [node.url], tableId, 60 + i);
    players.push(player);
    seated.push(player);
    await player.connect(node.url);
    expect((await player.sit(i + 1, '100')).ok).toBe(true);
  }
  const dealt = await seated[0]!.waitForView(
    (view) => view.hand?.number === 1 && view.hand.phase === 'preflop',
  );
  return { seated, dealt };
}

/**
 * Stops the owner until another node owns the table, then lets it continue. A command sent while
 * it is stopped (and still holds the lease) gets the typed timeout from the node that forwarded it.
 */
async function pauseOwnerPastItsLease(tableId: string, owner: ClusterNodeProcess, player: ClusterPlayer) {
  owner.server.child.kill('SIGSTOP');
  const sentAt = Date.now();
  const unanswered = await player.send('table:sit-out', { tableId });
  expect(unanswered).toMatchObject({ ok: false, error: { code: 'cluster/owner-unreachable' } });
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(1_900);
  const successor = await cluster.waitForOwner(tableId, 15_000, owner.nodeId);
  // The successor restored the table; let it settle something at its own epoch first.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  owner.server.child.kill('SIGCONT');
  // Time for the old owner's timers, its renewal and whatever it would write.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  return successor;
}

/**
 * One record per hand number, and nothing settled at the stale owner's epoch: the only record of
 * that epoch is the hand it dealt before its pause, which its successor voided.
 */
async function expectOneOwnerPerHand(tableId: string, staleEpoch: bigint, dealtCommitment: string) {
  const hands = await db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
  expect(hands.length).toBeGreaterThan(1);
  expect(hands.map((hand) => hand.number)).toEqual(hands.map((_, i) => i + 1));
  expect([hands[0]!.status, hands[0]!.ownerEpoch, hands[0]!.deckCommitment]).toEqual([
    'VOIDED',
    staleEpoch,
    dealtCommitment,
  ]);
  for (const hand of hands.slice(1)) expect(hand.ownerEpoch).toBeGreaterThan(staleEpoch);
}

function ownedEpoch(node: ClusterNodeProcess, tableId: string): bigint {
  const owned = logsOf(node, tableId, 'table owned');
  return BigInt(String(owned[owned.length - 1]!.ownerEpoch));
}

describe('an owner paused past its lease', () => {
  it('without its self-fence: its settlement is rejected by the database epoch check', async () => {
    const tableId = await createCashTable(ledger, 'Stale one', 2);
    cluster = await TestCluster.start({ databaseUrl: db.url, redisUrl: TEST_REDIS_URL, nodes: 0, env: ENV });
    const stale = await cluster.startNode(0, { CLUSTER_LEASE_SELF_FENCE: 'false' });
    expect((await cluster.waitForOwner(tableId)).nodeId).toBe(stale.nodeId);
    const other = await cluster.startNode(1);
    const staleEpoch = ownedEpoch(stale, tableId);
    const { seated, dealt } = await seatHeadsUp(tableId, users.slice(0, 2), other);
    const buyIns = await storedStacks(db, tableId);

    const successor = await pauseOwnerPastItsLease(tableId, stale, seated[0]!);
    expect(successor.nodeId).toBe(other.nodeId);

    // The old owner's clock ran out: it folded, tried to settle hand 1, and the database said no.
    // Waited for (bounded): on a machine running the whole suite, the resumed process may take
    // longer than the pause above to reach its timers.
    await vi.waitFor(
      () => {
        const halted = logsOf(stale, tableId, 'table halted');
        expect(halted.map((entry) => String(entry.reason))).toEqual([
          expect.stringMatching(/^settlement of hand 1 failed: ledger\/stale-epoch/),
        ]);
        expect(logsOf(stale, tableId, 'lease lost: giving the table up').length).toBeGreaterThanOrEqual(1);
      },
      { timeout: 15_000, interval: 200 },
    );
    // It published nothing after it lost the table: no "halted" reached a player.
    for (const player of seated) {
      expect(player.notices.filter((notice) => notice.kind === 'table-halted')).toEqual([]);
      expect(player.latest()!.status).not.toBe('halted');
      expect(player.latest()!.seq).toBeGreaterThan(dealt.seq);
    }
    // Hand 1 is void on record; the successor dealt hand 2 from the stacks of its start.
    await expectOneOwnerPerHand(tableId, staleEpoch, dealt.hand!.deckCommitment);
    expect(Object.keys(buyIns)).toHaveLength(2);
    await expectCleanAudit(db);
  }, 120_000);

  it('with its self-fence (the default): it gives the table up before trying anything', async () => {
    // Every node runs with the default settings now.
    expect(await cluster.stop(0)).toBe(0);
    await cluster.startNode(0);
    const tableId = await createCashTable(ledger, 'Stale two', 2);
    const owner = await cluster.waitForOwner(tableId);
    const staleEpoch = ownedEpoch(owner, tableId);
    const watcherNode = cluster.live().find((node) => node !== owner)!;
    const { seated, dealt } = await seatHeadsUp(tableId, users.slice(2, 4), watcherNode);

    const successor = await pauseOwnerPastItsLease(tableId, owner, seated[0]!);
    expect(successor.nodeId).not.toBe(owner.nodeId);
    expect(logsOf(owner, tableId, 'lease lost: giving the table up').length).toBeGreaterThanOrEqual(1);
    expect(logsOf(owner, tableId, 'table abandoned').length).toBeGreaterThanOrEqual(1);
    // No settlement was attempted, so nothing was refused and nothing halted.
    expect(logsOf(owner, tableId, 'table halted')).toEqual([]);
    for (const player of seated)
      expect(player.notices.filter((notice) => notice.kind === 'table-halted')).toEqual([]);
    await expectOneOwnerPerHand(tableId, staleEpoch, dealt.hand!.deckCommitment);
    await expectCleanAudit(db);
  }, 120_000);
});
