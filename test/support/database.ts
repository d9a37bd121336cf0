import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { createDatabase, type Database, databaseOptionsOf } from '../../src/db/database.js';
import type { PrismaClient } from '../../src/db/generated/prisma/client.js';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { poolOf, prismaOf } from '../../src/db/prisma-access.js';
import {
  createLedger,
  type Ledger,
  type LedgerSettings,
  ledgerSettingsOf,
} from '../../src/ledger/transactions.js';

/** The server's settings at their defaults (config.ts), for tests to start from. */
export const TEST_CONFIG = loadConfig({});

/**
 * The local PostgreSQL server tests use (trust auth). TEST_DATABASE_SERVER overrides it, for a
 * server elsewhere; the database name in it is where CREATE DATABASE is issued from.
 */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER ?? 'postgresql://root@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** The handle the server's code takes. */
  readonly database: Database;
  /** Prisma behind it, for tests that look at rows directly. */
  readonly prisma: PrismaClient;
  readonly pool: pg.Pool;
  /** Closes the connections and drops the database. */
  drop(): Promise<void>;
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty, uniquely named database (no migrations); returns its name. */
export async function createEmptyDatabase(prefix = 'test'): Promise<string> {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  const name = `${safePrefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * A fresh database with every migration applied, so each test file works alone. The pool is
 * sized for concurrency tests; pass a smaller one where a test wants to see queueing.
 */
export async function createTestDatabase(prefix = 'test', poolSizeMax = 20): Promise<TestDatabase> {
  const name = await createEmptyDatabase(prefix);
  const url = databaseUrl(name);
  try {
    await applyMigrations(url);
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
  const database = createDatabase({
    ...databaseOptionsOf(TEST_CONFIG, url, `test-${prefix}`),
    poolSizeMax,
  });
  return {
    name,
    url,
    database,
    prisma: prismaOf(database),
    pool: poolOf(database),
    async drop() {
      await database.close();
      await dropDatabase(name);
    },
  };
}

/** The ledger over a test database, with the default settings and any the test changes. */
export function testLedger(
  db: { readonly database: Database },
  overrides: Partial<LedgerSettings> = {},
): Ledger {
  return createLedger(db.database, { ...ledgerSettingsOf(TEST_CONFIG), ...overrides });
}
