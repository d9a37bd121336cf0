import { parseArgs } from 'node:util';
import { createCashTable, createFundedUsers } from '../support/cluster-fixtures.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { ClusterPlayer } from '../support/cluster-player.js';
import { createTestDatabase, testLedger } from '../support/database.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';

/**
 * `npm run bench:failover [-- --kills 10 --nodes 3 --tables 3 --lease-ttl 3000]`
 *
 * Time to playable after the owner of a busy table is killed (SIGKILL): real server processes on
 * the local PostgreSQL and Redis, two bots playing at each table. For each kill: wait until the
 * chosen table is in the middle of a hand, kill its owner, and time until a player connected to
 * another node sees the hand dealt again by the new owner with someone to act (the table plays
 * again). The killed node is started again before the next kill. Prints each kill, the median and
 * the maximum, and a last line of JSON.
 */

const { values: args } = parseArgs({
  options: {
    kills: { type: 'string', default: '10' },
    nodes: { type: 'string', default: '3' },
    tables: { type: 'string', default: '3' },
    'lease-ttl': { type: 'string', default: '3000' },
  },
});
const KILLS = Math.max(1, Number(args.kills));
const NODES = Math.max(2, Number(args.nodes));
const TABLES = Math.max(1, Number(args.tables));
const LEASE_TTL_MS = Number(args['lease-ttl']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main(): Promise<void> {
  const db = await createTestDatabase('bench_failover', 5);
  const ledger = testLedger(db);
  const players: ClusterPlayer[] = [];
  let cluster: TestCluster | undefined;
  try {
    const tables: string[] = [];
    for (let i = 0; i < TABLES; i++) tables.push(await createCashTable(ledger, `Bench ${i + 1}`, 2));
    const users = await createFundedUsers(
      db,
      ledger,
      Array.from({ length: 2 * TABLES }, (_, i) => `fb${i}`),
      '100000',
    );
    cluster = await TestCluster.start({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      nodes: NODES,
      env: {
        TABLE_HAND_PAUSE_MS: '200',
        TABLE_ACTION_TIMEOUT_MS: '20000',
        CLUSTER_LEASE_TTL_MS: String(LEASE_TTL_MS),
        CLUSTER_LEASE_RENEW_MS: String(Math.floor(LEASE_TTL_MS / 3)),
      },
    });
    const live = cluster;
    const urls = () => live.live().map((node) => node.url);
    for (const [i, user] of users.entries()) {
      const tableId = tables[Math.floor(i / 2)]!;
      const player = new ClusterPlayer(user.name, user.userId, user.token, urls, tableId, 7 + i);
      players.push(player);
      await player.connect(live.node(i % NODES).url);
      const sat = await player.sit((i % 2) + 1, '100');
      if (!sat.ok) throw new Error(`sit failed: ${sat.error.code}`);
      player.play();
    }

    const samples: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const tableId = tables[(kill - 1) % TABLES]!;
      const pair = players.filter((player) => player.tableId === tableId);
      await pair[0]!.waitForView((view) => view.hand !== null && view.hand.phase !== 'complete', 30_000);
      const owner = await live.owner(tableId);
      if (!owner) throw new Error('the table has no owner');
      const observer = pair.find((player) => player.connectedUrl !== owner.url) ?? pair[0]!;
      const before = observer.latest()!;
      const killedCommitment = before.hand?.deckCommitment;
      const killedAt = performance.now();
      await live.kill(owner.index);
      await observer.waitForView(
        (view) =>
          view.seq > before.seq &&
          view.hand !== null &&
          view.hand.deckCommitment !== killedCommitment &&
          view.hand.phase !== 'complete' &&
          view.hand.toActSeat !== null,
        30_000,
      );
      const ms = Math.round(performance.now() - killedAt);
      samples.push(ms);
      console.log(`kill ${kill}/${KILLS}: table ${tableId.slice(0, 8)} playable again after ${ms} ms`);
      await live.startNode(owner.index);
      await sleep(1_000);
    }

    const sorted = [...samples].sort((a, b) => a - b);
    const median = percentile(sorted, 0.5);
    const max = sorted[sorted.length - 1]!;
    console.log(
      `time to playable over ${KILLS} kills: median ${median} ms, max ${max} ms (lease ${LEASE_TTL_MS} ms)`,
    );
    console.log(
      JSON.stringify({
        bench: 'failover',
        kills: KILLS,
        nodes: NODES,
        tables: TABLES,
        leaseTtlMs: LEASE_TTL_MS,
        medianMs: median,
        p90Ms: percentile(sorted, 0.9),
        maxMs: max,
        samplesMs: samples,
      }),
    );
  } finally {
    for (const player of players) player.close();
    await cluster?.close();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('failover bench failed:', error);
    process.exit(1);
  },
);
