import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { restoreDatabase } from '../db/backup.js';
import { openOperatorDatabase } from '../db/operator-database.js';

/**
 * `npm run restore -- --in FILE`: restores a backup into the server's database, which must be new
 * and empty: DATABASE_URL, or else the embedded one in DATA_DIR. For the embedded database, restore
 * into a fresh DATA_DIR with the server stopped (`DATA_DIR=./.data-restored npm run restore -- --in
 * FILE`), then start the server on it. Run `npm run audit` afterwards.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { in: { type: 'string' } } });
  if (!values.in) {
    console.error(
      "usage: npm run restore -- --in FILE   (into DATABASE_URL, or a fresh DATA_DIR's embedded database)",
    );
    return 2;
  }
  const config = loadConfig(process.env);
  const operator = await openOperatorDatabase(config, 'holdem-restore', pino({ level: 'warn' }));
  try {
    const tool = await restoreDatabase(operator.url, values.in).catch((error: unknown) => {
      if (config.DATABASE_URL || !(error instanceof Error) || !error.message.includes('not empty'))
        throw error;
      throw new Error(
        `the embedded database in ${config.DATA_DIR} already holds data: stop the server and restore ` +
          `into a new DATA_DIR instead, e.g. DATA_DIR=./.data-restored npm run restore -- --in ${values.in}, ` +
          'then DATA_DIR=./.data-restored npm start',
      );
    });
    console.log(`restore: restored ${values.in} with ${tool.path} (PostgreSQL ${tool.major})`);
    return 0;
  } finally {
    await operator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('restore failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
