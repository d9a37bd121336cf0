import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../db/backup.js';

/** `npm run backup -- --out FILE`: a pg_dump custom-format archive of DATABASE_URL. */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const url = process.env.DATABASE_URL;
  if (!url || !values.out) {
    console.error('usage: DATABASE_URL=... npm run backup -- --out FILE');
    return 2;
  }
  const tool = await backupDatabase(url, values.out);
  const { size } = await stat(values.out);
  console.log(`backup: wrote ${values.out} (${size} bytes) with ${tool.path} (PostgreSQL ${tool.major})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('backup failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
