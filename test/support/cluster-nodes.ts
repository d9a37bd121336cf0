import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { GENEROUS_SOCKET_LIMITS } from './http-app.js';
import { killIfRunning, type ServerProcess, spawnServer } from './server-process.js';

/**
 * Several real server processes (src/main.ts) acting as one cluster: the same database, the same
 * Redis, each on its own port, with a key prefix of this test's own so tests sharing a Redis do
 * not see each other. Nodes are known by their index; a killed node can be started again.
 */

export interface ClusterNodeProcess {
  readonly index: number;
  readonly server: ServerProcess;
  readonly url: string;
  /** The cluster node id it logged ("cluster node started"). */
  readonly nodeId: string;
}

export interface ClusterOptions {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly nodes: number;
  /** Extra environment for every node. */
  readonly env?: Record<string, string>;
}

export function nodeIdOf(server: ServerProcess): string {
  const started = server.logs.find((entry) => entry.msg === 'cluster node started');
  if (!started || typeof started.node !== 'string') throw new Error('the node did not log its cluster id');
  return started.node;
}

export class TestCluster {
  readonly prefix = `t${randomBytes(5).toString('hex')}`;
  readonly nodes: (ClusterNodeProcess | null)[] = [];
  /** Every process ever started (for the final clean-up and log searches). */
  readonly history: ClusterNodeProcess[] = [];
  private readonly redis: ReturnType<typeof createClient>;

  private constructor(private readonly options: ClusterOptions) {
    this.redis = createClient({ url: options.redisUrl, socket: { reconnectStrategy: 100 } });
    this.redis.on('error', () => {});
  }

  static async start(options: ClusterOptions): Promise<TestCluster> {
    const cluster = new TestCluster(options);
    await cluster.redis.connect();
    // One at a time: a cold tsx start is heavy on a 2-core machine.
    for (let i = 0; i < options.nodes; i++) await cluster.startNode(i);
    return cluster;
  }

  env(index: number): Record<string, string> {
    return {
      DATABASE_URL: this.options.databaseUrl,
      REDIS_URL: this.options.redisUrl,
      CLUSTER_PREFIX: this.prefix,
      CLUSTER_NODE_NAME: `n${index}`,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      SCRYPT_COST_LOG2: '12',
      // Tests read /metrics right after what they count happened: never a shared older collection.
      METRICS_MAX_AGE_MS: '0',
      ...GENEROUS_SOCKET_LIMITS,
      ...this.options.env,
    };
  }

  async startNode(index: number, extraEnv: Record<string, string> = {}): Promise<ClusterNodeProcess> {
    if (this.nodes[index]) throw new Error(`node ${index} is running`);
    const server = await spawnServer({ ...this.env(index), ...extraEnv });
    const node = { index, server, url: server.url, nodeId: nodeIdOf(server) };
    this.nodes[index] = node;
    this.history.push(node);
    return node;
  }

  live(): ClusterNodeProcess[] {
    return this.nodes.filter((node): node is ClusterNodeProcess => node !== null);
  }

  node(index: number): ClusterNodeProcess {
    const node = this.nodes[index];
    if (!node) throw new Error(`node ${index} is not running`);
    return node;
  }

  /** SIGKILL: no shutdown at all, the way a crash ends a process. */
  async kill(index: number): Promise<void> {
    const node = this.node(index);
    node.server.child.kill('SIGKILL');
    await node.server.exited;
    this.nodes[index] = null;
  }

  /** SIGTERM: the graceful shutdown, which hands the node's tables over. Answers the exit code. */
  async stop(index: number): Promise<number | string> {
    const node = this.node(index);
    node.server.child.kill('SIGTERM');
    const code = await node.server.exited;
    this.nodes[index] = null;
    return code;
  }

  /** The node id holding the table's lease, or null. */
  async leaseHolder(tableId: string): Promise<string | null> {
    const value = await this.redis.get(`${this.prefix}:lease:${tableId}`);
    return value === null ? null : String(value);
  }

  /** The running node that owns the table, if any. */
  async owner(tableId: string): Promise<ClusterNodeProcess | null> {
    const holder = await this.leaseHolder(tableId);
    return this.live().find((node) => node.nodeId === holder) ?? null;
  }

  /** Waits until a running node holds the table's lease (and logged that it owns it). */
  async waitForOwner(tableId: string, timeoutMs = 15_000, not?: string): Promise<ClusterNodeProcess> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const owner = await this.owner(tableId).catch(() => null);
      if (
        owner &&
        owner.nodeId !== not &&
        owner.server.logs.some((entry) => entry.msg === 'table owned' && entry.tableId === tableId)
      )
        return owner;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no node owns table ${tableId} within ${timeoutMs} ms`);
  }

  /** Every log line of every process started, with its node index. */
  logs(): { index: number; entry: Record<string, unknown> }[] {
    return this.history.flatMap((node) => node.server.logs.map((entry) => ({ index: node.index, entry })));
  }

  async close(): Promise<void> {
    for (const node of this.history) killIfRunning(node.server);
    await Promise.allSettled(this.history.map((node) => node.server.exited));
    if (this.redis.isOpen) this.redis.destroy();
  }
}
