import type pg from 'pg';
import type { Database } from './database-handle.js';
import type { PrismaClient } from './generated/prisma/client.js';

/**
 * The Prisma client and pool behind a Database handle. Only src/db/ imports this file (the map's
 * `prisma-stays-in-db` rule), so Prisma's generated types never reach the layers above.
 */
export class PrismaDatabase implements Database {
  constructor(
    readonly prisma: PrismaClient,
    /** The same pool Prisma uses: for plain SQL that has no business going through Prisma. */
    readonly pool: pg.Pool,
  ) {}

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
    await this.pool.end();
  }
}

function connected(database: Database): PrismaDatabase {
  if (!(database instanceof PrismaDatabase)) throw new TypeError('not a database made by createDatabase');
  return database;
}

export function prismaOf(database: Database): PrismaClient {
  return connected(database).prisma;
}

export function poolOf(database: Database): pg.Pool {
  return connected(database).pool;
}
