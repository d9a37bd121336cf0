import type { ClusterKeys } from './cluster-keys.js';
import type { RedisClient } from './redis-connections.js';
import { withTimeout } from './with-timeout.js';

/**
 * Records this node's heartbeat and answers the live nodes, in one script: a member of the set
 * whose heartbeat is older than the time to live is gone. Expiry is judged on Redis's clock, so
 * the nodes' own clocks need not agree.
 */
const BEAT_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZRANGE', KEYS[1], 0, -1)`;

export class NodeDirectory {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ClusterKeys,
    private readonly nodeId: string,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Says this node is alive; answers every live node (this one included). */
  async beat(): Promise<string[]> {
    const answer = await withTimeout(
      this.redis.eval(BEAT_SCRIPT, { keys: [this.keys.nodes], arguments: [this.nodeId, String(this.ttlMs)] }),
      this.timeoutMs,
      'node heartbeat',
    );
    return (answer as unknown[]).map(String);
  }

  /** Leaves the cluster at once (a graceful shutdown), rather than when the heartbeat expires. */
  async leave(): Promise<void> {
    await withTimeout(this.redis.zRem(this.keys.nodes, this.nodeId), this.timeoutMs, 'node leave');
  }
}
