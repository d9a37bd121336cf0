import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/money/decimal.js';
import type { SessionScope } from '../../src/users/sessions.js';
import {
  bearer,
  errorCode,
  type HttpHarness,
  login,
  PASSWORD,
  postCashierMovement,
  startHttpHarness,
  userWithToken,
} from '../support/http-app.js';

/**
 * The operator's API: users found, their role changed, disabled and enabled, logged out (each
 * ending their sessions and sockets), a table's seats, a halt asked of the live table, the house's
 * figures and the audit. Admins only.
 */

let harness: HttpHarness;
let admin: { token: string; id: string };
let cashier: { token: string };
const socketsEnded: SessionScope[] = [];
const halts: { tableId: string; reason: string }[] = [];

beforeAll(async () => {
  harness = await startHttpHarness('http_admin', {}, undefined, {
    sessionSockets: { end: async (scope) => void socketsEnded.push(scope) },
    tableLifecycle: {
      opened: async () => {},
      closed: async () => {},
      halted: async (tableId, reason) => {
        halts.push({ tableId, reason });
        return true;
      },
    },
  });
  admin = await userWithToken(harness, 'admin');
  cashier = await userWithToken(harness, 'cashier');
});
afterAll(async () => {
  await harness?.close();
});

const get = (url: string, token = admin.token) =>
  harness.app.inject({ method: 'GET', url, headers: bearer(token) });
const post = (url: string, payload?: Record<string, unknown>, token = admin.token) =>
  harness.app.inject({
    method: 'POST',
    url,
    headers: bearer(token),
    ...(payload !== undefined && { payload }),
  });

describe('the admin API', () => {
  it('is for admins only', async () => {
    const player = await userWithToken(harness, 'player');
    for (const url of ['/api/admin/users', '/api/admin/house']) {
      expect(errorCode(await get(url, player.token))).toBe('auth/forbidden');
      expect(errorCode(await get(url, cashier.token))).toBe('auth/forbidden');
      expect((await harness.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect(errorCode(await post(`/api/admin/users/${player.id}/logout`, undefined, player.token))).toBe(
      'auth/forbidden',
    );
  });

  it('finds users by part of their name, with role, status and balance', async () => {
    const player = await userWithToken(harness, 'player', 'findme_Zed');
    await postCashierMovement(harness, {
      url: '/api/cashier/deposits',
      token: cashier.token,
      payload: { username: player.username, amount: '12.5' },
    });
    const response = await get('/api/admin/users?query=FINDME');
    expect(response.statusCode).toBe(200);
    expect(response.json().users).toEqual([
      expect.objectContaining({ username: 'findme_zed', role: 'player', status: 'active', balance: '12.5' }),
    ]);
    expect(errorCode(await get('/api/admin/users?query=%27%3B--'))).toBe('validation/invalid-request');
  });

  it('changes a role, and the change ends every session of that user', async () => {
    const player = await userWithToken(harness, 'player');
    const response = await post(`/api/admin/users/${player.id}`, { role: 'cashier' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { id: player.id, role: 'cashier' }, sessionsEnded: 1 });
    expect(socketsEnded).toContainEqual({ userId: player.id });
    expect(errorCode(await get('/api/wallet', player.token))).toBe('auth/session-revoked');
    expect(errorCode(await post(`/api/admin/users/${player.id}`, {}))).toBe('validation/invalid-request');
    expect(errorCode(await post(`/api/admin/users/${admin.id}`, { role: 'player' }))).toBe('auth/forbidden');
  });

  it('disables an account: its sessions end, logins and old tokens are refused; enabling lets it back', async () => {
    const player = await userWithToken(harness, 'player');
    const second = await login(harness, player.username);
    const disabled = await post(`/api/admin/users/${player.id}`, { status: 'disabled' });
    expect(disabled.json()).toMatchObject({ user: { status: 'disabled' }, sessionsEnded: 2 });
    const relogin = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: player.username, password: PASSWORD },
    });
    expect(relogin.statusCode).toBe(403);
    expect(errorCode(relogin)).toBe('auth/account-disabled');
    // A wrong password still says only that: a disabled account is not told apart from others.
    const wrong = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: player.username, password: 'not the password' },
    });
    expect(errorCode(wrong)).toBe('auth/invalid-credentials');
    expect(errorCode(await get('/api/wallet', second))).toBe('auth/session-revoked');
    expect((await post(`/api/admin/users/${player.id}`, { status: 'active' })).json().user.status).toBe(
      'active',
    );
    expect(await login(harness, player.username)).toMatch(/\S{43}/);
    expect(errorCode(await post(`/api/admin/users/${admin.id}`, { status: 'disabled' }))).toBe(
      'auth/forbidden',
    );
  });

  it('logs a user out everywhere', async () => {
    const player = await userWithToken(harness, 'player');
    const response = await post(`/api/admin/users/${player.id}/logout`);
    expect(response.json()).toEqual({ sessionsEnded: 1 });
    expect(errorCode(await get('/api/wallet', player.token))).toBe('auth/session-revoked');
    expect(errorCode(await post('/api/admin/users/00000000-0000-4000-8000-000000000000/logout'))).toBe(
      'users/not-found',
    );
  });

  it('opens a table with its own clock, lists its seats, and asks the live table to halt', async () => {
    const created = await post('/api/admin/tables', {
      name: 'Clocked',
      smallBlind: '1',
      bigBlind: '2',
      minBuyIn: '40',
      maxBuyIn: '200',
      maxSeats: 6,
      rakeBasisPoints: 500,
      rakeCap: '3',
      actionTimeoutMs: 15_000,
      timeBankMs: 45_000,
    });
    expect(created.statusCode).toBe(201);
    const table = created.json().table;
    expect(table).toMatchObject({ actionTimeoutMs: 15_000, timeBankMs: 45_000, rakeBasisPoints: 500 });
    expect((await get(`/api/admin/tables/${table.id}/seats`)).json()).toEqual({ seats: [] });
    const halted = await post(`/api/admin/tables/${table.id}/halt`, { reason: 'dealer dispute' });
    expect(halted.json()).toEqual({ halted: true });
    expect(halts).toEqual([{ tableId: table.id, reason: 'dealer dispute' }]);
    expect(errorCode(await post('/api/admin/tables/00000000-0000-4000-8000-000000000000/halt', {}))).toBe(
      'ledger/unknown-table',
    );
    expect(errorCode(await post('/api/admin/tables', { ...created.json().table, actionTimeoutMs: 5 }))).toBe(
      'validation/invalid-request',
    );
  });

  it("gives the house's figures and the audit", async () => {
    const house = await get('/api/admin/house?days=7');
    expect(house.statusCode).toBe(200);
    const deposits = house.json().flows.find((flow: { kind: string }) => flow.kind === 'DEPOSIT');
    expect(new Money(deposits.total).greaterThanOrEqualTo('12.5')).toBe(true);
    expect(house.json().rakeByDay).toEqual([]);
    const audit = await get('/api/admin/audit');
    expect(audit.json()).toMatchObject({ ok: true, sum: '0', discrepancies: [] });
  });
});
