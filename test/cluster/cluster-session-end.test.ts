import { describe, expect, it } from 'vitest';
import type { SystemError } from '../../src/protocol/notices.js';
import { createCashTable, createFundedUsers, withClusterTest } from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { PokerClient } from '../support/poker-client.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/**
 * A logout handled by one node closes the sockets of that session on every node: a player seated
 * through node B, who logs out through node A, loses the socket on B within a second, told why.
 */

const env = withClusterTest('cluster_session_end');

const LIMIT_MS = 1_000;

/** When the server closed the socket (ms since the epoch), and the notice it sent before. */
function closedByServer(
  client: PokerClient,
): Promise<{ atMs: number; reason: string; notice?: SystemError }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the socket is still open 5 s after the logout')), 5_000);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      const notice = client.frames.findLast((frame) => frame.event === 'system:error')?.data as
        | SystemError
        | undefined;
      resolve({ atMs: Date.now(), reason, ...(notice && { notice }) });
    });
  });
}

describe('a logout on one node', () => {
  it('closes the sockets of that session on the other node within a second', async () => {
    const tableId = await createCashTable(env.ledger, 'Logouts');
    const users = await createFundedUsers(env.db, env.ledger, ['sam', 'sue', 'sid']);
    env.cluster = await TestCluster.start({ databaseUrl: env.db.url, redisUrl: TEST_REDIS_URL, nodes: 2 });
    await env.cluster.waitForOwner(tableId);
    const [nodeA, nodeB] = [env.cluster.node(0), env.cluster.node(1)];
    const latencies: number[] = [];
    for (const [index, user] of users.entries()) {
      const onB = await PokerClient.connect(nodeB.url, user.token, user.userId);
      const onA = await PokerClient.connect(nodeA.url, user.token, user.userId);
      expect((await onB.send('table:sit', { tableId, seat: index + 1, buyIn: '50' })).ok).toBe(true);
      const closed = [onB, onA].map(closedByServer);
      const sentAtMs = Date.now();
      const logout = await fetch(`${nodeA.url}/api/auth/logout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${user.token}` },
      });
      expect(logout.status).toBe(200);
      const [onBClosed, onAClosed] = await Promise.all(closed);
      for (const { reason, notice } of [onBClosed!, onAClosed!]) {
        expect(reason).toBe('io server disconnect');
        expect(notice?.code).toBe('auth/session-revoked');
      }
      latencies.push(onBClosed!.atMs - sentAtMs);
      await expect(PokerClient.connect(nodeB.url, user.token, user.userId)).rejects.toThrow(
        'realtime/unauthenticated',
      );
    }
    console.log(`logout on node A to disconnect on node B: ${latencies.join(', ')} ms`);
    for (const latency of latencies) expect(latency).toBeLessThan(LIMIT_MS);
  }, 120_000);
});
