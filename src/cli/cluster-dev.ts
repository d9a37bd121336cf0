import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../config.js';
import { type EmbeddedDatabase, startConfiguredEmbeddedDatabase } from '../db/embedded-database.js';
import { SERVER_NODE_FLAGS } from './server-node-flags.js';

/**
 * `npm run cluster:dev -- --nodes 3 [--port 3000]`: several server processes on this machine
 * acting as one cluster, for development. Node i listens on port + i; all share DATABASE_URL (or,
 * without it, one embedded PostgreSQL started here in DATA_DIR) and REDIS_URL (default
 * redis://127.0.0.1:6379). Their logs are prefixed with the node's name. Ctrl-C stops every node
 * gracefully (each hands its tables over as it goes), then the embedded database.
 */

const PROJECT_DIR = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '3' },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
    },
  });
  const nodes = Number(values.nodes);
  const basePort = Number(values.port);
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > 16 || !Number.isInteger(basePort)) {
    console.error('usage: npm run cluster:dev -- --nodes N (1 to 16) [--port FIRST_PORT]');
    return 2;
  }
  const logger = pino({ level: 'info' });
  let embedded: EmbeddedDatabase | undefined;
  const config = loadConfig(process.env);
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startConfiguredEmbeddedDatabase(config, logger);
    databaseUrl = embedded.url;
  }
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  const children: ChildProcess[] = [];
  const exited: Promise<void>[] = [];
  for (let i = 0; i < nodes; i++) {
    const name = `node-${i}`;
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_DIR,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        PORT: String(basePort + i),
        CLUSTER_NODE_NAME: name,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') process.stdout.write(`[${name}] ${line}\n`);
      });
    }
    exited.push(
      new Promise((resolve) =>
        child.once('exit', (code, signal) => {
          console.log(`[${name}] exited (${code ?? signal})`);
          resolve();
        }),
      ),
    );
    children.push(child);
    console.log(`[${name}] starting on http://127.0.0.1:${basePort + i}`);
  }

  const stop = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await Promise.all(exited);
  await embedded?.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('cluster:dev failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
