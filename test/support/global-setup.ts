import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startEmbeddedDatabase } from '../../src/db/embedded-database.js';

/**
 * Makes `npm test` work on any machine. Integration tests need a PostgreSQL server where they can
 * create databases: TEST_DATABASE_SERVER if set, else the local server on 127.0.0.1:5432 (the
 * project's machines and CI), else an embedded PostgreSQL started here for the duration of the run
 * (a newcomer's machine). TEST_EMBEDDED_DATABASE=1 forces the embedded path.
 */
function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_DATABASE_SERVER) return undefined;
  if (process.env.TEST_EMBEDDED_DATABASE !== '1' && (await isPortOpen(5432))) return undefined;

  const dataDir = await mkdtemp(join(tmpdir(), 'holdem-test-db-'));
  const database = await startEmbeddedDatabase({
    dataDir,
    port: 0,
    createSystemUser: true,
    logger: pino({ level: 'warn' }),
  });
  // Test workers are started after this and inherit the environment.
  process.env.TEST_DATABASE_SERVER = database.url;
  console.log(`tests use an embedded PostgreSQL on port ${database.port}`);
  return async () => {
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
