import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { Money } from '../money/index.js';
import { PrismaClient } from './generated/prisma/client.js';
import { statementNameFor } from './statement-names.js';

export { PrismaClient };

/**
 * Connection settings of the ledger's database. Every limit is explicit: pg's own defaults are 10
 * connections and waiting forever for one, which turns an overload into a silent pile-up.
 */
export interface LedgerDatabaseOptions {
  readonly url: string;
  /** Most connections held open; the pool queues callers beyond it. */
  readonly poolSizeMax?: number;
  /** How long a caller may wait for a free connection before failing. */
  readonly connectionTimeoutMs?: number;
  /** An idle connection is closed after this long. */
  readonly idleTimeoutMs?: number;
  /** The server cancels any statement running longer than this. */
  readonly statementTimeoutMs?: number;
  /** Default bound on a wait for a row lock (transactions may set a tighter one with SET LOCAL). */
  readonly lockTimeoutMs?: number;
  /** The server ends a session that sits idle inside an open transaction this long (a leak). */
  readonly idleInTransactionTimeoutMs?: number;
  readonly applicationName?: string;
}

export const LEDGER_DATABASE_DEFAULTS = {
  // A few connections per database core: beyond that, more connections only add contention (on the
  // 2-core machines here, 8 gave more throughput than 16 with 32 concurrent callers).
  poolSizeMax: 10,
  connectionTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 2_000,
  idleInTransactionTimeoutMs: 30_000,
  applicationName: 'holdem-ledger',
} as const;

export interface LedgerDatabase {
  readonly prisma: PrismaClient;
  /** The same pool Prisma uses; for plain SQL that has no business going through Prisma (audit). */
  readonly pool: pg.Pool;
  close(): Promise<void>;
}

/** Builds the pg pool with every limit set. Server-side timeouts travel as startup parameters, so they cost no round trip. */
export function createLedgerPool(options: LedgerDatabaseOptions): pg.Pool {
  const settings = { ...LEDGER_DATABASE_DEFAULTS, ...options };
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolSizeMax,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    idleTimeoutMillis: settings.idleTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    application_name: settings.applicationName,
    // Pinned here rather than per transaction: asking Prisma for an isolation level costs a
    // `SET TRANSACTION` round trip on every transaction (see sql-runner.ts).
    options: '-c default_transaction_isolation=read\\ committed',
  });
  // An idle connection that dies (server restart) emits 'error' on the pool; without a listener
  // that would crash the process. The pool drops the connection and opens a new one on demand.
  pool.on('error', () => {});
  // A connection that is checked out but between queries when its backend ends (an operator's
  // pg_terminate_backend, a failover) emits 'error' on the client itself. pg-pool listens only
  // while a client is idle, and Prisma only inside its own transactions, so that error would be
  // uncaught and end the process. The client's next query fails instead, and the pool drops it.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  return pool;
}

/** A PrismaClient on the driver adapter over our own bounded pool. */
export function createLedgerDatabase(options: LedgerDatabaseOptions): LedgerDatabase {
  const pool = createLedgerPool(options);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: (query) => statementNameFor(query.sql) }),
  });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Prisma's Decimal is its own bundled copy of decimal.js, a different class from our Money, so the
 * two never meet in `instanceof` checks or arithmetic: they cross this boundary as decimal text.
 */
export function toMoney(value: { toFixed(): string } | string): Money {
  return new Money(typeof value === 'string' ? value : value.toFixed());
}

/** The text Prisma (and PostgreSQL's NUMERIC) accept for a Decimal column: plain digits, no exponent. */
export function toDecimalText(value: Money): string {
  return value.toFixed();
}
