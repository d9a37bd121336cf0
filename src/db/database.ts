import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './database-handle.js';
import { PrismaClient } from './generated/prisma/client.js';
import { PrismaDatabase } from './prisma-access.js';
import { statementNameFor } from './statement-names.js';

export type { Database } from './database-handle.js';

/**
 * Connection settings of the database. Every limit is explicit: pg's own defaults are 10
 * connections and waiting forever for one, which turns an overload into a silent pile-up. The
 * values come from config.ts (databaseOptionsOf), the one place where their defaults live.
 */
export interface DatabaseOptions {
  readonly url: string;
  /** Most connections held open; the pool queues callers beyond it. */
  readonly poolSizeMax: number;
  /** How long a caller may wait for a free connection before failing. */
  readonly connectionTimeoutMs: number;
  /** An idle connection is closed after this long. */
  readonly idleTimeoutMs: number;
  /** The server cancels any statement running longer than this. */
  readonly statementTimeoutMs: number;
  /** Default bound on a wait for a row lock (transactions may set a tighter one with SET LOCAL). */
  readonly lockTimeoutMs: number;
  /** The server ends a session that sits idle inside an open transaction this long (a leak). */
  readonly idleInTransactionTimeoutMs: number;
  readonly applicationName: string;
}

/** The connection settings of the server's database, from its configuration. */
export function databaseOptionsOf(config: Config, url: string, applicationName: string): DatabaseOptions {
  return {
    url,
    poolSizeMax: config.PG_POOL_MAX,
    connectionTimeoutMs: config.PG_POOL_WAIT_MS,
    idleTimeoutMs: config.PG_IDLE_TIMEOUT_MS,
    statementTimeoutMs: config.PG_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.TX_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.PG_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    applicationName,
  };
}

/** Builds the pg pool with every limit set. Server-side timeouts travel as startup parameters, so they cost no round trip. */
export function createPool(options: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSizeMax,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    idleTimeoutMillis: options.idleTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    lock_timeout: options.lockTimeoutMs,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs,
    application_name: options.applicationName,
    // Pinned here rather than per transaction: asking Prisma for an isolation level costs a
    // `SET TRANSACTION` round trip on every transaction (see transaction-runner.ts).
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

/** The database: a PrismaClient on the driver adapter over our own bounded pool, behind a handle. */
export function createDatabase(options: DatabaseOptions): Database {
  const pool = createPool(options);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: (query) => statementNameFor(query.sql) }),
  });
  return new PrismaDatabase(prisma, pool);
}
