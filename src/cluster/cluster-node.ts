import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { ClusterMetrics, type PokerMetrics } from '../observability/metrics.js';
import type { TableService, TableServiceCluster } from '../realtime/table-service.js';
import { ClusterBroadcaster } from './cluster-broadcaster.js';
import { ClusterBus } from './cluster-bus.js';
import { ClusterKeys } from './cluster-keys.js';
import { ClusterLobby } from './cluster-lobby.js';
import { type ClusterEvent, DIRECTOR_REQUEST_EVENT, LATE_ENTRY_EVENT } from './cluster-messages.js';
import { ClusterPresence } from './cluster-presence.js';
import type { ClusterSettings } from './cluster-settings.js';
import { CommandRouter } from './command-router.js';
import { fencedTableLedger } from './fenced-ledger.js';
import { HeldLeases } from './held-leases.js';
import { LeaseStore } from './lease-store.js';
import { NodeDirectory } from './node-directory.js';
import { OpenTables } from './open-tables.js';
import { connectRedis } from './redis-connections.js';
import { TableOwnership } from './table-ownership.js';
import { ClusterTournamentDirection } from './tournament-direction.js';

/** Views of each owner start at epoch × 2^32: above every number an earlier owner can have sent. */
const SEQ_PER_EPOCH = 2 ** 32;
/** Epochs below this keep epoch × 2^32 (plus the views of one owner) a safe integer. */
const EPOCH_SEQ_MAX = 2 ** 20;

export interface ClusterNodeOptions {
  readonly database: Database;
  readonly logger: Logger;
  readonly lobbyUpdateIntervalMs: number;
}

export interface ClusterNode {
  readonly nodeId: string;
  /** What the table service needs to run as one node of the cluster. */
  readonly hooks: TableServiceCluster;
  /** Which tournaments this node directs (their tables run here too). */
  readonly tournaments: ClusterTournamentDirection;
  /**
   * Starts taking tables; answers the service main.ts uses (its close hands tables over). The
   * cluster's metrics join the server's (GET /metrics).
   */
  run(service: TableService, metrics: PokerMetrics): TableService;
  /** Releases Redis when the service never ran (a failed start). */
  close(): Promise<void>;
}

/**
 * One node of a cluster: connects to Redis, and wires leases, routing, presence, the lobby and the
 * Socket.IO adapter around the table service. The design is described in README ("Several nodes").
 */
