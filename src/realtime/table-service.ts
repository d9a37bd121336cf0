import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { PrismaClient } from '../ledger/prisma-client.js';
import type { Ledger } from '../ledger/transactions.js';
import type { PokerMetrics } from '../observability/metrics.js';
import { systemClock, type TableClock } from '../tables/clock.js';
import { realHandEngine } from '../tables/hand-engine.js';
import { secureDeckSource } from '../tables/secure-deck.js';
import { TableActor } from '../tables/table-actor.js';
import type { DeckSource } from '../tables/table-ports.js';
import { TableRegistry } from '../tables/table-registry.js';
import { DEFAULT_TABLE_SETTINGS, type TableSettings } from '../tables/table-settings.js';
import { attachGateway } from './gateway.js';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './gateway-settings.js';
import { type SocketAuthenticator, sessionAuthenticator } from './session-auth.js';
import { SocketBroadcaster } from './socket-broadcaster.js';
import type { PokerServer } from './socket-types.js';
import { tableLedgerOf } from './table-ledger-adapter.js';
import { loadTable, openTableIds } from './table-loader.js';

export interface TableServiceOptions {
  readonly prisma: PrismaClient;
  readonly ledger: Ledger;
  readonly logger: Logger;
  readonly metrics: PokerMetrics;
  readonly tableSettings?: TableSettings;
  readonly gatewaySettings?: GatewaySettings;
  readonly clock?: TableClock;
  readonly deckSource?: DeckSource;
  readonly authenticate?: SocketAuthenticator;
  /** The owner epoch to claim a table with, given the stored one (src/cluster supplies leases). */
  readonly chooseEpoch?: (tableId: string, storedEpoch: bigint) => bigint;
}

export interface TableService {
  readonly io: PokerServer;
  readonly registry: TableRegistry;
  /** Starts running a table (for example, one just created); false if it cannot run here. */
  openTable(tableId: string): Promise<boolean>;
  /** Stops one table (after an admin closed it in the database); false if it was not live. */
  closeTable(tableId: string): Promise<boolean>;
  /** Stops dealing, lets hands finish (or voids them), then closes every socket. */
  close(): Promise<void>;
}

/**
 * The real-time side, attached to the Fastify app's own HTTP server: Socket.IO on /socket.io/,
 * the gateway, and every open table restored from the database. Call before app.listen().
 */
export async function attachTables(
  app: FastifyInstance,
  options: TableServiceOptions,
): Promise<TableService> {
  const tableSettings = options.tableSettings ?? DEFAULT_TABLE_SETTINGS;
  const gatewaySettings = options.gatewaySettings ?? DEFAULT_GATEWAY_SETTINGS;
  const { prisma, ledger, logger, metrics } = options;
  const io: PokerServer = new Server(app.server, {
    maxHttpBufferSize: gatewaySettings.maxMessageBytes,
    serveClient: false,
  });
  const registry = new TableRegistry();
  const broadcaster = new SocketBroadcaster(io, gatewaySettings.lobbyUpdateIntervalMs);
  attachGateway({
    io,
    registry,
    authenticate: options.authenticate ?? sessionAuthenticator(prisma),
    settings: gatewaySettings,
    logger,
    metrics,
  });

  let closing = false;
  const openTable = async (tableId: string): Promise<boolean> => {
    if (closing || registry.get(tableId)) return false;
    const loaded = await loadTable(prisma, ledger, tableId, (stored) =>
      options.chooseEpoch ? options.chooseEpoch(tableId, stored) : stored + 1n,
    );
    if (!loaded.ok) {
      logger.warn({ tableId, reason: loaded.reason }, 'table not opened');
      return false;
    }
    const { config, ownerEpoch, start } = loaded.table;
    const actor = new TableActor(
      {
        config,
        settings: tableSettings,
        ledger: tableLedgerOf(ledger, ownerEpoch),
        broadcaster,
        observer: metrics,
        clock: options.clock ?? systemClock,
        deckSource: options.deckSource ?? secureDeckSource,
        engine: realHandEngine,
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

  for (const tableId of await openTableIds(prisma)) await openTable(tableId);

  return {
    io,
    registry,
    openTable,
    async closeTable(tableId) {
      const actor = registry.get(tableId);
      if (!actor) return false;
      await actor.close();
      registry.remove(tableId);
      metrics.liveTables.set(registry.size);
      logger.info({ tableId }, 'table closed');
      return true;
    },
    async close() {
      closing = true;
      await registry.closeAll();
      metrics.liveTables.set(0);
      broadcaster.flushSummaries();
      broadcaster.stop();
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
