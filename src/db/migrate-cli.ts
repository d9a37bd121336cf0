import { applyMigrations } from './migrations/apply-migrations.js';

/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, as `prisma migrate deploy`
 * would, through Prisma's WebAssembly schema engine.
 */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('db:migrate: set DATABASE_URL (for example postgresql://root@127.0.0.1:5432/holdem)');
    process.exit(2);
  }
  const applied = await applyMigrations(url);
  console.log(applied.length === 0 ? 'db:migrate: up to date' : `db:migrate: applied ${applied.join(', ')}`);
  // The engine leaves a timer of its own running; we are done, so do not wait for it.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error('db:migrate failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
