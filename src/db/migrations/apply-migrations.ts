import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { openSchemaEngine } from './schema-engine.js';

/** The project's prisma/migrations folder, found relative to this file. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Reads migration folders exactly as the Prisma CLI does: one folder per migration, sorted by name. */
export async function loadMigrationList(baseDir: string = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (folder) => {
      const file = path.join(baseDir, folder, 'migration.sql');
      const content = await readFile(file, 'utf8').then(
        (value) => ({ tag: 'ok' as const, value }),
        (error: unknown) => ({ tag: 'error' as const, value: String(error) }),
      );
      return { path: folder, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockfile = await readFile(path.join(baseDir, 'migration_lock.toml'), 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/**
 * Applies every migration not yet recorded in `_prisma_migrations` (what `prisma migrate deploy`
 * does), through Prisma's own schema engine. Returns the names of the migrations applied now.
 */
export async function applyMigrations(
  databaseUrl: string,
  baseDir: string = MIGRATIONS_DIR,
): Promise<string[]> {
  const migrationsList = await loadMigrationList(baseDir);
  const handle = await openSchemaEngine(databaseUrl);
  try {
    const output = await handle.engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    return output.appliedMigrationNames;
  } finally {
    await handle.close();
  }
}

/**
 * The migration SQL that takes a database from schema `from` (null: an empty database) to schema
 * `to`, as `prisma migrate diff` prints it. Both sides are schema texts, so no database is read:
 * the engine's introspection of a live database fails through the pg adapter (it cannot decode the
 * catalog's "char" columns), so the previous schema comes from version control instead.
 */
export async function diffSchemas(databaseUrl: string, from: string | null, to: string): Promise<string> {
  // The engine connects on start, though a diff of two schema texts reads nothing from the database.
  const handle = await openSchemaEngine(databaseUrl);
  try {
    const result = await handle.engine.diff({
      from:
        from === null
          ? { tag: 'empty' }
          : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  } finally {
    await handle.close();
  }
}
