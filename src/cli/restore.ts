import { parseArgs } from 'node:util';
import { restoreDatabase } from '../db/backup.js';

/**
 * `npm run restore -- --in FILE`: restores a backup into DATABASE_URL, which must be a new, empty
 * database. Run `npm run audit` against it afterwards.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { in: { type: 'string' } } });
  const url = process.env.DATABASE_URL;
  if (!url || !values.in) {
    console.error('usage: DATABASE_URL=... npm run restore -- --in FILE');
    return 2;
  }
  const tool = await restoreDatabase(url, values.in);
  console.log(`restore: restored ${values.in} with ${tool.path} (PostgreSQL ${tool.major})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('restore failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
