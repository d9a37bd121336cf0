import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Server, type ServerOptions } from 'socket.io';
import type { Database } from '../db/database.js';
import { openTableIds } from '../db/queries/table-queries.js';
import { type DeckSource, secureDeckSource } from '../fairness/secure-deck.js';
import { tableLedgerOf } from '../ledger/table-ledger.js';
import type { Ledger } from '../ledger/transactions.js';
import type { PokerMetrics } from '../observability/metrics.js';
import { systemClock, type TableClock } from '../tables/clock.js';
import { realHandEngine } from '../tables/hand-engine.js';
import { TableActor } from '../tables/table-actor.js';
import { tournamentTableConfig } from '../tables/table-config.js';
import type { EquityCalculator, TableBroadcaster, TableLedger } from '../tables/table-ports.js';
import { TableRegistry } from '../tables/table-registry.js';
import type { TableSettings } from '../tables/table-settings.js';
import { type EquityLimits, startEquityWorkers } from './equity-workers.js';
import { attachGateway } from './gateway.js';
import type { GatewaySettings } from './gateway-settings.js';
import { jsonOnlyParser } from './json-packet-encoder.js';
import { endedSessionsLookup, type SocketAuthenticator, sessionAuthenticator } from './session-auth.js';
import { SocketBroadcaster } from './socket-broadcaster.js';
import type { PokerServer } from './socket-types.js';
import type { TableAccess } from './table-access.js';
import { loadTable } from './table-loader.js';
import { TablePresence } from './table-presence.js';
import type { TournamentRunnerHost } from './tournament-runner.js';

/** A broadcaster the service can flush and stop at shutdown. */
export interface ServiceBroadcaster extends TableBroadcaster {
  flushSummaries(): void;
  stop(): void;
}

/**
 * What a cluster of nodes (src/cluster) changes in the table service. Without it, one node runs
 * every table alone, exactly as before; with it, the cluster decides which tables run here (it
 * calls openTable when it holds a table's lease) and how commands and views cross nodes.
 */
export interface TableServiceCluster {
  /** The Socket.IO adapter, so that a broadcast reaches the sockets of every node. */
  readonly adapter: NonNullable<Partial<ServerOptions>['adapter']>;
  /** Sends views and notices to the sockets of every node. */
  broadcaster(io: PokerServer): ServiceBroadcaster;
  /** Where the gateway's table commands run: here, or forwarded to the owning node. */
  tables(registry: TableRegistry, presence: TablePresence): TableAccess;
  /** The owner epoch to claim a table with (above the stored one). */
  chooseEpoch(tableId: string, storedEpoch: bigint): Promise<bigint>;
  /** The table's ledger as the actor gets it: refuses to move money once the lease is in doubt. */
  guardLedger(tableId: string, ledger: TableLedger): TableLedger;
  /** The sequence number of a table's first view, for the epoch it is owned at. */
  firstSeq(ownerEpoch: bigint): number;
}

export interface TableServiceOptions {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly logger: Logger;
  readonly metrics: PokerMetrics;
  readonly tableSettings: TableSettings;
  readonly gatewaySettings: GatewaySettings;
  readonly clock?: TableClock;
  readonly deckSource?: DeckSource;
  /** All-in equity at the runout; by default a worker thread of this service's own, within these limits. */
  readonly equity?: EquityCalculator;
  readonly equityLimits: EquityLimits;
  readonly authenticate?: SocketAuthenticator;
  /** The owner epoch to claim a table with, given the stored one (src/cluster supplies leases). */
  readonly chooseEpoch?: (tableId: string, storedEpoch: bigint) => bigint;
  /** Several nodes as one (src/cluster); absent, this process runs every open table. */
  readonly cluster?: TableServiceCluster;
}

export interface TableService {
  readonly io: PokerServer;
  readonly registry: TableRegistry;
  /** Starts running a table (for example, one just created); false if it cannot run here. */
  openTable(tableId: string): Promise<boolean>;
  /**
   * Stops one table (closed by an admin, or moving to another node) after its hand in progress,
   * waiting for that hand at most `handWaitMs` (the shutdown wait by default); false if not live.
   */
  closeTable(tableId: string, handWaitMs?: number): Promise<boolean>;
  /** Stops one table at once, its hand in progress void (its lease is lost); false if not live. */
  abandonTable(tableId: string, reason: string): Promise<boolean>;
  /**
   * An operator halts a table: no more hands, the hand in progress void, players may only leave.
   * It holds until the table is restarted (the next start of its owner). False if not live here.
   */
  haltTable(tableId: string, reason: string): Promise<boolean>;
  /**
   * Starts a tournament's table (its runner's: src/realtime/tournament-runner.ts) in this registry,
   * so table:join and table:act reach it; it stays out of the cash lobby. Null if closing.
   */
  startTournamentTable(request: TournamentTableRequest): Promise<TableActor | null>;
  /** Stops dealing, lets hands finish (or voids them), then closes every socket. */
  close(): Promise<void>;
}

export type TournamentTableRequest = Parameters<TournamentRunnerHost['startTable']>[0];

/**
 * The real-time side, attached to the Fastify app's own HTTP server: Socket.IO on /socket.io/,
 * the gateway, and every open table restored from the database. Call before app.listen().
 */
