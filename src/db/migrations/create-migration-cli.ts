import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diffSchemas, MIGRATIONS_DIR } from './apply-migrations.js';

/**
 * `tsx src/ledger/migrations/create-migration-cli.ts --name add_x [--from old.prisma]`: writes
 * prisma/migrations/<timestamp>_<name>/migration.sql with the SQL from the previous schema (by
 * default the committed one, `git show HEAD:prisma/schema.prisma`) to prisma/schema.prisma, in
 * Prisma's own migration format. The engine needs a reachable server (DATABASE_URL, or the local one). Review it and append any hand-written SQL (CHECKs, triggers).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, from: { type: 'string' } } });
  const name = values.name?.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (!name) throw new Error('give the migration a --name');
  const from = values.from
    ? await readFile(values.from, 'utf8')
    : execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' });
  const to = await readFile('prisma/schema.prisma', 'utf8');
  const sql = await diffSchemas(
    process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres',
    from,
    to,
  );
  if (sql.trim().length === 0) {
    console.log('the schema has not changed: no migration written');
    return;
  }
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'migration.sql'), sql);
  console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
