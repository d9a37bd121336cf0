import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../../src/ledger/migrations/apply-migrations.js';
import { createLedgerDatabase, type PrismaClient } from '../../src/ledger/prisma-client.js';

/**
 * The local PostgreSQL server tests use (trust auth). TEST_DATABASE_SERVER overrides it, for a
 * server elsewhere; the database name in it is where CREATE DATABASE is issued from.
 */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER ?? 'postgresql://root@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
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
  const database = createLedgerDatabase({ url, poolSizeMax, applicationName: `test-${prefix}` });
  return {
    name,
    url,
    prisma: database.prisma,
    pool: database.pool,
    async drop() {
      await database.close();
      await dropDatabase(name);
    },
  };
}
