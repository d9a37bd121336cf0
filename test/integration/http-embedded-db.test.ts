import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killIfRunning, type ServerProcess, spawnServer } from '../support/server-process.js';

/**
 * The default on a fresh machine: no DATABASE_URL, so the server starts the embedded PostgreSQL in
 * DATA_DIR (a temporary directory here, on a non-default port), migrates it, and serves. Then the
 * same DATA_DIR is reused across restarts, including after the server was SIGKILLed and left its
 * postgres running.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

type LoginBody = { session: { token: string } };
type WalletBody = { balance: string };

function post(server: ServerProcess, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function postgresPid(dataDir: string): Promise<number> {
  return Number.parseInt(
    (await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]!,
    10,
  );
}

/** Running, not gone and not a zombie that its (new) parent has yet to reap. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

let dataDir: string | undefined;
let restoredDir: string | undefined;
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const server of servers) killIfRunning(server);
  await Promise.all(servers.map((server) => server.exited));
  for (const dir of [dataDir, restoredDir]) {
    if (!dir) continue;
    const pid = await postgresPid(dir).catch(() => undefined);
    if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGINT');
    await rm(dir, { recursive: true, force: true });
  }
});

/** Runs an operator command (`npm run <name>`'s script) as a user would, with only these settings. */
function operatorCommand(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('embedded PostgreSQL (no DATABASE_URL)', () => {
  it('starts, migrates, serves, keeps its data across restarts, and recovers from a SIGKILL', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'holdem-embedded-'));
    const pgPort = await freePort();
    expect(pgPort).not.toBe(5432);
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      PORT: '0',
      LOG_LEVEL: 'info',
      SCRYPT_COST_LOG2: '12',
      BOOTSTRAP_CASHIER_USERNAME: 'first_cashier',
      BOOTSTRAP_CASHIER_PASSWORD: 'first cashier password',
    };
    const start = async () => {
      const server = await spawnServer(env, 120_000);
      servers.push(server);
      return server;
    };

    // First start: a new cluster, migrated; register a player, deposit through the cashier.
    const first = await start();
    const messages = first.logs.map((entry) => entry.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'initialising the embedded PostgreSQL cluster',
        'embedded PostgreSQL is ready',
        'migrations applied',
      ]),
    );
    expect(first.logs.find((entry) => entry.msg === 'embedded PostgreSQL is ready')?.port).toBe(pgPort);
    expect((await fetch(`${first.url}/health`)).status).toBe(200);

    const registered = await post(first, '/api/auth/register', {
      username: 'embedded_player',
      password: 'player password 1',
    });
    expect(registered.status).toBe(201);
    const playerToken = (await json<LoginBody>(registered)).session.token;
    const cashierLogin = await post(first, '/api/auth/login', {
      username: 'first_cashier',
      password: 'first cashier password',
    });
    expect(cashierLogin.status).toBe(200);
    const cashierToken = (await json<LoginBody>(cashierLogin)).session.token;
    const deposit = await post(
      first,
      '/api/cashier/deposits',
      { username: 'embedded_player', amount: '77.25' },
      { authorization: `Bearer ${cashierToken}`, 'idempotency-key': randomUUID() },
    );
    expect(deposit.status).toBe(201);
    const wallet = await fetch(`${first.url}/api/wallet`, {
      headers: { authorization: `Bearer ${playerToken}` },
    });
    expect((await json<WalletBody>(wallet)).balance).toBe('77.25');

    const firstPgPid = await postgresPid(dataDir);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isAlive(firstPgPid)).toBe(false);

    // Second start: the same cluster is reused (no initdb), the data is still there.
    const second = await start();
    expect(second.logs.map((entry) => entry.msg)).not.toContain(
      'initialising the embedded PostgreSQL cluster',
    );
    const again = await fetch(`${second.url}/api/wallet`, {
      headers: { authorization: `Bearer ${playerToken}` },
    });
    expect(again.status).toBe(200);
    expect((await json<WalletBody>(again)).balance).toBe('77.25');

    // A SIGKILLed server leaves its postgres running; the next start stops it and carries on.
    const orphanPid = await postgresPid(dataDir);
    second.child.kill('SIGKILL');
    await second.exited;
    expect(isAlive(orphanPid)).toBe(true);

    const third = await start();
    expect(third.logs.map((entry) => entry.msg)).toContain(
      'stopping a postgres left running by a previous process',
    );
    expect(isAlive(orphanPid)).toBe(false);
    const health = await fetch(`${third.url}/health`);
    expect(health.status).toBe(200);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 300_000);

  it('backs up the embedded database, restores it into a fresh DATA_DIR, and audits it, with no DATABASE_URL', async () => {
    expect(dataDir).toBeDefined();
    const env = { DATA_DIR: dataDir!, EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    const dump = join(dataDir!, 'room.dump');
    // The server is stopped: the command starts the embedded PostgreSQL for the moment.
    const backup = await operatorCommand('src/cli/backup.ts', ['--out', dump], env);
    expect({ code: backup.code, stderr: backup.stderr }).toEqual({ code: 0, stderr: '' });
    expect(backup.stdout).toMatch(/^backup: wrote .*room\.dump \(\d+ bytes\)/);

    // Restoring over live data is refused, and the message says what to do instead.
    const refused = await operatorCommand('src/cli/restore.ts', ['--in', dump], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('restore into a new DATA_DIR');

    restoredDir = await mkdtemp(join(tmpdir(), 'holdem-restored-'));
    const restoredEnv = {
      DATA_DIR: restoredDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
    };
    const restore = await operatorCommand('src/cli/restore.ts', ['--in', dump], restoredEnv);
    expect({ code: restore.code, stderr: restore.stderr }).toEqual({ code: 0, stderr: '' });
    const audit = await operatorCommand('src/cli/audit.ts', ['--json'], restoredEnv);
    expect(audit.code).toBe(0);
    const report = JSON.parse(audit.stdout) as { ok: boolean; transfers: number; sum: string };
    // The deposit of the first test is there, and the books balance.
    expect(report).toMatchObject({ ok: true, sum: '0' });
    expect(report.transfers).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
