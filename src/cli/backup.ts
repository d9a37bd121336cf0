import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { backupDatabase } from '../db/backup.js';
import { openOperatorDatabase } from '../db/operator-database.js';

/**
 * `npm run backup -- --out FILE`: a pg_dump custom-format archive of the server's database:
 * DATABASE_URL, or else the embedded one in DATA_DIR (the running server's, or started for the moment).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) {
    console.error(
      'usage: npm run backup -- --out FILE   (DATABASE_URL, or the embedded database in DATA_DIR)',
    );
    return 2;
  }
  const operator = await openOperatorDatabase(
    loadConfig(process.env),
    'holdem-backup',
    pino({ level: 'warn' }),
  );
  try {
    const tool = await backupDatabase(operator.url, values.out);
    const { size } = await stat(values.out);
    console.log(`backup: wrote ${values.out} (${size} bytes) with ${tool.path} (PostgreSQL ${tool.major})`);
    return 0;
  } finally {
    await operator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('backup failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
