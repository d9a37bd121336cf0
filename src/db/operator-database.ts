import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createDatabase, type Database, databaseOptionsOf } from './database.js';
import {
  type EmbeddedDatabase,
  findRunningEmbeddedDatabase,
  startConfiguredEmbeddedDatabase,
} from './embedded-database.js';

/** The server's database as a command-line tool reaches it, and how to let it go. */
export interface OperatorDatabase {
  readonly url: string;
  /** Whether the tool started the embedded PostgreSQL itself (no server was running on it). */
  readonly startedEmbedded: boolean;
  /** A connection pool of its own; opened on first use. */
  database(): Database;
  /** Closes the pool and stops the embedded PostgreSQL if this tool started it. */
  close(): Promise<void>;
}

/**
 * The database the server uses, for operator tools (audit, backup, restore, verify:deck,
 * user:create): DATABASE_URL when set; else the embedded PostgreSQL in DATA_DIR, the running
 * server's if there is one, or started for the moment. So every documented command works on the
 * quick-start database exactly as on a production one.
 */
export async function openOperatorDatabase(
  config: Config,
  applicationName: string,
  logger: Logger,
): Promise<OperatorDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL ?? (await findRunningEmbeddedDatabase(config.DATA_DIR));
  if (url === undefined) {
    embedded = await startConfiguredEmbeddedDatabase(config, logger);
    url = embedded.url;
  }
  const databaseUrl = url;
  let database: Database | undefined;
  return {
    url: databaseUrl,
    startedEmbedded: embedded !== undefined,
    database() {
      // One connection is enough for a tool, and never competes with the server's pool.
      database ??= createDatabase({
        ...databaseOptionsOf(config, databaseUrl, applicationName),
        poolSizeMax: 1,
      });
      return database;
    },
    async close() {
      await database?.close();
      await embedded?.stop();
    },
  };
}
