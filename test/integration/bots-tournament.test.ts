import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBots } from '../support/bots-process.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { GENEROUS_SOCKET_LIMITS } from '../support/http-app.js';
import { killIfRunning, type ServerProcess, spawnServer } from '../support/server-process.js';

/**
 * The load-test bots play a whole Sit & Go against the real server process: the run creates it
 * through the admin API, six bots register (users, deposits of buy-in + fee, entries), the
 * tournament seats them on two tables, moves them as it balances and breaks tables, and plays to
 * a winner. The report's tournament check (prizes = pool, fees to the house, every wallet
 * -buyIn -fee +prize, chips never above those issued) and the ledger's audit must both hold, and
 * the database is then read directly so that the report is not taken on trust.
 */
let db: TestDatabase;
let server: ServerProcess | undefined;

const ADMIN = { user: 'tbots_admin', password: 'tournament bots admin password' };
const CASHIER = { user: 'tbots_cashier', password: 'tournament bots cashier password' };

beforeAll(async () => {
  db = await createTestDatabase('bots_tournament', 2);
  server = await spawnServer({
    DATABASE_URL: db.url,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    SCRYPT_COST_LOG2: '10',
    RATE_LIMIT_GLOBAL_MAX: '100000',
    RATE_LIMIT_LOGIN_MAX: '100000',
    RATE_LIMIT_REGISTER_MAX: '100000',
    RATE_LIMIT_MONEY_MAX: '100000',
    TABLE_HAND_PAUSE_MS: '50',
    ...GENEROUS_SOCKET_LIMITS,
    SOCKET_EVENTS_PER_SECOND: '200',
    SOCKET_USER_EVENTS_PER_SECOND: '200',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.user,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    BOOTSTRAP_CASHIER_USERNAME: CASHIER.user,
    BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
  });
}, 90_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  killIfRunning(server);
  await db?.drop();
});

describe('npm run bots -- --create-tournament sng', () => {
  it('plays a Sit & Go on two tables to the end: no error, exact payouts, a clean ledger', async () => {
    const run = await runBots(
      [
        ...[
          '--url',
          server!.url,
          '--create-tournament',
          'sng',
          '--entrants',
          '6',
          '--players-per-table',
          '3',
        ],
        ...['--structure', 'custom-fast', '--level-s', '2', '--buy-in', '10', '--fee', '1.50'],
        ...['--think-ms', '0-5', '--seed', '7', '--json', '--duration-s', '150'],
        ...['--admin-user', ADMIN.user, '--cashier-user', CASHIER.user, '--database-url', db.url],
      ],
      170_000,
      { BOTS_ADMIN_PASSWORD: ADMIN.password, BOTS_CASHIER_PASSWORD: CASHIER.password },
    );
    const report = run.report;
    if (!report) throw new Error(`no JSON report (exit ${run.exitCode}); stderr:\n${run.stderr}`);
    expect(report.problems).toEqual([]);
    expect(report.errors.total).toBe(0);
    expect(report.messages.invalid).toBe(0);
    expect(report.bots).toMatchObject({ planned: 6, ready: 6, failed: 0, done: 6 });
    expect(report.throughput.hands).toBeGreaterThan(0);
    expect(report.throughput.actions).toBeGreaterThan(0);

    const check = report.tournament!;
    expect(check).toMatchObject({
      kind: 'SNG',
      status: 'finished',
      entries: 6,
      botsEntered: 6,
      expectedPool: '60',
      prizesPaid: '60',
      payoutsMatchPool: true,
      feesToHouse: { expected: '9', seen: '9', holds: true },
      wallets: { checked: 6, wrong: 0, unread: 0 },
      notices: { missing: 0, disagree: 0 },
      chips: { issued: 6_000, holds: true },
      holds: true,
    });
    expect(Number(check.prizePool)).toBe(60);
    // Two tables of three at the start (a table may be seen again after a break: at least two).
    expect(check.tables).toBeGreaterThanOrEqual(2);
    expect(check.chips.maxSeenAtATable).toBeGreaterThan(0);
    expect(report.audit).toMatchObject({ source: 'npm run audit', ok: true, exitCode: 0 });
    expect(run.exitCode).toBe(0);

    // The database: one winner, six places, the prizes are the pool.
    const entries = await db.pool.query<{ place: number; prize: string; status: string }>(
      `SELECT finishing_place AS place, prize::text AS prize, status::text AS status
       FROM tournament_entries ORDER BY finishing_place`,
    );
    // Players out in the same hand with the same chips tie for the better place (4, 4, then 6).
    const places = entries.rows.map((row) => row.place);
    expect(places).toHaveLength(6);
    expect(places.filter((place) => place === 1)).toHaveLength(1);
    places.forEach((place, index) => {
      expect(place).toBeGreaterThanOrEqual(1);
      expect(place).toBeLessThanOrEqual(index + 1);
    });
    const paid = entries.rows.reduce((sum, row) => sum + Number(row.prize), 0);
    expect(paid).toBeCloseTo(60, 8);
    const seated = await db.pool.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM seats WHERE user_id IS NOT NULL AND status <> 'EMPTY'`,
    );
    expect(Number(seated.rows[0]!.count)).toBe(0);
  }, 180_000);
});
