import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBots } from '../support/bots-process.js';
import { launchChromium } from '../support/browser.js';
import { TestCluster } from '../support/cluster-nodes.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { GENEROUS_SOCKET_LIMITS } from '../support/http-app.js';
import { TEST_REDIS_URL } from '../support/redis-server.js';
import { killIfRunning, type ServerProcess, spawnServer } from '../support/server-process.js';
import { ARTIFACTS_DIR } from '../support/web-e2e.js';

mkdirSync(ARTIFACTS_DIR, { recursive: true });

/**
 * The load-test bots against the real server process: real users registered through the API,
 * funded by the cashier, tables created by the admin, real Socket.IO play, cash-out, and the
 * report's checks (message validation, conservation of chips, the server's audit). The database
 * is then inspected directly, so the report's figures are not taken on trust.
 */
let db: TestDatabase;
let server: ServerProcess | undefined;

const ADMIN = { user: 'bots_admin', password: 'bots admin password' };
const CASHIER = { user: 'bots_cashier', password: 'bots cashier password' };

/** What every server of this file needs to carry the bots. */
const SERVER_ENV = {
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
  // Bots that think for 0-5 ms at short-handed tables act faster than any person (20 moves a
  // second at a fast Omaha table), past the gateway's per-socket rate limit for people.
  SOCKET_EVENTS_PER_SECOND: '200',
  SOCKET_USER_EVENTS_PER_SECOND: '200',
  BOOTSTRAP_ADMIN_USERNAME: ADMIN.user,
  BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  BOOTSTRAP_CASHIER_USERNAME: CASHIER.user,
  BOOTSTRAP_CASHIER_PASSWORD: CASHIER.password,
};

beforeAll(async () => {
  db = await createTestDatabase('bots', 2);
  server = await spawnServer({ DATABASE_URL: db.url, ...SERVER_ENV });
}, 90_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  }
  killIfRunning(server);
  await db?.drop();
});

/**
 * Runs the bots against this file's server as its admin and cashier, for a JSON report within 90
 * s; `before` and `after` go either side of those shared arguments. Throws when no report came.
 */
async function runBotsForReport(before: readonly string[], after: readonly string[], url = server!.url) {
  const run = await runBots(
    [
      '--url',
      url,
      ...before,
      '--json',
      '--duration-s',
      '90',
      '--admin-user',
      ADMIN.user,
      '--cashier-user',
      CASHIER.user,
      ...after,
    ],
    110_000,
    // Passwords never on the command line: from the environment.
    { BOTS_ADMIN_PASSWORD: ADMIN.password, BOTS_CASHIER_PASSWORD: CASHIER.password },
  );
  const report = run.report;
  if (!report) throw new Error(`no JSON report (exit ${run.exitCode}); stderr:\n${run.stderr}`);
  return { run, report };
}

