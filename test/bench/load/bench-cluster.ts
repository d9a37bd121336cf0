import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../../support/database.js';
import { type BenchServer, spawnBenchServer } from './bench-server.js';

/**
 * Several server processes (`src/main.ts` with REDIS_URL) acting as one cluster for the capacity
 * benchmark: one fresh database shared by all, the local Redis, and a key prefix of this run's own
 * so that runs (and tests) sharing the Redis never see each other's tables. Node names carry the
 * prefix too; the node ids the servers derive from them are unique per process anyway.
 */
export interface BenchCluster {
  readonly prefix: string;
  readonly databaseUrl: string;
  readonly nodes: readonly BenchServer[];
  /** The nodes' URLs, in order: what the bots get as --url. */
  readonly urls: readonly string[];
  /** Stops every node (each hands its tables over), then drops the database and the run's Redis keys. */
  stop(): Promise<(number | string)[]>;
}

/** Bound on SCAN rounds when the run's keys are deleted (each round sees up to 1000 keys). */
const CLEANUP_ROUNDS_MAX = 10_000;

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: false, connectTimeout: 2_000 } });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    for (let round = 0; round < CLEANUP_ROUNDS_MAX; round++) {
      const page = await redis.scan(cursor, { MATCH: `${prefix}:*`, COUNT: 1_000 });
      if (page.keys.length > 0) await redis.del(page.keys);
      cursor = String(page.cursor);
      if (cursor === '0') break;
    }
  } finally {
    if (redis.isOpen) redis.destroy();
  }
}

export async function startBenchCluster(
  databasePrefix: string,
  nodeCount: number,
  redisUrl: string,
  env: Record<string, string> = {},
): Promise<BenchCluster> {
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const name = await createEmptyDatabase(databasePrefix);
  const url = databaseUrl(name);
  const nodes: BenchServer[] = [];
  const stopAll = async () => {
    // All at once: a node stopping takes no table, so none is handed to another that is stopping.
    const codes = await Promise.all(nodes.map((node) => node.stop()));
    await dropDatabase(name);
    await deleteKeys(redisUrl, prefix).catch(() => undefined);
    return codes;
  };
  try {
    // One after the other: the first migrates the empty database, and a cold start is heavy.
    for (let index = 0; index < nodeCount; index++) {
      nodes.push(
        await spawnBenchServer(url, {
          REDIS_URL: redisUrl,
          CLUSTER_PREFIX: prefix,
          CLUSTER_NODE_NAME: `${prefix}-n${index}`,
          ...env,
        }),
      );
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    prefix,
    databaseUrl: url,
    nodes,
    urls: nodes.map((node) => node.url),
    stop: stopAll,
  };
}
