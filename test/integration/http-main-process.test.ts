import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, databaseUrl, dropDatabase } from '../support/database.js';
import { killIfRunning, type ServerProcess, spawnServer } from '../support/server-process.js';

/**
 * The real server process: `src/main.ts` with DATABASE_URL on an empty database. It must migrate
 * the database itself, create the bootstrap admin, answer /health, and stop cleanly on SIGTERM.
 */
let databaseName: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  databaseName = await createEmptyDatabase('http_main');
});
afterAll(async () => {
  killIfRunning(server);
  await server?.exited;
  await dropDatabase(databaseName);
});

describe('src/main.ts as a process', () => {
  it('migrates, serves /health, logs in the bootstrap admin, and shuts down on SIGTERM', async () => {
    server = await spawnServer({
      DATABASE_URL: databaseUrl(databaseName),
      PORT: '0',
      LOG_LEVEL: 'info',
      SCRYPT_COST_LOG2: '12',
      BOOTSTRAP_ADMIN_USERNAME: 'first_admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'first admin password',
    });
    expect(server.logs.some((entry) => entry.msg === 'migrations applied')).toBe(true);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect((await health.json()) as object).toMatchObject({ status: 'ok', database: 'ok' });

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'first_admin', password: 'first admin password' }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.logs.map((entry) => entry.msg)).toEqual(
      expect.arrayContaining(['shutting down', 'stopped']),
    );
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  }, 90_000);
});
