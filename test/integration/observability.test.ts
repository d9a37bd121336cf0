import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import { act, clientToAct } from '../support/table-client-steps.js';
import { startTableServer, type TableServer } from '../support/table-server.js';

/**
 * What an operator reads: /metrics counts HTTP requests by route and status with their latency,
 * rate-limit refusals and money flows, and can require a token; the log has one line per business
 * event at info, request lines only at debug, and never a key twice in a line.
 */

const METRICS_TOKEN = 'metrics-token-for-tests';
const lines: string[] = [];
let server: TableServer;
let tableId: string;

beforeAll(async () => {
  server = await startTableServer('observability', {
    logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) }),
    config: { METRICS_TOKEN, RATE_LIMIT_LOGIN_MAX: '2' },
  });
  tableId = await server.createTable({ name: 'Observed', rakeBasisPoints: 0 } as never);
});
afterAll(async () => {
  await server?.close();
});

/** The keys of a JSON object's top level, in order, duplicates included (JSON.parse keeps only the last). */
function topLevelKeys(json: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i]!;
    if (char === '"') {
      let end = i + 1;
      while (json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      if (depth === 1 && expectKey) keys.push(JSON.parse(json.slice(i, end + 1)) as string);
      expectKey = false;
      i = end;
    } else if (char === '{' || char === '[') {
      depth++;
      expectKey = char === '{' && depth === 1;
    } else if (char === '}' || char === ']') depth--;
    else if (char === ',' && depth === 1) expectKey = true;
  }
  return keys;
}

async function scrape(token: string | null) {
  return server.app.inject({
    method: 'GET',
    url: '/metrics',
    ...(token !== null && { headers: { authorization: `Bearer ${token}` } }),
  });
}

describe('metrics and logs an operator can use', () => {
  it('counts requests, refusals and money; logs each business event once, requests at debug only', async () => {
    // A cashier sells chips over HTTP.
    const cashier = await registerUser(server.db.database, server.config, {
      username: 'obs_cashier',
      password: 'correct horse battery',
      role: 'cashier',
    });
    if (!cashier.ok) throw new Error(cashier.error.message);
    const cashierToken = (await createSession(server.db.database, cashier.value.id, 3600)).token;
    const alice = await server.player('obs_alice');
    const bob = await server.player('obs_bob');
    const deposit = await server.app.inject({
      method: 'POST',
      url: '/api/cashier/deposits',
      headers: { authorization: `Bearer ${cashierToken}`, 'idempotency-key': randomUUID() },
      payload: { username: alice.username, amount: '25' },
    });
    expect(deposit.statusCode).toBe(201);
    // Three logins from one address with a limit of two: the third is refused.
    const logins = [];
    for (let i = 0; i < 3; i++) {
      logins.push(
        (
          await server.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: 'x_nobody', password: 'nope nope nope' },
          })
        ).statusCode,
      );
    }
    expect(logins).toEqual([401, 401, 429]);

    // Two players sit, play a hand (a fold), one leaves.
    const [a, b] = await Promise.all([server.connect(alice), server.connect(bob)]);
    expect((await a!.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
    expect((await b!.send('table:sit', { tableId, seat: 2, buyIn: '80' })).ok).toBe(true);
    server.advance(0);
    const view = await a!.waitForView(tableId, (v) => v.hand?.toActSeat != null);
    const mover = clientToAct([a!, b!], view);
    await act(mover, tableId, 'fold');
    await a!.waitForView(tableId, (v) => v.hand?.phase === 'complete');
    // Between hands (the table's clock stands still): Alice leaves at once.
    expect(await a!.send('table:leave', { tableId })).toEqual({ ok: true, data: { when: 'now' } });
    await b!.waitForView(tableId, (v) => v.seats.find((seat) => seat.seat === 1)?.player === null);

    // /metrics wants its token.
    const refused = await scrape(null);
    expect(refused.statusCode).toBe(401);
    expect((await scrape('wrong-token-wrong-token')).statusCode).toBe(401);
    const metrics = await scrape(METRICS_TOKEN);
    expect(metrics.statusCode).toBe(200);
    const text = metrics.body;
    expect(text).toContain(
      'poker_http_requests_total{method="POST",route="/api/cashier/deposits",status="201"} 1',
    );
    expect(text).toContain('poker_http_requests_total{method="POST",route="/api/auth/login",status="429"} 1');
    expect(text).toMatch(
      /poker_http_request_seconds_count\{method="POST",route="\/api\/cashier\/deposits"\} 1/,
    );
    expect(text).toContain('poker_rate_limited_total{scope="http"} 1');
    expect(text).toContain('poker_money_movements_total{kind="deposit"} 1');
    expect(text).toContain('poker_money_moved_total{kind="deposit"} 25');
    expect(text).toContain('poker_money_movements_total{kind="buy-in"} 2');
    expect(text).toContain('poker_money_moved_total{kind="buy-in"} 180');
    expect(text).toContain('poker_money_movements_total{kind="cash-out"} 1');

    // The log: no line carries a key twice.
    for (const line of lines) {
      const keys = topLevelKeys(line);
      expect({ line, duplicates: keys.filter((key, i) => keys.indexOf(key) !== i) }).toEqual({
        line,
        duplicates: [],
      });
    }
    const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string; tableId?: string });
    const info = entries.filter((entry) => entry.level >= 30);
    const count = (msg: string) => info.filter((entry) => entry.msg === msg).length;
    expect(count('deposit')).toBe(1);
    expect(count('buy-in: seat taken')).toBe(2);
    expect(count('hand settled')).toBe(1);
    expect(count('cash-out: seat left')).toBe(1);
    expect(info.find((entry) => entry.msg === 'hand settled')?.tableId).toBe(tableId);
    // Requests: one line each, at debug; none at info.
    expect(
      entries.filter((entry) => entry.msg === 'request' && entry.level === 20).length,
    ).toBeGreaterThanOrEqual(5);
    expect(info.filter((entry) => /request/.test(entry.msg))).toEqual([]);
  });
});
