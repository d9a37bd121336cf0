import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, databaseOptionsOf } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { PokerMetrics } from '../../src/observability/metrics.js';
import { TEST_CONFIG, testLedger } from '../support/database.js';
import {
  bearer,
  type HttpHarness,
  postCashierMovement,
  startHttpHarness,
  userWithToken,
} from '../support/http-app.js';

/**
 * Real failures underneath the API (a broken table, a database that went away): the client gets
 * a bare typed error, never the database's words; the log gets the full error.
 */

const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});

let harness: HttpHarness;
beforeAll(async () => {
  harness = await startHttpHarness('http_failures', {}, pino({ level: 'info' }, logSink));
});
afterAll(async () => {
  await harness?.close();
});

describe('failures of the database', () => {
  it('a raw SQL error becomes 500 internal/error, logged but not leaked', async () => {
    const player = await userWithToken(harness, 'player');
    const cashier = await userWithToken(harness, 'cashier');
    await harness.db.pool.query('ALTER TABLE transfers RENAME TO transfers_hidden');
    try {
      const ledger = await harness.app.inject({
        method: 'GET',
        url: '/api/wallet/ledger',
        headers: bearer(player.token),
      });
      expect(ledger.statusCode).toBe(500);
      expect(ledger.json()).toEqual({ error: { code: 'internal/error', message: 'internal error' } });
      expect(ledger.body).not.toMatch(/transfers|relation|SELECT|prisma/i);

      const deposit = await postCashierMovement(harness, {
        url: '/api/cashier/deposits',
        token: cashier.token,
        payload: { username: player.username, amount: '5' },
      });
      expect(deposit.statusCode).toBe(500);
      expect(deposit.json()).toEqual({ error: { code: 'internal/error', message: 'internal error' } });
    } finally {
      await harness.db.pool.query('ALTER TABLE transfers_hidden RENAME TO transfers');
    }
    const logged = logLines.join('');
    expect(logged).toContain('request failed unexpectedly');
    expect(logged).toMatch(/transfers/);
  });

  it('a database that does not answer: /health is 503 service/unavailable', async () => {
    // Nothing listens on port 9 of this machine: a real connection failure.
    const gone = createDatabase({
      ...databaseOptionsOf(TEST_CONFIG, 'postgresql://root@127.0.0.1:9/none', 'gone'),
      connectionTimeoutMs: 1_000,
    });
    const app = await buildApp({
      config: harness.config,
      database: gone,
      ledger: testLedger({ database: gone }),
      metrics: new PokerMetrics({ defaultMetrics: false }),
      logger: pino({ level: 'silent' }),
    });
    try {
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({
        error: { code: 'service/unavailable', message: 'the database does not answer' },
      });
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'someone', password: 'some password' },
      });
      expect(login.statusCode).toBe(503);
      expect(login.json()).toEqual({
        error: { code: 'service/unavailable', message: 'the service is temporarily unavailable; try again' },
      });
    } finally {
      await app.close();
      await gone.close();
    }
  });
});
