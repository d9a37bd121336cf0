import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import { hashToken } from '../../src/users/sessions.js';
import {
  bearer,
  type CashierMovementRequest,
  type CashierRoute,
  errorCode,
  type HttpHarness,
  moneySnapshot,
  PASSWORD,
  postCashierMovement,
  startHttpHarness,
  userWithToken,
} from '../support/http-app.js';

/**
 * Every refused request gets a typed 4xx AND leaves the database exactly as it was: the money
 * snapshot (every balance, every count) is compared before and after each case, and the audit
 * (balances recomputed from the transfers) must stay clean.
 */

let harness: HttpHarness;
let cashier: { token: string; username: string };
let admin: { token: string; username: string };
let player: { token: string; username: string; id: string };
let tableId: string;
let snapshot: string;

beforeAll(async () => {
  harness = await startHttpHarness('http_bad_input');
  cashier = await userWithToken(harness, 'cashier');
  admin = await userWithToken(harness, 'admin');
  player = await userWithToken(harness, 'player');
  const funded = await postCashierMovement(harness, {
    url: '/api/cashier/deposits',
    token: cashier.token,
    payload: { username: player.username, amount: '500' },
  });
  expect(funded.statusCode).toBe(201);
  const table = await harness.app.inject({
    method: 'POST',
    url: '/api/admin/tables',
    headers: bearer(admin.token),
    payload: {
      name: 'Fixture',
      smallBlind: '1',
      bigBlind: '2',
      minBuyIn: '40',
      maxBuyIn: '200',
      maxSeats: 6,
    },
  });
  expect(table.statusCode).toBe(201);
  tableId = table.json().table.id;
});
afterAll(async () => {
  await harness?.close();
});
beforeEach(async () => {
  snapshot = await moneySnapshot(harness);
});
afterEach(async () => {
  expect(await moneySnapshot(harness)).toBe(snapshot);
  const report = await auditLedger(harness.db.database);
  expect(report.discrepancies).toEqual([]);
});

const MONEY_ROUTES: readonly CashierRoute[] = ['/api/cashier/deposits', '/api/cashier/withdrawals'];

function moneyRequest(
  url: CashierRoute,
  payload: CashierMovementRequest['payload'],
  headers: Record<string, string> = {},
) {
  return postCashierMovement(harness, { url, token: cashier.token, payload, headers });
}

