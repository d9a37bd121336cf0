import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../../src/users/accounts.js';
import { createSession } from '../../src/users/sessions.js';
import {
  bearer,
  errorCode,
  type HttpHarness,
  moneySnapshot,
  PASSWORD,
  postCashierMovement,
  startHttpHarness,
  userWithToken,
} from '../support/http-app.js';

let harness: HttpHarness;

beforeAll(async () => {
  harness = await startHttpHarness('http_rate_limit', {
    RATE_LIMIT_LOGIN_MAX: '3',
    RATE_LIMIT_REGISTER_MAX: '2',
    RATE_LIMIT_MONEY_MAX: '2',
    RATE_LIMIT_GLOBAL_MAX: '40',
    RATE_LIMIT_WINDOW_MS: '60000',
  });
});
afterAll(async () => {
  await harness?.close();
});

describe('rate limits', () => {
  it('registration: limited per address, but not for an admin registering accounts (the bots)', async () => {
    // Sessions made directly: this file's logins count against its own login limit.
    const tokenOf = async (role: 'admin' | 'player') => {
      const user = await registerUser(harness.db.database, harness.config, {
        username: `${role}_${randomBytes(3).toString('hex')}`,
        password: PASSWORD,
        role,
      });
      if (!user.ok) throw new Error(user.error.message);
      return (await createSession(harness.db.database, user.value.id, 600)).token;
    };
    const adminToken = await tokenOf('admin');
    const register = (headers: Record<string, string> = {}) =>
      harness.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: '10.0.0.9',
        headers,
        payload: { username: `reg_${randomBytes(4).toString('hex')}`, password: PASSWORD },
      });
    expect((await register()).statusCode).toBe(201);
    expect((await register()).statusCode).toBe(201);
    expect(errorCode(await register())).toBe('request/rate-limited');
    for (let i = 0; i < 4; i++) expect((await register(bearer(adminToken))).statusCode).toBe(201);
    // A player's token is no way around it.
    expect(errorCode(await register(bearer(await tokenOf('player'))))).toBe('request/rate-limited');
  });

  it('login: the request after the limit is 429 request/rate-limited with Retry-After', async () => {
    const attempt = () =>
      harness.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.1',
        payload: { username: 'nobody_here', password: 'wrong password' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('request/rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    const other = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.0.0.2',
      payload: { username: 'nobody_here', password: PASSWORD },
    });
    expect(other.statusCode).toBe(401);
  });

  it('money routes: a cashier over the per-user limit gets 429 and nothing moves', async () => {
    const cashier = await userWithToken(harness, 'cashier');
    const player = await userWithToken(harness, 'player');
    const deposit = () =>
      postCashierMovement(harness, {
        url: '/api/cashier/deposits',
        token: cashier.token,
        remoteAddress: '10.0.1.1',
        payload: { username: player.username, amount: '10' },
      });
    expect((await deposit()).statusCode).toBe(201);
    expect((await deposit()).statusCode).toBe(201);
    const before = await moneySnapshot(harness);
    const limited = await deposit();
    expect(limited.statusCode).toBe(429);
    expect(errorCode(limited)).toBe('request/rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Withdrawals share the same per-user money budget.
    const withdrawal = await postCashierMovement(harness, {
      url: '/api/cashier/withdrawals',
      token: cashier.token,
      remoteAddress: '10.0.1.1',
      payload: { username: player.username, amount: '1' },
    });
    expect(withdrawal.statusCode).toBe(429);
    expect(await moneySnapshot(harness)).toBe(before);
  });

  it('made-up tokens are throttled before they reach the session lookup', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 42; i++) {
      const token = randomBytes(32).toString('base64url');
      const response = await harness.app.inject({
        method: 'GET',
        url: '/api/me',
        remoteAddress: '10.0.3.1',
        headers: bearer(token),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 40).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(40)).toEqual([429, 429]);
  });

  it('every route has a per-address limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const response = await harness.app.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.2.1' });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(40).every((status) => status === 429)).toBe(true);
  });
});
