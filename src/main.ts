import { pino } from 'pino';
import type { ClusterNode } from './cluster/cluster-node.js';
import { clusterSettingsOf } from './cluster/cluster-settings.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createDatabase, type Database, databaseOptionsOf } from './db/database.js';
import { type EmbeddedDatabase, startConfiguredEmbeddedDatabase } from './db/embedded-database.js';
import { applyMigrations } from './db/migrations/apply-migrations.js';
import { fail } from './errors/result.js';
import { secureRandomInt } from './fairness/secure-random.js';
import { buildApp } from './http/app.js';
import { registerStaticClient } from './http/static-client.js';
import { createTournamentTableStore } from './ledger/tournament-tables.js';
import { createTournamentLedger } from './ledger/tournament-transactions.js';
import { createLedger, ledgerSettingsOf } from './ledger/transactions.js';
import { PokerMetrics } from './observability/metrics.js';
import { endSessionSockets } from './realtime/end-session-sockets.js';
import { realtimeSettingsOf } from './realtime/realtime-config.js';
import { attachTables, type TableService } from './realtime/table-service.js';
import { startTournamentService, type TournamentService } from './realtime/tournament-service.js';
import { systemClock } from './tables/clock.js';
import { ensureBootstrapUsers } from './users/bootstrap.js';

