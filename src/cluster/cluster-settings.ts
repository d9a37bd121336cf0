import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../config.js';

/** The settings of one node of a cluster, derived from src/config.ts. Times are milliseconds. */
export interface ClusterSettings {
  readonly redisUrl: string;
  /** Unique per process: a restarted node is a new node (its old leases are not its own). */
  readonly nodeId: string;
  /** Prefix of every Redis key, channel and stream of this cluster. */
  readonly prefix: string;
  readonly leaseTtlMs: number;
  readonly leaseRenewMs: number;
  /**
   * An owner stops dealing this long before its lease could expire when it cannot renew, to allow
   * for the renewal's round trip and for clock drift between this process and Redis.
   */
  readonly leaseGuardMs: number;
  readonly scanIntervalMs: number;
  /**
   * A node that has not said it is alive for this long is gone. Shorter than a lease, so when a
   * dead node's leases expire the others already place its tables among themselves.
   */
  readonly nodeTtlMs: number;
  /** A table without owner for this long is taken by any node, not only its preferred one. */
  readonly orphanGraceMs: number;
  readonly routeTimeoutMs: number;
  /** How long a table being moved to another node may take to finish its hand before it is void. */
  readonly rebalanceHandWaitMs: number;
  /** A Redis command of the control path (leases, routing) fails after this long. */
  readonly redisCommandTimeoutMs: number;
  /**
   * Stop a table (the watchdog) and refuse its money calls as soon as its lease is in doubt. Off
   * only to test the database fence alone: then only a renewal that finds the lease lost stops it.
   */
  readonly selfFence: boolean;
}

/** The cluster settings, or null without REDIS_URL (a single node runs alone). */
export function clusterSettingsOf(config: Config): ClusterSettings | null {
  if (config.REDIS_URL === undefined) return null;
  const name = (config.CLUSTER_NODE_NAME ?? hostname()).replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 40);
  return {
    redisUrl: config.REDIS_URL,
    nodeId: `${name}-${process.pid}-${randomBytes(3).toString('hex')}`,
    prefix: config.CLUSTER_PREFIX,
    leaseTtlMs: config.CLUSTER_LEASE_TTL_MS,
    leaseRenewMs: config.CLUSTER_LEASE_RENEW_MS,
    leaseGuardMs: Math.max(50, Math.round(config.CLUSTER_LEASE_TTL_MS / 10)),
    scanIntervalMs: config.CLUSTER_SCAN_INTERVAL_MS,
    nodeTtlMs: Math.max(
      3 * config.CLUSTER_SCAN_INTERVAL_MS,
      config.CLUSTER_LEASE_TTL_MS - config.CLUSTER_LEASE_RENEW_MS,
    ),
    orphanGraceMs: 2 * config.CLUSTER_SCAN_INTERVAL_MS,
    routeTimeoutMs: config.CLUSTER_ROUTE_TIMEOUT_MS,
    rebalanceHandWaitMs: config.CLUSTER_REBALANCE_HAND_WAIT_MS,
    redisCommandTimeoutMs: Math.max(100, Math.min(1_000, config.CLUSTER_LEASE_RENEW_MS)),
    selfFence: config.CLUSTER_LEASE_SELF_FENCE,
  };
}
