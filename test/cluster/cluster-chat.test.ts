import { describe, expect, it } from 'vitest';
import type { TableChat } from '../../src/protocol/events.js';
import { createCashTable, createFundedUsers, withClusterTest } from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { PokerClient } from '../support/poker-client.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/**
 * Table chat in a cluster: a line said through one node reaches the table's watchers on every node
 * (the Socket.IO adapter carries the table's room), and nobody else.
 */

const env = withClusterTest('cluster_chat');

const chatsOf = (client: PokerClient) =>
  client.frames.filter((frame) => frame.event === 'table:chat').map((frame) => frame.data as TableChat);

describe('table chat on several nodes', () => {
  it("reaches the table's watchers on every node, and only them", async () => {
    const tableId = await createCashTable(env.ledger, 'Chat across nodes');
    const otherTableId = await createCashTable(env.ledger, 'Elsewhere');
    const [ann, ben, cal] = await createFundedUsers(env.db, env.ledger, ['ann', 'ben', 'cal']);
    env.cluster = await TestCluster.start({ databaseUrl: env.db.url, redisUrl: TEST_REDIS_URL, nodes: 2 });
    await env.cluster.waitForOwner(tableId);
    await env.cluster.waitForOwner(otherTableId);
    const [nodeA, nodeB] = [env.cluster.node(0), env.cluster.node(1)];
    const onA = await PokerClient.connect(nodeA.url, ann!.token, ann!.userId);
    const onB = await PokerClient.connect(nodeB.url, ben!.token, ben!.userId);
    const elsewhere = await PokerClient.connect(nodeB.url, cal!.token, cal!.userId);
    try {
      expect((await onA.send('table:join', { tableId })).ok).toBe(true);
      expect((await onB.send('table:join', { tableId })).ok).toBe(true);
      expect((await elsewhere.send('table:join', { tableId: otherTableId })).ok).toBe(true);
      expect(await onA.send('chat:send', { tableId, text: 'hello from node A' })).toEqual({
        ok: true,
        data: null,
      });
      await onB.waitFor(() => chatsOf(onB).length === 1, 5_000);
      expect(chatsOf(onB)[0]).toMatchObject({ tableId, userId: ann!.userId, text: 'hello from node A' });
      expect(await onB.send('chat:send', { tableId, text: 'and back from B' })).toEqual({
        ok: true,
        data: null,
      });
      await onA.waitFor(() => chatsOf(onA).length === 2, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(chatsOf(elsewhere)).toEqual([]);
    } finally {
      for (const client of [onA, onB, elsewhere]) client.close();
    }
  }, 60_000);
});