/**
 * Wiring only: settings, database (embedded PostgreSQL when DATABASE_URL is unset), migrations,
 * bootstrap users, HTTP, Socket.IO and the live tables, and a graceful shutdown on SIGTERM/SIGINT
 * in the reverse order (tables first, so hands finish or are voided before the database goes).
 * With REDIS_URL, this process is one node of a cluster (src/cluster): it runs the tables whose
 * leases it holds, and its shutdown hands them over to the other nodes.
 */

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({
    level: config.LOG_LEVEL,
    // LOG_FORMAT=pretty: readable lines for a person at a terminal (pino-pretty, in a worker thread).
    ...(config.LOG_FORMAT === 'pretty' && {
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    }),
  });

  let embedded: EmbeddedDatabase | undefined;
  let database: Database | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let tables: TableService | undefined;
  let tournaments: TournamentService | undefined;
  let cluster: ClusterNode | undefined;

  let shuttingDown = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ reason }, 'shutting down');
    // If something hangs (a stuck connection, a database that does not stop), leave anyway.
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    let code = exitCode;
    const step = async (name: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        code = 1;
        logger.error({ err: error }, `shutdown: ${name} failed`);
      }
    };
    // Stop dealing (hands finish or are voided), stop taking requests and let the ones in flight
    // finish, then release the database.
    // Tournaments first: their runners hear the hands that finish while their tables close.
    if (tournaments) await step('tournaments', () => tournaments!.close());
    if (tables) await step('tables', () => tables!.close());
    else if (cluster) await step('cluster', () => cluster!.close());
    if (app) await step('http', () => app!.close());
    if (database) await step('database pool', () => database!.close());
    if (embedded) await step('embedded postgres', () => embedded!.stop());
    logger.info('stopped');
    logger.flush();
    // Exit explicitly: the migration engine may leave a timer of its own behind.
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));

  try {
    let databaseUrl = config.DATABASE_URL;
    if (databaseUrl === undefined) {
      logger.info({ dataDir: config.DATA_DIR }, 'no DATABASE_URL: starting the embedded PostgreSQL');
      embedded = await startConfiguredEmbeddedDatabase(config, logger);
      databaseUrl = embedded.url;
    }
    if (shuttingDown) return;

    const applied = await applyMigrations(databaseUrl);
    logger.info({ applied }, applied.length === 0 ? 'database schema is up to date' : 'migrations applied');

    database = createDatabase(databaseOptionsOf(config, databaseUrl, 'holdem-server'));
    await ensureBootstrapUsers(database, config, logger);

    const metrics = new PokerMetrics();
    const ledger = createLedger(database, {
      ...ledgerSettingsOf(config),
      onRoundTrips: (operation, roundTrips) => metrics.ledgerRoundTripsMade(operation, roundTrips),
    });
    const tournamentLedger = createTournamentLedger(database, ledgerSettingsOf(config));
    app = await buildApp({
      config,
      database,
      ledger,
      tournamentLedger,
      // The tournament service exists only after the tables (it runs its tables there).
      tournamentLifecycle: {
        registered: async (tournamentId, userId, entryId) =>
          void (await tournaments?.registered(tournamentId, userId, entryId)),
        cancelled: async (tournamentId) => void (await tournaments?.cancelled(tournamentId)),
        cancelRunning: async (tournamentId) =>
          (await tournaments?.cancelRunning(tournamentId)) ?? notStarted(),
        lateEntry: (tournamentId, userId, idempotencyKey) =>
          tournaments?.lateEntry(tournamentId, userId, idempotencyKey) ?? null,
        deal: async (tournamentId, userId) => (await tournaments?.deal(tournamentId, userId)) ?? notStarted(),
        proposeDeal: async (tournamentId, userId, left) =>
          (await tournaments?.proposeDeal(tournamentId, userId, left)) ?? notStarted(),
        answerDeal: async (tournamentId, userId, offerId, answer) =>
          (await tournaments?.answerDeal(tournamentId, userId, offerId, answer)) ?? notStarted(),
      },
      metrics,
      logger,
      // The table service exists only after the app (it attaches to the app's server).
      tableLifecycle: {
        opened: async (tableId) => void (await tables?.openTable(tableId)),
        closed: async (tableId) => void (await tables?.closeTable(tableId)),
        halted: async (tableId, reason) => (await tables?.haltTable(tableId, reason)) ?? false,
      },
      sessionSockets: {
        end: async (scope, notice) => {
          if (tables) await endSessionSockets(tables.io, scope, notice);
        },
      },
    });
    const clusterSettings = clusterSettingsOf(config);
    if (clusterSettings) {
      // Loaded only with REDIS_URL: a single node never touches Redis code.
      const { startClusterNode } = await import('./cluster/cluster-node.js');
      cluster = await startClusterNode(clusterSettings, {
        database,
        logger,
        lobbyUpdateIntervalMs: config.LOBBY_UPDATE_INTERVAL_MS,
      });
    }
    const realtime = realtimeSettingsOf(config);
    const service = await attachTables(app, {
      database,
      ledger,
      logger,
      metrics,
      tableSettings: realtime.tables,
      gatewaySettings: realtime.gateway,
      equityLimits: realtime.equity,
      ...(cluster && { cluster: cluster.hooks }),
    });
    tables = cluster ? cluster.run(service, metrics) : service;
    tournaments = await startTournamentService({
      database,
      ledger,
      tournamentLedger,
      tables: createTournamentTableStore(database, ledgerSettingsOf(config)),
      tableService: service,
      clock: systemClock,
      randomInt: secureRandomInt,
      logger: logger.child({ component: 'tournaments' }),
      ...(cluster && { direction: cluster.tournaments }),
      settings: {
        queueMax: config.TOURNAMENT_QUEUE_MAX,
        clockSaveMs: config.TOURNAMENT_CLOCK_SAVE_MS,
        dealAnswerMs: config.TOURNAMENT_DEAL_ANSWER_MS,
        schedulerIntervalMs: config.TOURNAMENT_SCHEDULER_INTERVAL_MS,
        batchMax: config.TOURNAMENT_BATCH_MAX,
      },
    });
    const web = await registerStaticClient(app);
    if (!web.served)
      logger.warn({ distDir: web.distDir }, 'the web client is not built: run "npm run build:web"');
    if (shuttingDown) return;
    const address = await app.listen({ host: config.HOST, port: config.PORT });
    logger.info({ address, embeddedDatabase: embedded !== undefined }, 'server ready');
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await shutdown('start-up failed', 1);
  }
}

void main();

/** Before the tournament service is up, no tournament runs here. */
function notStarted() {
  return fail('tournament/not-running', 'the tournaments are not running yet');
}
