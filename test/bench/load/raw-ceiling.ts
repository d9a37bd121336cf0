import { type SpawnOptions, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LatencySummaryMs } from '../../../client/bots/latency-recorder.js';
import { spawnLoadGenerator } from './load-generator-process.js';

const PROJECT_DIR = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = 'test/bench/load/raw-socketio.ts';

export interface RawCeiling {
  readonly rooms: number;
  readonly sockets: number;
  readonly seconds: number;
  readonly actions: number;
  readonly failures: number;
  readonly actionsPerS: number;
  readonly ackLatencyMs: LatencySummaryMs;
  /** Average cores over the window: the server process, and the clients' process. */
  readonly coresUsed: { readonly server: number; readonly clients: number };
}

/**
 * Runs one process of raw-socketio.ts and returns its first JSON line (and the process). The
 * clients are a load generator, scheduled like the bots, so that both measurements stand alike.
 */
function start(args: readonly string[], timeoutMs: number) {
  const nodeArgs = ['--import', 'tsx', SCRIPT, ...args];
  const options: SpawnOptions = {
    cwd: PROJECT_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const child =
    args[0] === 'clients'
      ? spawnLoadGenerator(nodeArgs, options)
      : spawn(process.execPath, nodeArgs, options);
  if (!child.stdout || !child.stderr) throw new Error(`${SCRIPT}: started without pipes`);
  const stdout = child.stdout;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2_000);
  });
  const firstLine = new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${SCRIPT} ${args[0]}: no answer within ${timeoutMs} ms; ${stderr}`));
    }, timeoutMs);
    let pending = '';
    stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const newline = pending.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(pending.slice(0, newline)));
      } catch (error) {
        reject(error);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${SCRIPT} ${args[0]} exited (${code}) without an answer; ${stderr}`));
    });
  });
  return { child, firstLine };
}

/**
 * The raw Socket.IO ceiling: a minimal server process and a client process with `rooms` rooms of
 * six sockets, each room acting in turn with think time 0, for `seconds`.
 */
export async function measureRawCeiling(rooms: number, seconds: number): Promise<RawCeiling> {
  const server = start(['server'], 30_000);
  try {
    const { port } = (await server.firstLine) as { port: number };
    const clients = start(
      [
        'clients',
        '--url',
        `http://127.0.0.1:${port}`,
        '--rooms',
        String(rooms),
        '--seconds',
        String(seconds),
      ],
      (seconds + 120) * 1000,
    );
    return (await clients.firstLine) as RawCeiling;
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGTERM');
  }
}
