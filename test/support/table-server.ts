import { type Logger, pino } from 'pino';
import type { Config } from '../../src/config.js';
import type { Card } from '../../src/engine/cards.js';
import { computeEquity } from '../../src/engine/equity.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { newSalts } from '../../src/fairness/deck-commitment.js';
import { buildApp } from '../../src/http/app.js';
import type { ZodApp } from '../../src/http/app-context.js';
import { type SessionEnds, type SessionSockets, sessionEnds } from '../../src/http/session-ends.js';
import type { Ledger } from '../../src/ledger/transactions.js';
import { Money } from '../../src/money/index.js';
import { PokerMetrics } from '../../src/observability/metrics.js';
import { endSessionSockets } from '../../src/realtime/end-session-sockets.js';
import type { GatewaySettings } from '../../src/realtime/gateway-settings.js';
import { realtimeSettingsOf } from '../../src/realtime/realtime-config.js';
import type { SocketAuthenticator } from '../../src/realtime/session-auth.js';
import { attachTables, type TableService } from '../../src/realtime/table-service.js';
import type { TableSettings } from '../../src/tables/table-settings.js';
import { createTestDatabase, type TestDatabase, testLedger } from './database.js';
import { registerFundedPlayer } from './funded-player.js';
import { testConfig } from './http-app.js';
import { ManualClock } from './manual-clock.js';
import { PokerClient } from './poker-client.js';
import { seededInt, seededRandom } from './seeded-random.js';
import { TEST_SETTINGS } from './table-harness.js';

export interface TablePlayer {
  readonly userId: string;
  readonly username: string;
  readonly token: string;
}

export interface TableServer {
  readonly db: TestDatabase;
  readonly app: ZodApp;
  readonly ledger: Ledger;
  readonly service: TableService;
  readonly metrics: PokerMetrics;
  readonly clock: ManualClock;
  readonly config: Config;
  /** Ends sessions and closes their sockets, as the HTTP routes do (logout, revocation). */
  readonly sessions: SessionEnds;
  readonly url: string;
  /** Decks dealt next, in order; then seeded shuffles. */
  readonly decks: Card[][];
  createTable(options?: Partial<TableOptions>): Promise<string>;
  /** A registered player with a session and `funds` in the wallet. */
  player(name: string, funds?: string): Promise<TablePlayer>;
  connect(player: TablePlayer | null): Promise<PokerClient>;
  /** Moves the table clock; timers due run (deals, deadlines). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface TableOptions {
  name: string;
  smallBlind: string;
  bigBlind: string;
  minBuyIn: string;
  maxBuyIn: string;
  chipUnit: string;
  maxSeats: number;
  rakeBasisPoints: number;
  rakeCap: string;
  variant: 'NT' | 'PO';
  runItTwice: boolean;
}

/**
 * Socket rate limits far above anything a test sends: for tests that drive many hands as fast as
 * they can, where the limits themselves are not under test.
 */
export const UNTHROTTLED_GATEWAY: Partial<GatewaySettings> = {
  socketEventsPerSecond: 1_000,
  socketBurst: 1_000,
  userEventsPerSecond: 1_000,
  userBurst: 1_000,
};

/**
 * A real server in this process: PostgreSQL database of its own, the HTTP app, the ledger,
 * Socket.IO and the tables, listening on a free port of 127.0.0.1. Only the table clock is manual,
 * so deadlines move when the test says so.
 */
export async function startTableServer(
  prefix: string,
  options: {
    tables?: Partial<TableSettings>;
    gateway?: Partial<GatewaySettings>;
    seed?: number;
    /** Settings of src/config.ts on top of the tests' own (testConfig). */
    config?: Record<string, string>;
    /** Where the server logs (silent by default). */
    logger?: Logger;
    /** How handshake tokens are looked up (the database, by default). */
    authenticate?: SocketAuthenticator;
  } = {},
): Promise<TableServer> {
  const db = await createTestDatabase(prefix, 10);
  const config = testConfig({ RATE_LIMIT_GLOBAL_MAX: '100000', ...options.config });
  const logger = options.logger ?? pino({ level: 'silent' });
  const ledger = testLedger(db);
  const metrics = new PokerMetrics({ defaultMetrics: false });
  // As main.ts wires it: the sockets exist only once the tables are attached to the app.
  let service: TableService | undefined;
  const sessionSockets: SessionSockets = {
    end: async (scope, notice) => {
      if (service) await endSessionSockets(service.io, scope, notice);
    },
  };
  const app = await buildApp({ config, database: db.database, ledger, metrics, logger, sessionSockets });
  const clock = new ManualClock(Date.now());
  const decks: Card[][] = [];
  const rand = seededRandom(options.seed ?? 11);
  service = await attachTables(app, {
    database: db.database,
    ledger,
    logger,
    metrics,
    tableSettings: { ...TEST_SETTINGS, ...options.tables },
    gatewaySettings: { ...realtimeSettingsOf(config).gateway, lobbyUpdateIntervalMs: 20, ...options.gateway },
    equityLimits: realtimeSettingsOf(config).equity,
    equity: async (input) => computeEquity(input),
    clock,
    ...(options.authenticate && { authenticate: options.authenticate }),
    deckSource: () => ({
      deck: decks.shift() ?? shuffleDeck((max) => seededInt(rand, max)),
      salts: newSalts(),
    }),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  let players = 0;
  return {
    db,
    app,
    ledger,
    service,
    metrics,
    clock,
    config,
    sessions: sessionEnds(db.database, sessionSockets),
    url: address,
    decks,
    async createTable(table = {}) {
      const created = await ledger.createTable({
        name: table.name ?? 'Integration table',
        smallBlind: new Money(table.smallBlind ?? '0.5'),
        bigBlind: new Money(table.bigBlind ?? '1'),
        minBuyIn: new Money(table.minBuyIn ?? '20'),
        maxBuyIn: new Money(table.maxBuyIn ?? '200'),
        chipUnit: new Money(table.chipUnit ?? '0.01'),
        maxSeats: table.maxSeats ?? 6,
        rakeBasisPoints: table.rakeBasisPoints ?? 500,
        rakeCap: new Money(table.rakeCap ?? '3'),
        variant: table.variant ?? 'NT',
        runItTwice: table.runItTwice ?? false,
      });
      if (!created.ok) throw new Error(created.error.message);
      if (!(await service.openTable(created.value.tableId))) throw new Error('table did not open');
      return created.value.tableId;
    },
    async player(name, funds = '1000') {
      players += 1;
      const username = `${name}_${process.pid % 1000}_${players}`;
      return registerFundedPlayer(db.database, ledger, config, username, funds);
    },
    connect: (player) => PokerClient.connect(address, player?.token ?? null, player?.userId ?? null),
    advance: (ms) => clock.advance(ms),
    async close() {
      // A hand in progress gets the shutdown wait, measured on the manual clock: move it along.
      let closed = false;
      const closing = service.close().finally(() => {
        closed = true;
      });
      while (!closed) {
        clock.advance(1_000);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await closing;
      await app.close();
      await db.drop();
    },
  };
}
