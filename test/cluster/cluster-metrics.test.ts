import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../../client/bots/server-metrics.js';
import { createCashTable, createFundedUsers, withClusterTest } from '../support/cluster-fixtures.js';
import { type ClusterNodeProcess, TestCluster } from '../support/cluster-nodes.js';
import { ClusterPlayer } from '../support/cluster-player.js';

/**
 * The cluster's metrics on GET /metrics of real nodes, moving with what happens: the owner's
 * table and lease, commands forwarded from the other node (their outcomes and round trips), and,
 * when Redis goes away and comes back (a redis-server of this test's own), the connections' state,
 * the lease lost and the lease taken again.
 */

const env = withClusterTest('cluster_metrics', { ownRedis: true });

const FORWARDED = 'poker_cluster_commands_forwarded_total';

async function scrape(node: ClusterNodeProcess): Promise<Map<string, number>> {
  const response = await fetch(`${node.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

/** A sample's value (0 when the series does not exist). */
function sample(samples: Map<string, number>, name: string, labels = ''): number {
  return samples.get(labels ? `${name}{${labels}}` : name) ?? 0;
}

/** Scrapes every node until `test` holds for their samples (bounded). */
async function waitForMetrics(
  nodes: () => ClusterNodeProcess[],
  test: (samples: Map<string, number>[]) => boolean,
  timeoutMs: number,
  what: string,
): Promise<Map<string, number>[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const samples = await Promise.all(nodes().map(scrape));
    if (test(samples)) return samples;
    if (Date.now() > deadline) throw new Error(`metrics never showed ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const sum = (samples: Map<string, number>[], name: string, labels = '') =>
  samples.reduce((total, one) => total + sample(one, name, labels), 0);

describe('cluster metrics', () => {
  it('count owned tables, leases, forwarded commands and the Redis connections', async () => {
    const tableId = await createCashTable(env.ledger, 'Metrics');
    const users = await createFundedUsers(env.db, env.ledger, ['mia', 'ned']);
    env.cluster = await TestCluster.start({
      databaseUrl: env.db.url,
      redisUrl: env.redis.url,
      nodes: 2,
      env: {
        TABLE_HAND_PAUSE_MS: '150',
        TABLE_ACTION_TIMEOUT_MS: '20000',
        CLUSTER_ROUTE_TIMEOUT_MS: '2000',
      },
    });
    const cluster = env.cluster;
    const owner = await cluster.waitForOwner(tableId);
    const other = cluster.live().find((node) => node !== owner)!;

    const [ownerStart, otherStart] = [await scrape(owner), await scrape(other)];
    expect(sample(ownerStart, 'poker_cluster_tables_owned')).toBe(1);
    expect(sample(otherStart, 'poker_cluster_tables_owned')).toBe(0);
    expect(sample(ownerStart, 'poker_cluster_leases_acquired_total')).toBe(1);
    for (const connection of ['control', 'subscriber', 'adapter'])
      expect(sample(otherStart, 'poker_cluster_redis_connected', `connection="${connection}"`)).toBe(1);
    expect(sample(otherStart, FORWARDED, 'outcome="ok"')).toBe(0);

    // Both players on the node that does not own the table: every command is forwarded.
    const urls = () => cluster.live().map((node) => node.url);
    for (const [i, user] of users.entries()) {
      const player = new ClusterPlayer(user.name, user.userId, user.token, urls, tableId, 60 + i);
      env.players.push(player);
      await player.connect(other.url);
    }
    const [mia, ned] = env.players as [ClusterPlayer, ClusterPlayer];
    // Not seated yet: the owner refuses, and the refusal is counted by its code.
    const refused = await mia.send('table:act', {
      tableId,
      deckCommitment: '0'.repeat(64),
      handNumber: 1,
      turn: 0,
      kind: 'fold',
    });
    expect(refused.ok).toBe(false);
    const refusedCode = refused.ok ? '' : refused.error.code;
    expect(refusedCode).toBe('table/not-seated');
    expect((await mia.sit(1, '100')).ok).toBe(true);
    expect((await ned.sit(2, '100')).ok).toBe(true);
    for (const player of env.players) player.play();
    await mia.waitForView((view) => (view.hand?.number ?? 0) >= 3, 60_000);

    const [ownerPlaying, otherPlaying] = [await scrape(owner), await scrape(other)];
    // Joins, sits and acts of both players went to the owner, and each round trip was timed.
    const forwardedOk = sample(otherPlaying, FORWARDED, 'outcome="ok"');
    expect(forwardedOk).toBeGreaterThanOrEqual(2 + 2 + 2);
    expect(sample(otherPlaying, FORWARDED, `outcome="${refusedCode}"`)).toBe(1);
    expect(sample(otherPlaying, 'poker_cluster_forward_seconds_count')).toBeGreaterThanOrEqual(
      forwardedOk + 1,
    );
    expect(sample(otherPlaying, 'poker_cluster_forward_seconds_bucket', 'le="+Inf"')).toBe(
      sample(otherPlaying, 'poker_cluster_forward_seconds_count'),
    );
    // The owner ran them itself: nothing forwarded there.
    expect(sample(ownerPlaying, FORWARDED, 'outcome="ok"')).toBe(0);
    expect(sample(ownerPlaying, 'poker_cluster_leases_lost_total', 'reason="renewal-late"')).toBe(0);

    // Redis goes away: the owner cannot renew and gives the table up; every connection is down.
    for (const player of env.players) player.pause();
    await env.redis.stop();
    const duringOutage = await waitForMetrics(
      () => [owner, other],
      ([ownerNow, otherNow]) =>
        sample(ownerNow!, 'poker_cluster_leases_lost_total', 'reason="renewal-late"') === 1 &&
        sample(ownerNow!, 'poker_cluster_tables_owned') === 0 &&
        sample(ownerNow!, 'poker_cluster_redis_connected', 'connection="control"') === 0 &&
        sample(otherNow!, 'poker_cluster_redis_connected', 'connection="control"') === 0,
      10_000,
      'the lease lost and Redis disconnected',
    );
    expect(sum(duringOutage, 'poker_cluster_tables_owned')).toBe(0);
    // Nobody can be asked meanwhile: the command ends unanswered, and is counted so. (Counted
    // against the scrape just before it, and at least once: a resync the paused players started
    // when their table stopped may be refused the same way before or while it waits.)
    const unreachableBefore = sample(await scrape(other), FORWARDED, 'outcome="cluster/owner-unreachable"');
    const unanswered = await mia.send('table:sit-out', { tableId }, 10_000);
    expect(unanswered.ok).toBe(false);
    const otherOutage = await scrape(other);
    expect(sample(otherOutage, FORWARDED, 'outcome="cluster/owner-unreachable"')).toBeGreaterThanOrEqual(
      unreachableBefore + 1,
    );

    // Redis is back (empty): the connections come back and a node takes the table again.
    await env.redis.restart();
    const acquiredBefore = sum(duringOutage, 'poker_cluster_leases_acquired_total');
    await waitForMetrics(
      () => [owner, other],
      (samples) =>
        samples.every(
          (one) =>
            sample(one, 'poker_cluster_redis_connected', 'connection="control"') === 1 &&
            sample(one, 'poker_cluster_redis_connected', 'connection="subscriber"') === 1 &&
            sample(one, 'poker_cluster_redis_connected', 'connection="adapter"') === 1,
        ) &&
        sum(samples, 'poker_cluster_tables_owned') === 1 &&
        sum(samples, 'poker_cluster_leases_acquired_total') >= acquiredBefore + 1,
      20_000,
      'Redis connected again and the table owned again',
    );
  }, 180_000);
});
