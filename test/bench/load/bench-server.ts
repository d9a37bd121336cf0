import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  parsePrometheusText,
  type ServerMetrics,
  serverMetricsOf,
} from '../../../client/bots/server-metrics.js';
import { SERVER_NODE_FLAGS } from '../../../src/cli/server-node-flags.js';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../../support/database.js';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 60_000;

/**
 * The real server (`src/main.ts`) as its own process on 127.0.0.1, with a fresh database on the
 * local PostgreSQL that the server migrates itself. Settings that would measure something other
 * than the tables are opened up: password hashing at its cheapest, rate limits out of the way.
 */
export interface BenchServer {
  readonly url: string;
  readonly databaseUrl: string;
  readonly child: ChildProcess;
  /** The last lines the server wrote (for a crash report). */
  tail(): string;
  metrics(): Promise<ServerMetrics | null>;
  /** Every sample of GET /metrics, by "name{labels}" (null when the server does not answer). */
  samples(): Promise<Map<string, number> | null>;
  stop(): Promise<number | string>;
}

export const BENCH_ADMIN = { username: 'bench_admin', password: 'bench admin password' } as const;
export const BENCH_CASHIER = { username: 'bench_cashier', password: 'bench cashier password' } as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One server process on a database that exists (the server migrates it itself). Its stop() ends
 * the process only: the database belongs to whoever created it.
 */
export async function spawnBenchServer(url: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS (for example --cpu-prof) profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_SERVER_ENV ("PG_POOL_MAX=30 ...") tries a server setting without editing the bench.
  const extraEnv = Object.fromEntries(
    (process.env.BENCH_SERVER_ENV ?? '')
      .split(' ')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', 'src/main.ts'],
    {
      cwd: PROJECT_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        NODE_ENV: 'production',
        DATABASE_URL: url,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        SESSION_COOKIE_SECURE: 'false',
        SCRYPT_COST_LOG2: '10',
        RATE_LIMIT_GLOBAL_MAX: '1000000',
        RATE_LIMIT_LOGIN_MAX: '1000000',
        RATE_LIMIT_REGISTER_MAX: '1000000',
        RATE_LIMIT_MONEY_MAX: '1000000',
        DEPOSIT_AMOUNT_MAX: '1000000',
        // Every bot connects from 127.0.0.1: one address, thousands of sockets and handshakes.
        SOCKET_CONNECTIONS_PER_IP_MAX: '100000',
        SOCKET_HANDSHAKE_BURST: '100000',
        SOCKET_HANDSHAKES_PER_SECOND: '100000',
        BOOTSTRAP_ADMIN_USERNAME: BENCH_ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password,
        BOOTSTRAP_CASHIER_USERNAME: BENCH_CASHIER.username,
        BOOTSTRAP_CASHIER_PASSWORD: BENCH_CASHIER.password,
        ...env,
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail = [...tail, ...chunk.toString('utf8').split('\n').filter(Boolean)].slice(-40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited at start-up:\n${tail.join('\n')}`);
    try {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready within ${READY_TIMEOUT_MS} ms:\n${tail.join('\n')}`);
    }
    await sleep(250);
  }
  const prometheus = async (): Promise<string | null> => {
    try {
      const response = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) });
      return response.ok ? await response.text() : null;
    } catch {
      return null;
    }
  };
  return {
    url: base,
    databaseUrl: url,
    child,
    tail: () => tail.join('\n'),
    async metrics() {
      const text = await prometheus();
      return text === null ? null : serverMetricsOf(text);
    },
    async samples() {
      const text = await prometheus();
      return text === null ? null : parsePrometheusText(text);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => 'timeout' as const)]);
      if (code === 'timeout') child.kill('SIGKILL');
      await exited;
      return code;
    },
  };
}

/** One server on a fresh database of its own, dropped when the server stops. */
export async function startBenchServer(
  prefix: string,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const name = await createEmptyDatabase(prefix);
  let server: BenchServer;
  try {
    server = await spawnBenchServer(databaseUrl(name), env);
  } catch (error) {
    await dropDatabase(name);
    throw error;
  }
  return {
    ...server,
    async stop() {
      const code = await server.stop();
      await dropDatabase(name);
      return code;
    },
  };
}
