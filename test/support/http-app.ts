import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, InjectOptions, LightMyRequestResponse } from 'fastify';
import { pino } from 'pino';
import { type Config, loadConfig } from '../../src/config.js';
import { type AppDependencies, buildApp } from '../../src/http/app.js';
import type { ZodApp } from '../../src/http/app-context.js';
import { PokerMetrics } from '../../src/observability/metrics.js';
import { registerUser } from '../../src/users/accounts.js';
import type { Role } from '../../src/users/roles.js';
import { createTestDatabase, type TestDatabase, testLedger } from './database.js';

/**
 * Socket connections and handshakes per client address far above what a test opens: every test
 * client connects from 127.0.0.1. Tests of those limits set their own.
 */
export const GENEROUS_SOCKET_LIMITS = {
  SOCKET_CONNECTIONS_PER_IP_MAX: '10000',
  SOCKET_HANDSHAKE_BURST: '10000',
  SOCKET_HANDSHAKES_PER_SECOND: '10000',
} as const;

/**
 * Settings for HTTP tests: a cheaper scrypt cost (the hashing itself has its own test at the real
 * cost) and generous rate limits, except where a test sets its own.
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SCRYPT_COST_LOG2: '12',
    RATE_LIMIT_GLOBAL_MAX: '100000',
    RATE_LIMIT_LOGIN_MAX: '100000',
    RATE_LIMIT_REGISTER_MAX: '100000',
    RATE_LIMIT_MONEY_MAX: '100000',
    ...GENEROUS_SOCKET_LIMITS,
    // Every scrape of /metrics sees the latest figures.
    METRICS_MAX_AGE_MS: '0',
    ...overrides,
  });
}

export interface HttpHarness {
  readonly db: TestDatabase;
  readonly app: ZodApp;
  readonly config: Config;
  close(): Promise<void>;
}

export async function startHttpHarness(
  prefix: string,
  overrides: Record<string, string> = {},
  logger: FastifyBaseLogger = pino({ level: 'silent' }),
  /** Parts of the app's world a test stands in for (the live tables, the sockets). */
  world: Pick<AppDependencies, 'tableLifecycle' | 'sessionSockets'> = {},
): Promise<HttpHarness> {
  const db = await createTestDatabase(prefix, 10);
  const config = testConfig(overrides);
  const app = await buildApp({
    config,
    database: db.database,
    ledger: testLedger(db),
    metrics: new PokerMetrics({ defaultMetrics: false }),
    logger,
    ...world,
  });
  await app.ready();
  return {
    db,
    app,
    config,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

let counter = 0;
/** A fresh valid username for this test run. */
export function uniqueName(prefix = 'user'): string {
  counter += 1;
  return `${prefix}_${process.pid % 1000}_${counter}`;
}

export const PASSWORD = 'correct horse battery';

/** Creates a user directly (staff roles cannot register over HTTP) and logs it in over HTTP. */
export async function userWithToken(
  harness: HttpHarness,
  role: Role,
  username = uniqueName(role),
): Promise<{ username: string; token: string; id: string }> {
  const created = await registerUser(harness.db.database, harness.config, {
    username,
    password: PASSWORD,
    role,
  });
  if (!created.ok) throw new Error(created.error.message);
  const token = await login(harness, username);
  return { username: created.value.username, token, id: created.value.id };
}

export async function login(harness: HttpHarness, username: string, password = PASSWORD): Promise<string> {
  const response = await harness.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  return response.json().session.token as string;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export type CashierRoute = '/api/cashier/deposits' | '/api/cashier/withdrawals';

export interface CashierMovementRequest {
  readonly url: CashierRoute;
  /** Whose session sends it; null sends no Authorization header. */
  readonly token: string | null;
  readonly payload: InjectOptions['payload'];
  /** The Idempotency-Key header: a fresh key unless given; null sends none. */
  readonly key?: string | null;
  /** Headers on top of those, which win (another token, another content type). */
  readonly headers?: Record<string, string>;
  readonly remoteAddress?: string;
}

/** POSTs a deposit or a withdrawal the way a cashier's system does. */
export function postCashierMovement(
  harness: HttpHarness,
  { url, token, payload, key = randomUUID(), headers = {}, remoteAddress }: CashierMovementRequest,
): Promise<LightMyRequestResponse> {
  return harness.app.inject({
    method: 'POST',
    url,
    headers: {
      ...(token === null ? {} : bearer(token)),
      ...(key === null ? {} : { 'idempotency-key': key }),
      ...headers,
    },
    payload,
    ...(remoteAddress !== undefined && { remoteAddress }),
  });
}

/** The `{ error: { code } }` of an answer, asserting the shape on the way. */
export function errorCode(response: LightMyRequestResponse): string {
  const body = response.json() as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${response.body}`);
  }
  return body.error.code;
}

/**
 * Everything money-related the database holds, as comparable text: every account's balance, and
 * the counts of transfers, idempotency records, tables and users. Equal snapshots before and after
 * a refused request prove that it changed nothing.
 */
export async function moneySnapshot(harness: Pick<HttpHarness, 'db'>): Promise<string> {
  const { pool } = harness.db;
  const accounts = await pool.query('SELECT id::text, kind, balance::text FROM accounts ORDER BY id');
  const counts = await pool.query(`SELECT
      (SELECT count(*) FROM transfers)::int AS transfers,
      (SELECT count(*) FROM idempotency_records)::int AS idempotency_records,
      (SELECT count(*) FROM poker_tables)::int AS tables,
      (SELECT count(*) FROM poker_tables WHERE status = 'CLOSED')::int AS closed_tables,
      (SELECT count(*) FROM users)::int AS users`);
  return JSON.stringify({ accounts: accounts.rows, counts: counts.rows[0] });
}