export async function attachTables(
  app: FastifyInstance,
  options: TableServiceOptions,
): Promise<TableService> {
  const { database, ledger, logger, metrics, cluster, tableSettings, gatewaySettings } = options;
  const io: PokerServer = new Server(app.server, {
    maxHttpBufferSize: gatewaySettings.maxMessageBytes,
    serveClient: false,
    // Everything this server sends is JSON: no per-packet search for binary (json-packet-encoder.ts).
    parser: jsonOnlyParser,
    ...(cluster && { adapter: cluster.adapter }),
  });
  const workers = options.equity ? null : startEquityWorkers(options.equityLimits);
  const equity = options.equity ?? workers!.calculate;
  const registry = new TableRegistry();
  const presence = new TablePresence();
  const broadcaster: ServiceBroadcaster = cluster
    ? cluster.broadcaster(io)
    : new SocketBroadcaster(io, gatewaySettings.lobbyUpdateIntervalMs);
  const gateway = attachGateway({
    io,
    registry,
    authenticate: options.authenticate ?? sessionAuthenticator(database),
    // A test's own authenticator stands for the database: then every socket looks up on its own.
    ...(options.authenticate === undefined && { lookupEndedSessions: endedSessionsLookup(database) }),
    settings: gatewaySettings,
    logger,
    metrics,
    presence,
    ...(cluster && { tables: cluster.tables(registry, presence) }),
  });

  let closing = false;
  const openTable = async (tableId: string): Promise<boolean> => {
    if (closing || registry.get(tableId)) return false;
    const loaded = await loadTable(database, ledger, tableId, (stored) => {
      if (cluster) return cluster.chooseEpoch(tableId, stored);
      return options.chooseEpoch ? options.chooseEpoch(tableId, stored) : stored + 1n;
    });
    if (!loaded.ok) {
      logger.warn({ tableId, reason: loaded.error }, 'table not opened');
      return false;
    }
    // Closing started while the table loaded: it must not start dealing now.
    if (closing || registry.get(tableId)) return false;
    const { config, ownerEpoch } = loaded.value;
    const start = cluster
      ? { ...loaded.value.start, firstSeq: cluster.firstSeq(ownerEpoch) }
      : loaded.value.start;
    const tableLedger = tableLedgerOf(ledger, ownerEpoch);
    const actor = new TableActor(
      {
        config,
        settings: tableSettings,
        ledger: cluster ? cluster.guardLedger(tableId, tableLedger) : tableLedger,
        broadcaster,
        observer: metrics,
        clock: options.clock ?? systemClock,
        deckSource: options.deckSource ?? secureDeckSource,
        engine: realHandEngine,
        equity,
        logger: logger.child({ tableId }),
        ownerEpoch,
      },
      start,
    );
    registry.add(actor);
    metrics.liveTables.set(registry.size);
    await actor.start();
    logger.info(
      {
        tableId,
        ownerEpoch: ownerEpoch.toString(),
        seats: start.seats.length,
        lastHand: start.lastHandNumber,
      },
      'table opened',
    );
    return true;
  };

  // In a cluster, tables open here only once this node holds their lease (src/cluster).
  if (!cluster) for (const tableId of await openTableIds(database)) await openTable(tableId);

  // A tournament's tables send no lobby lines: players find them through their tournament.
  const tournamentBroadcaster: TableBroadcaster = {
    publishUpdate: (publication) => broadcaster.publishUpdate(publication),
    publishNotice: (tableId, userId, notice) => broadcaster.publishNotice(tableId, userId, notice),
    publishSummary: () => {},
  };

  return {
    io,
    registry,
    openTable,
    async startTournamentTable(request) {
      if (closing || registry.get(request.tableId)) return null;
      const actor = new TableActor(
        {
          config: tournamentTableConfig({
            tableId: request.tableId,
            name: request.name,
            tournamentId: request.tournamentId,
            variant: request.variant,
            maxSeats: request.maxSeats,
          }),
          settings: tableSettings,
          tournament: request.port,
          broadcaster: tournamentBroadcaster,
          observer: metrics,
          clock: options.clock ?? systemClock,
          deckSource: options.deckSource ?? secureDeckSource,
          engine: realHandEngine,
          equity,
          logger: logger.child({ tableId: request.tableId, tournamentId: request.tournamentId }),
          ownerEpoch: request.ownerEpoch,
        },
        // In a cluster a resumed table's views number above its previous director's, as a cash table's do.
        cluster ? { ...request.start, firstSeq: cluster.firstSeq(request.ownerEpoch) } : request.start,
      );
      registry.add(actor);
      metrics.liveTables.set(registry.size);
      await actor.start();
      logger.info(
        { tableId: request.tableId, tournamentId: request.tournamentId, seats: request.start.seats.length },
        'tournament table opened',
      );
      return actor;
    },
    async closeTable(tableId, handWaitMs) {
      const actor = registry.get(tableId);
      if (!actor) return false;
      await actor.close(handWaitMs);
      registry.remove(tableId);
      metrics.liveTables.set(registry.size);
      logger.info({ tableId }, 'table closed');
      return true;
    },
    async haltTable(tableId, reason) {
      const actor = registry.get(tableId);
      if (!actor) return false;
      await actor.halt(
        `halted by an operator: ${reason}`,
        'an operator halted this table: you may leave with your chips',
      );
      return true;
    },
    async abandonTable(tableId, reason) {
      const actor = registry.get(tableId);
      if (!actor) return false;
      // Out of the registry first: from now on no command reaches this actor.
      registry.remove(tableId);
      metrics.liveTables.set(registry.size);
      await actor.abandon(reason);
      logger.warn({ tableId, reason }, 'table abandoned');
      return true;
    },
    async close() {
      closing = true;
      await registry.closeAll();
      metrics.liveTables.set(0);
      broadcaster.flushSummaries();
      broadcaster.stop();
      gateway.close();
      io.disconnectSockets(true);
      io.engine.close();
      await workers?.close();
    },
  };
}
