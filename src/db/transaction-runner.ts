import type pg from 'pg';
import type { Database } from './database-handle.js';
import { poolOf, prismaOf } from './prisma-access.js';
import { statementNameFor } from './statement-names.js';

/**
 * The ledger's transactions are written once, against this small interface, and run through
 * Prisma in production. The benchmark runs the very same code through plain `pg` as a ceiling, so
 * the comparison measures the driver and nothing else.
 *
 * Rules for SQL sent through it: parameters are text with explicit casts (SqlParams), and every
 * NUMERIC or BIGINT column is selected `::text`, so both drivers return identical JS values.
 */
export interface SqlExecutor {
  query<Row>(sql: string, values: readonly (string | null)[]): Promise<Row[]>;
}

export interface TransactionSettings {
  /** Longest wait for a pooled connection before the transaction starts. */
  readonly maxWaitMs: number;
  /** Longest life of the whole transaction, lock waits included. */
  readonly timeoutMs: number;
}

export interface TransactionRunner {
  readonly driver: 'prisma' | 'pg';
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, settings: TransactionSettings): Promise<T>;
  /** One statement on its own (autocommit): one round trip, for writes that need no transaction. */
  statement<Row>(sql: string, values: readonly (string | null)[]): Promise<Row[]>;
}

/**
 * Interactive Prisma transactions at READ COMMITTED: every decision the ledger makes rests on rows
 * it has locked, and SELECT ... FOR UPDATE always returns their newest version. The level is not
 * passed to Prisma, because Prisma then sends a separate `SET TRANSACTION ISOLATION LEVEL` on every
 * transaction (one more round trip of four); it is PostgreSQL's default, pinned again by the ledger
 * pool's startup options, and lockRows verifies it inside every transaction at no cost.
 */
export function transactionRunnerOf(database: Database): TransactionRunner {
  const prisma = prismaOf(database);
  const pool = poolOf(database);
  return {
    driver: 'prisma',
    transaction(work, settings) {
      return prisma.$transaction(
        (tx) => work({ query: (sql, values) => tx.$queryRawUnsafe(sql, ...values) }),
        { maxWait: settings.maxWaitMs, timeout: settings.timeoutMs },
      );
    },
    // A statement on its own goes to the pool Prisma itself uses, as a named prepared statement:
    // through Prisma's query interpreter the hands' per-hand statements (open, settle) cost more
    // CPU than everything else a hand does on the server (bench:load's profile). No transaction
    // is involved, so nothing of the money's locking order or retries changes.
    statement: async <Row>(sql: string, values: readonly (string | null)[]) =>
      (await pool.query({ name: statementNameFor(sql), text: sql, values: values as (string | null)[] }))
        .rows as Row[],
  };
}

/**
 * The same runner, telling `count` of each round trip to the database it makes: a statement on its
 * own is one; an interactive transaction is one per query plus two (BEGIN and COMMIT, which both
 * drivers send on their own). Retries count again, as they cost again.
 */
export function countingRunner(
  runner: TransactionRunner,
  count: (roundTrips: number) => void,
): TransactionRunner {
  return {
    driver: runner.driver,
    transaction(work, settings) {
      count(2);
      return runner.transaction(
        (tx) =>
          work({
            query: (sql, values) => {
              count(1);
              return tx.query(sql, values);
            },
          }),
        settings,
      );
    },
    statement(sql, values) {
      count(1);
      return runner.statement(sql, values);
    },
  };
}

/** The same transactions over a bare pg pool: the statements Prisma sends (prepared alike), minus Prisma. */
export function pgRunner(pool: pg.Pool): TransactionRunner {
  return {
    driver: 'pg',
    async transaction(work) {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const result = await work({
          query: async <Row>(sql: string, values: readonly (string | null)[]) =>
            (
              await client.query({
                name: statementNameFor(sql),
                text: sql,
                values: values as (string | null)[],
              })
            ).rows as Row[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError;
        });
        throw error;
      } finally {
        // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    },
    async statement<Row>(sql: string, values: readonly (string | null)[]) {
      const result = await pool.query({
        name: statementNameFor(sql),
        text: sql,
        values: values as (string | null)[],
      });
      return result.rows as Row[];
    },
  };
}

/**
 * Runs `work` in one REPEATABLE READ, READ ONLY transaction on its own connection: one consistent
 * snapshot, taken while the system keeps running, and no lock that could stall a live transaction
 * (the audit reads the whole ledger this way).
 */
export async function readSnapshot<T>(database: Database, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  const client = await poolOf(database).connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await work({
      query: async <Row>(sql: string, values: readonly (string | null)[]) =>
        (await client.query(sql, values as (string | null)[])).rows as Row[],
    });
    await client.query('COMMIT');
    return result;
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

interface PrismaDriverError {
  readonly meta?: { readonly driverAdapterError?: { readonly cause?: { readonly originalCode?: string } } };
}

/** The PostgreSQL SQLSTATE of an error from either driver, or undefined for anything else. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fromPrisma = (error as PrismaDriverError).meta?.driverAdapterError?.cause?.originalCode;
  if (typeof fromPrisma === 'string') return fromPrisma;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
