import type { ClusterKeys } from './cluster-keys.js';
import type { RedisClient } from './redis-connections.js';
import { withTimeout } from './with-timeout.js';

/**
 * The table leases in Redis. A lease is a key holding the owner's node id with a time to live:
 * taken with SET NX PX, renewed and released only by the node whose id it holds (checked inside a
 * script, so a node never extends or deletes another's lease). Every command is bounded in time:
 * a Redis that does not answer counts as a failure, never as a wait.
 */

/** Renews each lease still held by ARGV[1]; answers 1 (renewed) or 0 (lost) per key. */
const RENEW_SCRIPT = `
local renewed = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    renewed[i] = 1
  else
    renewed[i] = 0
  end
end
return renewed`;

/** Deletes the lease only if ARGV[1] holds it. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The next owner epoch of a table, only for the lease holder: the counter goes up by one, and at
 * least to ARGV[2] (the database's epoch plus one), so epochs keep increasing even after Redis
 * lost its data. Answers -1 when ARGV[1] does not hold the lease.
 */
const EPOCH_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local epoch = redis.call('INCR', KEYS[2])
if epoch < tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[2])
  epoch = tonumber(ARGV[2])
end
return epoch`;

export class LeaseStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ClusterKeys,
    private readonly nodeId: string,
    private readonly ttlMs: number,
    private readonly timeoutMs: number,
  ) {}

  /** Takes a table's lease if nobody holds it. */
  async acquire(tableId: string): Promise<boolean> {
    const answer = await withTimeout(
      this.redis.set(this.keys.lease(tableId), this.nodeId, {
        condition: 'NX',
        expiration: { type: 'PX', value: this.ttlMs },
      }),
      this.timeoutMs,
      'lease acquisition',
    );
    return answer === 'OK';
  }

  /** Renews several leases in one round trip; true where still held (and now renewed). */
  async renew(tableIds: readonly string[]): Promise<boolean[]> {
    if (tableIds.length === 0) return [];
    const answer = (await withTimeout(
      this.redis.eval(RENEW_SCRIPT, {
        keys: tableIds.map((tableId) => this.keys.lease(tableId)),
        arguments: [this.nodeId, String(this.ttlMs)],
      }),
      this.timeoutMs,
      'lease renewal',
    )) as number[];
    return tableIds.map((_, i) => Number(answer[i]) === 1);
  }

  /**
   * Takes a lease whoever holds it. Only for a lease that follows a stronger one: a tournament
   * table's route follows its director's lease (a dead director's table route is stale at once).
   */
  async seize(tableId: string): Promise<void> {
    await withTimeout(
      this.redis.set(this.keys.lease(tableId), this.nodeId, {
        expiration: { type: 'PX', value: this.ttlMs },
      }),
      this.timeoutMs,
      'lease seizure',
    );
  }

  /** Gives a lease up (only if still held): another node may take the table at once. */
  async release(tableId: string): Promise<boolean> {
    const answer = await withTimeout(
      this.redis.eval(RELEASE_SCRIPT, { keys: [this.keys.lease(tableId)], arguments: [this.nodeId] }),
      this.timeoutMs,
      'lease release',
    );
    return Number(answer) === 1;
  }

  /** The next epoch for a table whose lease this node holds, at least `floor`; null if not held. */
  async nextEpoch(tableId: string, floor: bigint): Promise<bigint | null> {
    const answer = await withTimeout(
      this.redis.eval(EPOCH_SCRIPT, {
        keys: [this.keys.lease(tableId), this.keys.epoch(tableId)],
        arguments: [this.nodeId, floor.toString()],
      }),
      this.timeoutMs,
      'epoch allocation',
    );
    const epoch = BigInt(answer as number);
    return epoch < 0n ? null : epoch;
  }

  /** The node holding each table's lease, or null. */
  async owners(tableIds: readonly string[]): Promise<(string | null)[]> {
    if (tableIds.length === 0) return [];
    const answer = await withTimeout(
      this.redis.mGet(tableIds.map((tableId) => this.keys.lease(tableId))),
      this.timeoutMs,
      'lease lookup',
    );
    return answer.map((value) => (value === null ? null : String(value)));
  }

  async ownerOf(tableId: string): Promise<string | null> {
    const [owner] = await this.owners([tableId]);
    return owner ?? null;
  }
}