describe('npm run bots', () => {
  it('plays the hands, validates every message, conserves the chips and leaves a clean ledger', async () => {
    const reportFile = `${ARTIFACTS_DIR}/bots-report.html`;
    const { run, report } = await runBotsForReport(
      ['--tables', '2', '--players-per-table', '3', '--hands', '5', '--think-ms', '0-5'],
      ['--database-url', db.url, '--seed', '42', '--report', reportFile],
    );
    // The HTML report, opened in Chromium: uPlot draws every chart at the page's width, offline.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`file://${reportFile}`);
      await page.locator('.uplot canvas').first().waitFor();
      const widths = await page
        .locator('.uplot')
        .evaluateAll((charts) => charts.map((chart) => Math.round(chart.getBoundingClientRect().width)));
      const pageWidth = await page.evaluate(() => document.getElementById('charts')!.clientWidth);
      expect(widths.length).toBeGreaterThanOrEqual(4);
      for (const width of widths) expect(width).toBe(pageWidth);
      expect(pageWidth).toBeGreaterThan(1200);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS_DIR}/bots-report.png`, fullPage: true });
    } finally {
      await browser.close();
    }

    // Every table played its hands, with every bot ready and cashed out at the end.
    expect(report.tables.count).toBe(2);
    expect(report.tables.created).toBe(true);
    // The tables the run opened are closed again.
    expect(report.tables.closed).toBe(2);
    expect(report.tables.handsPlayed.min).toBeGreaterThanOrEqual(5);
    expect(report.bots).toMatchObject({ planned: 6, ready: 6, failed: 0, done: 6 });
    expect(report.throughput.actions).toBeGreaterThan(0);
    expect(report.latencyMs.actionToAck.count).toBe(report.throughput.actions);
    expect(report.latencyMs.actionToAck.p99).not.toBeNull();
    expect(report.latencyMs.actionToBroadcast.count).toBeGreaterThan(0);

    // Every message matched the protocol's schemas.
    expect(report.messages.received).toBeGreaterThan(report.throughput.actions);
    expect(report.messages.invalid).toBe(0);
    // One server: its figures as they always were, no list of nodes, nothing to retry.
    expect(report.options.url).toBe(server!.url);
    expect(report.server.metrics).toBe('available');
    expect(report.server).not.toHaveProperty('nodes');
    expect(report.connections.retried).toBe(0);
    // No failure of the bots' own making (bots/*) and nothing refused by the gateway.
    const ownFailures = Object.keys(report.errors.byCode).filter((code) =>
      /^(bots|realtime|http)\//.test(code),
    );
    expect(ownFailures).toEqual([]);

    // Chips: given = wallets + tables + rake, and the server's audit agrees.
    expect(report.conservation).toMatchObject({
      applicable: true,
      holds: true,
      difference: '0',
      atTables: '0',
    });
    expect(report.audit).toMatchObject({ source: 'npm run audit', ok: true, exitCode: 0 });

    // The database tells the same story.
    const hands = await db.pool.query<{ table_id: string; settled: string; rake: string }>(
      `SELECT table_id::text, count(*)::text AS settled, sum(rake)::text AS rake
       FROM hands WHERE status = 'SETTLED' GROUP BY table_id`,
    );
    expect(hands.rows).toHaveLength(2);
    for (const row of hands.rows) expect(Number(row.settled)).toBeGreaterThanOrEqual(5);
    const house = await db.pool.query<{ balance: string }>(
      `SELECT COALESCE(sum(balance), 0)::text AS balance FROM accounts WHERE kind = 'HOUSE'`,
    );
    expect(Number(house.rows[0]!.balance)).toBe(Number(report.conservation.rake));
    const seated = await db.pool.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM seats WHERE user_id IS NOT NULL AND status <> 'EMPTY'`,
    );
    expect(Number(seated.rows[0]!.count)).toBe(0);
    // The exit status says whether the run was clean.
    expect(run.exitCode).toBe(report.ok ? 0 : 1);
  }, 120_000);

  it('plays Pot-Limit Omaha, answers run it twice when all in, and leaves a clean ledger', async () => {
    const { report } = await runBotsForReport(
      [
        ...['--tables', '2', '--players-per-table', '4', '--hands', '12', '--think-ms', '0-5'],
        ...['--variant', 'PO', '--run-it-twice'],
      ],
      ['--database-url', db.url, '--seed', '16'],
    );
    expect(report.bots).toMatchObject({ planned: 8, ready: 8, failed: 0, done: 8 });
    expect(report.tables.handsPlayed.min).toBeGreaterThanOrEqual(12);
    expect(report.messages.invalid).toBe(0);
    const ownFailures = Object.keys(report.errors.byCode).filter((code) =>
      /^(bots|realtime|http)\//.test(code),
    );
    expect(ownFailures).toEqual([]);
    // Random play goes all in often enough that some boards wait for the players' answers.
    expect(report.runTwiceAnswers).toBeGreaterThan(0);
    expect(report.conservation).toMatchObject({ applicable: true, holds: true, difference: '0' });
    expect(report.audit).toMatchObject({ ok: true, exitCode: 0 });
    // The tables dealt Omaha: four hole cards each, in the hands' PHH records.
    const omaha = await db.pool.query<{ history: string }>(
      `SELECT h.history FROM hands h JOIN poker_tables t ON t.id = h.table_id
       WHERE t.variant = 'PO' AND h.status = 'SETTLED'`,
    );
    expect(omaha.rows.length).toBeGreaterThanOrEqual(24);
    for (const { history } of omaha.rows) {
      expect(history).toContain("variant = 'PO'");
      expect(history).toMatch(/d dh p1 (\?\?|[2-9TJQKA][cdhs]){4}/);
    }
  }, 120_000);

  it('survives a reconnect storm: dropped bots rejoin, resynchronize and keep playing', async () => {
    const { report } = await runBotsForReport(
      [
        ...['--tables', '2', '--players-per-table', '4', '--hands', '8', '--think-ms', '0-10'],
        ...['--strategy', 'calling', '--reconnect-storm', '1'],
      ],
      ['--seed', '7'],
    );
    expect(report.connections.stormBots).toBe(8);
    // Every bot dropped once and came back (a bot whose table finished first has nothing to drop).
    expect(report.connections.reconnects).toBeGreaterThan(0);
    expect(report.connections.reconnectFailures).toBe(0);
    expect(report.bots).toMatchObject({ ready: 8, failed: 0, done: 8 });
    expect(report.tables.handsPlayed.min).toBeGreaterThanOrEqual(8);
    expect(report.messages.invalid).toBe(0);
    // No error at all (the calling strategy never meets the refusals random play can), and in
    // particular no turn left to the server's clock after a reconnect: a bot that failed to
    // resume would stall its table for the whole action timeout and time bank.
    expect(report.errors).toEqual({ total: 0, byCode: {} });
    expect(report.durationS).toBeLessThan(40);
    expect(report.conservation).toMatchObject({ applicable: true, holds: true });
    // Without --database-url and without an audit endpoint, the audit is reported as unavailable.
    expect(['unavailable', 'GET /api/admin/audit']).toContain(report.audit.source);
  }, 120_000);

  it('plays through every node of a cluster and reports each node', async () => {
    const clusterDb = await createTestDatabase('bots_cluster', 2);
    let cluster: TestCluster | undefined;
    try {
      cluster = await TestCluster.start({
        databaseUrl: clusterDb.url,
        redisUrl: TEST_REDIS_URL,
        nodes: 2,
        env: SERVER_ENV,
      });
      const urls = cluster.live().map((node) => node.url);
      const { report } = await runBotsForReport(
        ['--tables', '2', '--players-per-table', '4', '--hands', '5', '--think-ms', '0-10'],
        ['--strategy', 'calling', '--seed', '11', '--database-url', clusterDb.url],
        urls.join(','),
      );
      // Bots i and i+1 play through different nodes, so every table has players on both: each
      // table's owner serves some bots directly and the other node forwards the rest.
      expect(report.options.url).toBe(urls.join(','));
      expect(report.bots).toMatchObject({ planned: 8, ready: 8, failed: 0, done: 8 });
      expect(report.tables.handsPlayed.min).toBeGreaterThanOrEqual(5);
      expect(report.messages.invalid).toBe(0);
      expect(report.errors).toEqual({ total: 0, byCode: {} });
      expect(report.conservation).toMatchObject({ applicable: true, holds: true, atTables: '0' });
      expect(report.audit).toMatchObject({ source: 'npm run audit', ok: true });
      // /metrics of each node, and of the two together.
      expect(report.server.nodes?.map((node) => node.url)).toEqual(urls);
      for (const node of report.server.nodes ?? []) {
        expect(node.metrics).toBe('available');
        expect(node.residentMemoryBytes.peak).toBeGreaterThan(0);
      }
      expect(report.server.residentMemoryBytes.start).toBe(
        report.server.nodes!.reduce((sum, node) => sum + node.residentMemoryBytes.start!, 0),
      );
    } finally {
      await cluster?.close();
      await clusterDb.drop();
    }
  }, 180_000);
});
