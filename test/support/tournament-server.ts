import type { Ledger } from '../../src/ledger/transactions.js';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { createTestDatabase, type TestDatabase, testLedger } from './database.js';
import { testConfig } from './http-app.js';
import type { PokerClient } from './poker-client.js';
import { killIfRunning, type ServerProcess, spawnServer } from './server-process.js';

/**
 * The room the live tournament tests play in: a database of their own, a ledger over it, an admin
 * with a session, and one server process with short pauses between hands (each file adds or
 * changes settings of its own).
 */
export interface TournamentRoom {
  readonly db: TestDatabase;
  readonly ledger: Ledger;
  readonly adminToken: string;
  readonly server: ServerProcess;
}

const QUICK_TABLES = {
  HOST: '127.0.0.1',
  PORT: '0',
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  TABLE_HAND_PAUSE_MS: '200',
  TABLE_GAME_START_DELAY_MS: '500',
  TABLE_RUNOUT_PAUSE_MS: '100',
  TOURNAMENT_CLOCK_SAVE_MS: '500',
  TOURNAMENT_SCHEDULER_INTERVAL_MS: '200',
};

export async function openTournamentRoom(
  prefix: string,
  adminName: string,
  env: Record<string, string> = {},
): Promise<TournamentRoom> {
  const db = await createTestDatabase(prefix, 5);
  const admin = await registerUser(db.database, testConfig(), {
    username: adminName,
    password: 'correct horse battery',
    role: 'admin',
  });
  if (!admin.ok) throw new Error(admin.error.message);
  const adminToken = (await createSession(db.database, admin.value.id, 3600)).token;
  const server = await spawnServer({ DATABASE_URL: db.url, ...QUICK_TABLES, ...env });
  return { db, ledger: testLedger(db), adminToken, server };
}

/** Players first, then the server, then the database. */
export async function closeTournamentRoom(
  room: TournamentRoom | undefined,
  clients: readonly PokerClient[],
): Promise<void> {
  for (const client of clients) client.close();
  killIfRunning(room?.server);
  await room?.db.drop();
}