describe.each(MONEY_ROUTES)('amounts refused by %s', (url) => {
  it.each([
    ['negative', '-5', 'money/negative'],
    ['zero', '0', 'money/zero'],
    ['zero with decimals', '0.00', 'money/zero'],
    ['NaN', 'NaN', 'money/malformed'],
    ['Infinity', 'Infinity', 'money/malformed'],
    ['an exponent', '1e3', 'money/malformed'],
    ['hexadecimal', '0x10', 'money/malformed'],
    ['a leading space', ' 5', 'money/malformed'],
    ['a trailing dot', '5.', 'money/malformed'],
    ['a plus sign', '+5', 'money/malformed'],
    ['an empty string', '', 'money/malformed'],
    ['too many decimals', '1.123456789', 'money/too-many-decimals'],
    ['too many integer digits', '1000000000000', 'money/too-large'],
    ['over the configured maximum', '100000.01', 'money/too-large'],
  ])('%s (%j)', async (_name, amount, code) => {
    const response = await moneyRequest(url, { username: player.username, amount });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe(code);
  });

  it.each([
    ['a JSON integer', 100],
    ['a JSON fraction', 1.5],
    ['a JSON negative number', -1],
    ['null', null],
    ['a boolean', true],
    ['an array', ['5']],
    ['an object', { value: '5' }],
  ])('%s as the amount', async (_name, amount) => {
    const response = await moneyRequest(url, { username: player.username, amount });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('money/not-a-string');
  });

  it('a missing amount', async () => {
    const response = await moneyRequest(url, { username: player.username });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('money/not-a-string');
  });

  it('an unknown player: 404 users/not-found', async () => {
    const response = await moneyRequest(url, { username: 'nobody_at_all', amount: '5' });
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('users/not-found');
  });

  it('a staff account instead of a player: 422 users/not-a-player', async () => {
    const response = await moneyRequest(url, { username: admin.username, amount: '5' });
    expect(response.statusCode).toBe(422);
    expect(errorCode(response)).toBe('users/not-a-player');
  });

  it('no idempotency key: 400 validation/idempotency-key-required', async () => {
    const response = await postCashierMovement(harness, {
      url,
      token: cashier.token,
      key: null,
      payload: { username: player.username, amount: '5' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/idempotency-key-required');
  });

  it('header and body keys that differ: 400 validation/idempotency-key-mismatch', async () => {
    const response = await moneyRequest(url, {
      username: player.username,
      amount: '5',
      idempotencyKey: randomUUID(),
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/idempotency-key-mismatch');
  });

  it.each(['short', 'has spaces in it', 'x'.repeat(129)])('a malformed idempotency key %j', async (key) => {
    const response = await moneyRequest(
      url,
      { username: player.username, amount: '5' },
      { 'idempotency-key': key },
    );
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });

  it('an unknown field: 400 validation/invalid-request', async () => {
    const response = await moneyRequest(url, { username: player.username, amount: '5', userId: player.id });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });

  it('an oversized body: 413 request/body-too-large', async () => {
    const response = await moneyRequest(url, {
      username: player.username,
      amount: '5',
      pad: 'x'.repeat(20_000),
    });
    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe('request/body-too-large');
  });

  it('a body that is not JSON: 415', async () => {
    const response = await moneyRequest(url, `username=${player.username}&amount=5`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(response.statusCode).toBe(415);
    expect(errorCode(response)).toBe('request/unsupported-media-type');
  });

  it('a player cannot use it: 403 auth/forbidden', async () => {
    const response = await moneyRequest(
      url,
      { username: player.username, amount: '5' },
      bearer(player.token),
    );
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe('auth/forbidden');
  });

  it('an admin cannot use it either (separation of duties): 403 auth/forbidden', async () => {
    const response = await moneyRequest(url, { username: player.username, amount: '5' }, bearer(admin.token));
    expect(response.statusCode).toBe(403);
    expect(errorCode(response)).toBe('auth/forbidden');
  });

  it('no session: 401 auth/unauthenticated', async () => {
    const response = await postCashierMovement(harness, {
      url,
      token: null,
      payload: { username: player.username, amount: '5' },
    });
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('auth/unauthenticated');
  });
});

describe('sessions that no longer hold', () => {
  it('an expired cashier session cannot deposit: 401 auth/session-expired', async () => {
    const expiring = await userWithToken(harness, 'cashier');
    await harness.db.prisma.session.update({
      where: { tokenHash: hashToken(expiring.token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    snapshot = await moneySnapshot(harness);
    const response = await moneyRequest(
      '/api/cashier/deposits',
      { username: player.username, amount: '5' },
      bearer(expiring.token),
    );
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('auth/session-expired');
  });

  it('a logged-out cashier session cannot deposit: 401 auth/session-revoked', async () => {
    const leaving = await userWithToken(harness, 'cashier');
    const logout = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(leaving.token),
    });
    expect(logout.statusCode).toBe(200);
    snapshot = await moneySnapshot(harness);
    const response = await moneyRequest(
      '/api/cashier/deposits',
      { username: player.username, amount: '5' },
      bearer(leaving.token),
    );
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe('auth/session-revoked');
  });
});

describe('role checks on every staff route', () => {
  const staffRoutes = [
    { method: 'GET' as const, url: '/api/cashier/players?query=a', roles: ['cashier'] },
    { method: 'POST' as const, url: '/api/admin/tables', roles: ['admin'] },
    {
      method: 'POST' as const,
      url: '/api/admin/tables/00000000-0000-4000-8000-000000000000/close',
      roles: ['admin'],
    },
  ];
  it.each(staffRoutes)('$method $url refuses the other roles with 403', async ({ method, url, roles }) => {
    for (const [role, token] of [
      ['player', player.token],
      ['cashier', cashier.token],
      ['admin', admin.token],
    ] as const) {
      if (roles.includes(role)) continue;
      const response = await harness.app.inject({
        method,
        url,
        headers: bearer(token),
        payload: method === 'POST' ? {} : undefined,
      });
      expect(response.statusCode, `${role} on ${url}`).toBe(403);
      expect(errorCode(response)).toBe('auth/forbidden');
    }
  });
});

describe('table administration refused', () => {
  const valid = { name: 'Bad', smallBlind: '1', bigBlind: '2', minBuyIn: '40', maxBuyIn: '200', maxSeats: 6 };
  function createTable(payload: Record<string, unknown>) {
    return harness.app.inject({
      method: 'POST',
      url: '/api/admin/tables',
      headers: bearer(admin.token),
      payload,
    });
  }

  it.each([
    ['a negative blind', { smallBlind: '-1' }, 400, 'money/negative'],
    ['a numeric blind', { bigBlind: 2 }, 400, 'money/not-a-string'],
    ['a zero buy-in', { minBuyIn: '0' }, 400, 'money/zero'],
    ['an exponent', { maxBuyIn: '2e2' }, 400, 'money/malformed'],
    ['a negative ante', { ante: '-1' }, 400, 'money/negative'],
    ['11 seats', { maxSeats: 11 }, 400, 'validation/invalid-request'],
    ['seats as a string', { maxSeats: '6' }, 400, 'validation/invalid-request'],
    ['an empty name', { name: '   ' }, 400, 'validation/invalid-request'],
    ['a big blind below the small blind', { smallBlind: '5', bigBlind: '2' }, 400, 'ledger/invalid-request'],
    ['a max buy-in below the min', { minBuyIn: '100', maxBuyIn: '50' }, 400, 'ledger/invalid-request'],
    [
      'blinds off the chip unit',
      { smallBlind: '0.5', bigBlind: '1', chipUnit: '1' },
      400,
      'ledger/invalid-request',
    ],
  ])('%s', async (_name, change, status, code) => {
    const response = await createTable({ ...valid, ...change });
    expect(response.statusCode).toBe(status);
    expect(errorCode(response)).toBe(code);
  });

  it('closing an unknown table: 404 ledger/unknown-table', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: `/api/admin/tables/${randomUUID()}/close`,
      headers: bearer(admin.token),
    });
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('ledger/unknown-table');
  });

  it('the fixture table is still open and listed', async () => {
    const lobby = await harness.app.inject({ method: 'GET', url: '/api/tables' });
    expect(lobby.json().tables.map((table: { id: string }) => table.id)).toContain(tableId);
  });
});

/**
 * Hostile text and ids: a NUL byte, other control characters, a lone UTF-16 surrogate, a very long
 * string, or an id beyond PostgreSQL's bigint reach each get a typed 4xx before anything reaches
 * the database (which would refuse a NUL or an out-of-range bigint with an error of its own).
 */
describe('hostile text and ids', () => {
  const HOSTILE_TEXT: readonly [string, string][] = [
    ['a NUL byte', 'ali\u0000ce'],
    ['a control character', 'ali\u0007ce'],
    ['a C1 control character', 'ali\u009bce'],
    ['a lone surrogate', 'ali\ud800ce'],
    ['a very long string', 'a'.repeat(5_000)],
  ];

  type CredentialCase = [string, string, { username: string; password: string }];
  const credentialCases: CredentialCase[] = [
    ...HOSTILE_TEXT.flatMap(([name, username]): CredentialCase[] => [
      [`a username with ${name}`, '/api/auth/login', { username, password: PASSWORD }],
      [`a username with ${name}`, '/api/auth/register', { username, password: PASSWORD }],
    ]),
    ['a password with a NUL byte', '/api/auth/login', { username: 'someone', password: `${PASSWORD}\u0000` }],
    [
      'a password with a lone surrogate',
      '/api/auth/login',
      { username: 'someone', password: `${PASSWORD}\udc00` },
    ],
  ];
  it.each(credentialCases)('%s: %s answers 400', async (_name, url, payload) => {
    const response = await harness.app.inject({ method: 'POST', url, payload });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });

  it.each(HOSTILE_TEXT)('a cashier naming a player with %s: 400', async (_name, username) => {
    const response = await moneyRequest('/api/cashier/deposits', { username, amount: '5' });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });

  it.each(HOSTILE_TEXT)('a table name with %s: 400', async (_name, name) => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/admin/tables',
      headers: bearer(admin.token),
      payload: { name, smallBlind: '1', bigBlind: '2', minBuyIn: '40', maxBuyIn: '200', maxSeats: 6 },
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });

  it.each([
    ['/api/hands/9223372036854775808', 'one above the bigint range'],
    ['/api/hands/9999999999999999999', 'nineteen nines'],
    ['/api/hands/9223372036854775808.phh', 'one above the bigint range, as PHH'],
    ['/api/hands/%00', 'a NUL byte'],
    ['/api/hands/-1', 'a negative id'],
    ['/api/hands/0x10', 'hexadecimal'],
    ['/api/hands?cursor=9223372036854775808', 'a cursor above the bigint range'],
    ['/api/wallet/ledger?cursor=9999999999999999999', 'a ledger cursor above the bigint range'],
    ['/api/wallet/ledger?cursor=%00', 'a ledger cursor with a NUL byte'],
  ])('%s (%s): 400', async (url) => {
    const response = await harness.app.inject({ method: 'GET', url, headers: bearer(player.token) });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });

  it('the largest bigint hand id is a well-formed id: 404 hands/not-found', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/hands/9223372036854775807',
      headers: bearer(player.token),
    });
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('hands/not-found');
  });

  it.each([
    ['no UUID', '/api/admin/tables/42/close', 'validation/invalid-request'],
    ['a NUL byte', `/api/admin/tables/${'0'.repeat(8)}%00/close`, 'validation/invalid-request'],
    // Beyond Fastify's maxParamLength the router itself refuses the URL.
    ['a very long id', `/api/admin/tables/${'a'.repeat(5_000)}/close`, 'request/bad-request'],
  ])('a table id with %s: 400', async (_name, url, code) => {
    const response = await harness.app.inject({ method: 'POST', url, headers: bearer(admin.token) });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe(code);
  });

  it.each([
    ['a NUL byte', 'ab%00'],
    // The UTF-8 bytes of a surrogate, which no well-formed UTF-8 text contains.
    ['an encoded surrogate', 'ab%ED%A0%80'],
    ['a control character', 'ab%07'],
  ])('a player search with %s: 400', async (_name, query) => {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/cashier/players?query=${query}`,
      headers: bearer(cashier.token),
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('validation/invalid-request');
  });
});
