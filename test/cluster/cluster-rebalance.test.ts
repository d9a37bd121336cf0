import { describe, expect, it } from 'vitest';
import {
  createCashTable,
  createFundedUsers,
  expectCleanAudit,
  withClusterTest,
} from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { ClusterPlayer } from '../support/cluster-player.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/**
 * Tables spread over the nodes: one node starts alone with every table; when two more join, each
 * ends up with its fair share, tables moving between hands (no hand is voided). A node stopped
 * gracefully (SIGTERM) hands its tables over the same way.
 */

const env = withClusterTest('cluster_rebalance');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ownersByNode(tables: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const tableId of tables) {
    const holder = await env.cluster.leaseHolder(tableId);
    if (holder !== null) counts.set(holder, (counts.get(holder) ?? 0) + 1);
  }
  return counts;
}

async function handsDealt(tables: readonly string[]): Promise<number[]> {
  const rows = await env.db.prisma.pokerTable.findMany({
    where: { id: { in: [...tables] } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.handNumber);
}

describe('tables spread over the nodes', () => {
  it('moves tables between hands to nodes that join, and away from a node that leaves', async () => {
    const tables: string[] = [];
    for (const name of ['R1', 'R2', 'R3', 'R4']) tables.push(await createCashTable(env.ledger, name, 2));
    const users = await createFundedUsers(env.db, env.ledger, [
      'ab',
      'bc',
      'cd',
      'de',
      'ef',
      'fg',
      'gh',
      'hi',
    ]);
    env.cluster = await TestCluster.start({
      databaseUrl: env.db.url,
      redisUrl: TEST_REDIS_URL,
      nodes: 1,
      env: { TABLE_HAND_PAUSE_MS: '200', TABLE_ACTION_TIMEOUT_MS: '20000' },
    });
    for (const tableId of tables) await env.cluster.waitForOwner(tableId);
    expect([...(await ownersByNode(tables)).values()]).toEqual([4]);
    const urls = () => env.cluster.live().map((node) => node.url);
    for (const [i, user] of users.entries()) {
      const player = new ClusterPlayer(user.name, user.userId, user.token, urls, tables[i % 4]!, 900 + i);
      env.players.push(player);
      await player.connect();
      expect((await player.sit(Math.floor(i / 4) + 1, '100')).ok).toBe(true);
      player.play();
    }

    await env.cluster.startNode(1);
    await env.cluster.startNode(2);
    // Fair share: four tables over three nodes is at most two each; everyone gets some.
    const deadline = Date.now() + 30_000;
    let counts = await ownersByNode(tables);
    while (Date.now() < deadline) {
      counts = await ownersByNode(tables);
      const spread = [...counts.values()];
      if (counts.size === 3 && spread.every((count) => count <= 2) && spread.reduce((a, b) => a + b, 0) === 4)
        break;
      await sleep(200);
    }
    expect(counts.size).toBe(3);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    const handovers = env.cluster.logs().filter(({ entry }) => entry.msg === 'handing a table over');
    expect(handovers.length).toBeGreaterThanOrEqual(2);

    // Every table plays on after the moves.
    const before = await handsDealt(tables);
    await sleep(3_000);
    const after = await handsDealt(tables);
    for (const [i, count] of after.entries()) expect(count).toBeGreaterThan(before[i]!);

    // A graceful stop hands the node's tables to the others.
    const leaving = env.cluster.node(1);
    const itsTables: string[] = [];
    for (const tableId of tables)
      if ((await env.cluster.leaseHolder(tableId)) === leaving.nodeId) itsTables.push(tableId);
    expect(await env.cluster.stop(1)).toBe(0);
    for (const tableId of itsTables) {
      const successor = await env.cluster.waitForOwner(tableId, 10_000, leaving.nodeId);
      expect(successor.nodeId).not.toBe(leaving.nodeId);
    }
    const afterStop = await handsDealt(tables);
    await sleep(3_000);
    for (const [i, count] of (await handsDealt(tables)).entries())
      expect(count).toBeGreaterThan(afterStop[i]!);

    // Moves happened between hands: no hand was voided.
    expect(await env.db.prisma.hand.count({ where: { status: 'VOIDED' } })).toBe(0);
    await expectCleanAudit(env.db);
  }, 180_000);
});
