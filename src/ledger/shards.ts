/**
 * The house and the cashier are each split into SHARD_COUNT accounts (seeded by the first
 * migration). Every deposit would otherwise lock the one cashier row, and every settlement the one
 * house row, serializing the whole system; with shards, two operations contend only when their
 * user (or table) hashes to the same shard. Totals are the sum over the shards.
 */
export const SHARD_COUNT = 16;

/**
 * A stable shard for a user or table id: FNV-1a, 32 bits (cheap, well spread over UUIDs). `count`
 * may be lowered (never raised above SHARD_COUNT, the accounts that exist), which the benchmark
 * does to measure what sharding buys.
 */
export function shardOf(key: string, count: number = SHARD_COUNT): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % Math.min(Math.max(1, Math.floor(count)), SHARD_COUNT);
}
