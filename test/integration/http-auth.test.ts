import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/users/sessions.js';
import {
  bearer,
  errorCode,
  type HttpHarness,
  login,
  PASSWORD,
  startHttpHarness,
  uniqueName,
  userWithToken,
} from '../support/http-app.js';

let harness: HttpHarness;

beforeAll(async () => {
  harness = await startHttpHarness('http_auth');
});
afterAll(async () => {
  await harness?.close();
});

describe('register, login, me, logout', () => {
  it('registers a player who is logged in at once', async () => {
    const username = uniqueName('Alice');
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username, password: PASSWORD },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ username: username.toLowerCase(), role: 'player' });
    expect(body.session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers['set-cookie']).toMatch(/HttpOnly/);
    expect(response.headers['set-cookie']).toMatch(/SameSite=Strict/);
    const me = await harness.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: bearer(body.session.token),
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      id: body.user.id,
      username: username.toLowerCase(),
      role: 'player',
    });
  });

  it('stores only the hash of a session token and never the password', async () => {
    const username = uniqueName('hashcheck');
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username, password: PASSWORD },
    });
    const token = response.json().session.token as string;
    const session = await harness.db.prisma.session.findUnique({ where: { tokenHash: hashToken(token) } });
    expect(session).not.toBeNull();
    const sessions = await harness.db.pool.query('SELECT token_hash FROM sessions WHERE token_hash = $1', [
      token,
    ]);
    expect(sessions.rowCount).toBe(0);
    const user = await harness.db.prisma.user.findUniqueOrThrow({ where: { username } });
    expect(user.passwordHash).toMatch(/^scrypt\$12\$8\$1\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });

  it('logs in case-insensitively and rejects wrong passwords and unknown users alike', async () => {
    const player = await userWithToken(harness, 'player');
    await expect(login(harness, player.username.toUpperCase())).resolves.toMatch(/^[A-Za-z0-9_-]{43}$/);
    const wrong = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: player.username, password: 'not the password' },
    });
    const unknown = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody_here', password: PASSWORD },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorCode(wrong)).toBe('auth/invalid-credentials');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('authenticates with the session cookie too', async () => {
    const player = await userWithToken(harness, 'player');
    const me = await harness.app.inject({
      method: 'GET',
      url: '/api/me',
      cookies: { [harness.config.SESSION_COOKIE_NAME]: player.token },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe(player.username);
  });

  it('logout revokes the session: the token then gets 401 auth/session-revoked', async () => {
    const player = await userWithToken(harness, 'player');
    const logout = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(player.token),
    });
    expect(logout.statusCode).toBe(200);
    expect(logout.json()).toEqual({ loggedOut: true });
    const me = await harness.app.inject({ method: 'GET', url: '/api/me', headers: bearer(player.token) });
    expect(me.statusCode).toBe(401);
    expect(errorCode(me)).toBe('auth/session-revoked');
    const again = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(player.token),
    });
    expect(again.statusCode).toBe(401);
  });

  it('an expired session gets 401 auth/session-expired', async () => {
    const player = await userWithToken(harness, 'player');
    await harness.db.prisma.session.update({
      where: { tokenHash: hashToken(player.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const me = await harness.app.inject({ method: 'GET', url: '/api/me', headers: bearer(player.token) });
    expect(me.statusCode).toBe(401);
    expect(errorCode(me)).toBe('auth/session-expired');
  });

  it('answers 401 typed without a token, with a malformed header, and with an unknown token', async () => {
    const none = await harness.app.inject({ method: 'GET', url: '/api/me' });
    expect(none.statusCode).toBe(401);
    expect(errorCode(none)).toBe('auth/unauthenticated');
    const malformed = await harness.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: 'Basic abc' },
    });
    expect(malformed.statusCode).toBe(401);
    expect(errorCode(malformed)).toBe('auth/unauthenticated');
    const unknown = await harness.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: bearer('A'.repeat(43)),
    });
    expect(unknown.statusCode).toBe(401);
    expect(errorCode(unknown)).toBe('auth/invalid-session');
  });
});

describe('registration rules', () => {
  it('refuses a taken username, case-insensitively', async () => {
    const username = uniqueName('taken');
    const first = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username, password: PASSWORD },
    });
    expect(first.statusCode).toBe(201);
    const second = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username: username.toUpperCase(), password: PASSWORD },
    });
    expect(second.statusCode).toBe(409);
    expect(errorCode(second)).toBe('auth/username-taken');
  });

  it.each([
    ['ab', 'auth/invalid-username'],
    ['has space', 'auth/invalid-username'],
    ['semi;colon', 'auth/invalid-username'],
    ['x'.repeat(25), 'auth/invalid-username'],
  ])('refuses the username %j', async (username, code) => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username, password: PASSWORD },
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe(code);
  });

  it('refuses passwords shorter or longer than the bounds', async () => {
    for (const password of ['short', 'p'.repeat(129)]) {
      const response = await harness.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        payload: { username: uniqueName('pw'), password },
      });
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe('auth/invalid-password');
    }
  });

  it('refuses unknown fields and wrong types with validation/invalid-request, creating nobody', async () => {
    const before = await harness.db.prisma.user.count();
    for (const payload of [
      { username: uniqueName('extra'), password: PASSWORD, role: 'admin' },
      { username: 12345, password: PASSWORD },
      { username: uniqueName('nopw') },
    ]) {
      const response = await harness.app.inject({ method: 'POST', url: '/api/auth/register', payload });
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe('validation/invalid-request');
    }
    expect(await harness.db.prisma.user.count()).toBe(before);
  });

  it('cannot register a staff role: every registration is a player', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username: uniqueName('sneaky'), password: PASSWORD },
    });
    expect(response.json().user.role).toBe('player');
  });
});

describe('request errors are typed', () => {
  it('malformed JSON is 400 request/malformed-json', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe('request/malformed-json');
  });

  it('a body that is not JSON is 415 request/unsupported-media-type', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a&password=b',
    });
    expect(response.statusCode).toBe(415);
    expect(errorCode(response)).toBe('request/unsupported-media-type');
  });

  it('an oversized body is 413 request/body-too-large', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { username: uniqueName('big'), password: 'x'.repeat(harness.config.BODY_LIMIT_BYTES) },
    });
    expect(response.statusCode).toBe(413);
    expect(errorCode(response)).toBe('request/body-too-large');
  });

  it('an unknown route is 404 request/not-found', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(errorCode(response)).toBe('request/not-found');
  });
});

describe('health and OpenAPI', () => {
  it('GET /health reports the database', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('GET /api/openapi.json documents the routes from their schemas', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/auth/login',
        '/api/auth/logout',
        '/api/me',
        '/health',
      ]),
    );
    expect(document.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });
});
