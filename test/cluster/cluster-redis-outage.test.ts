import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import {
  createCashTable,
  createFundedUsers,
  expectCleanAudit,
  withClusterTest,
} from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { ClusterPlayer } from '../support/cluster-player.js';

/**
 * Redis goes away (killed: every lease, epoch counter and stream is lost) while two nodes deal:
 * owners cannot renew, so their tables pause within a lease's lifetime, the hand in progress void
 * and no chip moving; the database keeps serving. Redis comes back empty: the tables are owned
 * again at a higher epoch and play on.
 */

const env = withClusterTest('cluster_outage', { ownRedis: true });

const LEASE_TTL_MS = 3_000;

describe('a Redis outage', () => {
  it('pauses every table safely, and they resume when Redis is back', async () => {
    const tableId = await createCashTable(env.ledger, 'Outage');
    const users = await createFundedUsers(env.db, env.ledger, ['sal', 'tom', 'uma']);
    env.cluster = await TestCluster.start({
      databaseUrl: env.db.url,
      redisUrl: env.redis.url,
      nodes: 2,
      env: {
        TABLE_HAND_PAUSE_MS: '150',
        TABLE_ACTION_TIMEOUT_MS: '20000',
        CLUSTER_LEASE_TTL_MS: String(LEASE_TTL_MS),
      },
    });
    const owner = await env.cluster.waitForOwner(tableId);
    const epochBefore = (await env.db.prisma.pokerTable.findUniqueOrThrow({ where: { id: tableId } }))
      .ownerEpoch;
    const urls = () => env.cluster.live().map((node) => node.url);
    for (const [i, user] of users.entries()) {
      const player = new ClusterPlayer(user.name, user.userId, user.token, urls, tableId, 80 + i);
      env.players.push(player);
      await player.connect(env.cluster.node(i % 2).url);
      expect((await player.sit(i + 1, '100')).ok).toBe(true);
    }
    for (const player of env.players) player.play();
    await env.players[0]!.waitForView((view) => (view.hand?.number ?? 0) >= 3, 60_000);

    await env.redis.stop();
    const stoppedAt = Date.now();
    // Within a lease's lifetime the owner gives the table up: it cannot prove it owns it.
    const deadline = stoppedAt + LEASE_TTL_MS + 2_000;
    while (Date.now() < deadline && !owner.server.logs.some((entry) => entry.msg === 'table abandoned')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const abandoned = owner.server.logs.find(
      (entry) => entry.msg === 'table abandoned' && entry.tableId === tableId,
    );
    expect(abandoned, 'the owner gave the table up').toBeDefined();
    expect(Date.now() - stoppedAt).toBeLessThan(LEASE_TTL_MS + 1_000);
    // Paused: no hand is settled while Redis is away, though the database is up.
    const settledAtPause = await env.db.prisma.hand.count({ where: { tableId, status: 'SETTLED' } });
    const lastHandAtPause = (await env.db.prisma.pokerTable.findUniqueOrThrow({ where: { id: tableId } }))
      .handNumber;
    const stacksAtPause = await env.db.prisma.seat.findMany({
      where: { tableId },
      orderBy: { seatNo: 'asc' },
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await env.db.prisma.hand.count({ where: { tableId, status: 'SETTLED' } })).toBe(settledAtPause);
    expect(await env.db.prisma.seat.findMany({ where: { tableId }, orderBy: { seatNo: 'asc' } })).toEqual(
      stacksAtPause,
    );
    // The money side does not need Redis: a deposit goes through meanwhile.
    expect(
      (
        await env.ledger.buyChips({
          userId: users[0]!.userId,
          amount: new Money(5),
          reference: 'during-outage',
        })
      ).ok,
    ).toBe(true);
    // A command meanwhile gets a typed answer, not silence.
    const refused = await env.players[1]!.send('table:sit-out', { tableId }, 10_000);
    expect(refused.ok).toBe(false);

    await env.redis.restart();
    const newOwner = await env.cluster.waitForOwner(tableId, 20_000);
    expect(newOwner).toBeDefined();
    const epochAfter = (await env.db.prisma.pokerTable.findUniqueOrThrow({ where: { id: tableId } }))
      .ownerEpoch;
    // Redis forgot its counters; the epoch still went up, from the database's.
    expect(epochAfter).toBeGreaterThan(epochBefore);
    for (const player of env.players) player.play();
    await Promise.all(
      env.players.map((player) =>
        player.waitForView(
          (view) => view.status === 'running' && (view.hand?.number ?? 0) >= lastHandAtPause + 3,
          60_000,
        ),
      ),
    );
    expect(await env.db.prisma.hand.count({ where: { tableId, status: 'SETTLED' } })).toBeGreaterThanOrEqual(
      settledAtPause + 2,
    );
    // Hands dealt before the outage were written at the old epoch, and those after at the new one.
    const hands = await env.db.prisma.hand.findMany({ where: { tableId }, orderBy: { number: 'asc' } });
    expect(hands.map((hand) => hand.number)).toEqual(hands.map((_, i) => i + 1));
    for (const hand of hands)
      expect(hand.ownerEpoch === epochBefore || hand.number > lastHandAtPause).toBe(true);
    await expectCleanAudit(env.db);
  }, 180_000);
});