export async function startClusterNode(
  settings: ClusterSettings,
  options: ClusterNodeOptions,
): Promise<ClusterNode> {
  const logger = options.logger.child({ node: settings.nodeId });
  const redis = await connectRedis(settings.redisUrl, logger);
  const keys = new ClusterKeys(settings.prefix);
  const timeoutMs = settings.redisCommandTimeoutMs;
  const store = new LeaseStore(redis.control, keys, settings.nodeId, settings.leaseTtlMs, timeoutMs);
  const leases = new HeldLeases(settings.leaseTtlMs, settings.leaseGuardMs);
  const nodes = new NodeDirectory(redis.control, keys, settings.nodeId, settings.nodeTtlMs, timeoutMs);
  const bus = new ClusterBus(redis.control, redis.subscriber, keys, settings.nodeId, timeoutMs, logger);
  const presence = new ClusterPresence();
  const lobby = new ClusterLobby(redis.control, keys, timeoutMs);
  const openTables = new OpenTables(options.database);
  const metrics = new ClusterMetrics({
    tablesOwned: () => leases.all().filter((lease) => lease.state !== 'opening' && !lease.stopping).length,
    redisConnections: () => redis.ready(),
  });
  const ownership = new TableOwnership({
    settings,
    store,
    leases,
    nodes,
    bus,
    presence,
    openTables,
    metrics,
    logger,
  });
  const tournaments = new ClusterTournamentDirection({
    store,
    tableLeases: leases,
    bus,
    nodeId: settings.nodeId,
    ttlMs: settings.leaseTtlMs,
    renewMs: settings.leaseRenewMs,
    guardMs: settings.leaseGuardMs,
    logger,
  });
  let router: CommandRouter | null = null;
  /** This node's tables, once it runs them. */
  let localTables: { haltTable(tableId: string, reason: string): Promise<boolean> } | null = null;

  bus.onRequest = async (request) => {
    if (request.event === LATE_ENTRY_EVENT) return tournaments.answerLateEntry(request);
    if (request.event === DIRECTOR_REQUEST_EVENT) return tournaments.answerDirectorRequest(request);
    return router?.answer(request) ?? null;
  };
  bus.onPresence = (note) => router?.report(note.tableId, note.userId, note.from, note.connected);
  bus.onEvent = (event: ClusterEvent) => {
    switch (event.kind) {
      case 'owned':
        ownership.ownedElsewhere(event.tableId, event.nodeId);
        router?.ownerChanged(event.tableId, event.nodeId);
        return;
      case 'released':
        if (event.to) ownership.handedOver(event.tableId, event.to);
        ownership.scanSoon();
        return;
      case 'opened':
        ownership.scanSoon();
        return;
      case 'closed':
        ownership.closed(event.tableId);
        lobby.remove(event.tableId).catch(() => undefined);
        return;
      case 'halted':
        void localTables?.haltTable(event.tableId, event.reason);
    }
  };
  await bus.start();

  const hooks: TableServiceCluster = {
    adapter: createAdapter(redis.adapter, { streamName: keys.socketIo, channelPrefix: keys.socketIo }),
    broadcaster(io) {
      return new ClusterBroadcaster(io, leases, lobby, options.lobbyUpdateIntervalMs, logger);
    },
    tables: (registry, localPresence) => {
      router = new CommandRouter({
        nodeId: settings.nodeId,
        registry,
        localPresence,
        presence,
        leases,
        store,
        bus,
        lobby,
        openTables,
        metrics,
        routeTimeoutMs: settings.routeTimeoutMs,
        logger,
      });
      return router;
    },
    async chooseEpoch(tableId, storedEpoch) {
      const lease = leases.get(tableId);
      if (!lease || lease.stopping) throw new Error(`no lease on table ${tableId}`);
      const epoch = await store.nextEpoch(tableId, storedEpoch + 1n);
      if (epoch === null) throw new Error(`the lease on table ${tableId} was lost before its claim`);
      lease.epoch = epoch;
      return epoch;
    },
    guardLedger(tableId, ledger) {
      const lease = leases.get(tableId);
      if (!settings.selfFence) return ledger;
      return fencedTableLedger(ledger, () => lease !== undefined && leases.mayMoveMoney(lease));
    },
    firstSeq: (ownerEpoch) => (ownerEpoch < BigInt(EPOCH_SEQ_MAX) ? Number(ownerEpoch) * SEQ_PER_EPOCH : 0),
  };

  let closed = false;
  const closeRedis = async () => {
    if (closed) return;
    closed = true;
    tournaments.stop();
    await bus.stop();
    await redis.close();
  };

  logger.info({ prefix: settings.prefix, leaseTtlMs: settings.leaseTtlMs }, 'cluster node started');
  return {
    nodeId: settings.nodeId,
    hooks,
    tournaments,
    run(service, serverMetrics) {
      metrics.registerIn(serverMetrics.registry);
      ownership.start(service);
      localTables = service;
      return {
        io: service.io,
        registry: service.registry,
        // A new table runs wherever the cluster places it: every node looks now.
        async openTable(tableId) {
          bus.announce({ kind: 'opened', tableId });
          ownership.scanSoon();
          return true;
        },
        async closeTable(tableId) {
          const here = service.registry.get(tableId) !== undefined;
          bus.announce({ kind: 'closed', tableId });
          ownership.closed(tableId);
          return here;
        },
        abandonTable: (tableId, reason) => service.abandonTable(tableId, reason),
        // A tournament's tables run on its director's node (tournament-direction.ts routes them).
        startTournamentTable: (request) => service.startTournamentTable(request),
        // The owner halts it, wherever it is: every node hears, the one running it acts.
        async haltTable(tableId, reason) {
          bus.announce({ kind: 'halted', tableId, reason });
          return service.haltTable(tableId, reason);
        },
        async close() {
          await ownership.stop();
          await service.close();
          service.io.of('/').adapter.close();
          await closeRedis();
        },
      };
    },
    close: closeRedis,
  };
}
