import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ok } from '../../src/errors/result.js';
import type { SocketAuthenticator, SocketSession } from '../../src/realtime/session-auth.js';
import { SessionGuard } from '../../src/realtime/session-guard.js';
import { userError } from '../../src/users/errors.js';

const DAY_MS = 24 * 3_600_000;

function sessionFor(expiresInMs: number): SocketSession {
  return { userId: 'u1', username: 'ann', sessionId: 's1', expiresAtMs: Date.now() + expiresInMs };
}

describe('SessionGuard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('looks the session up again once the last lookup is older than the recheck time', async () => {
    const session = sessionFor(DAY_MS);
    let revoked = false;
    const authenticate = vi.fn<SocketAuthenticator>(async () =>
      revoked ? userError('auth/session-revoked', 'this session was logged out') : ok(session),
    );
    const guard = new SessionGuard('token', session, authenticate, 2_000);
    expect(await guard.check()).toEqual(ok(null));
    expect(authenticate).not.toHaveBeenCalled();
    revoked = true;
    vi.advanceTimersByTime(1_999);
    expect((await guard.check()).ok).toBe(true);
    vi.advanceTimersByTime(1);
    // Events arriving together share one lookup.
    const [first, second] = await Promise.all([guard.check(), guard.check()]);
    expect(authenticate).toHaveBeenCalledTimes(1);
    expect(first.ok ? 'ok' : first.error.code).toBe('auth/session-revoked');
    expect(second.ok ? 'ok' : second.error.code).toBe('auth/session-revoked');
  });

  it('refuses an expired session without a lookup', async () => {
    const authenticate = vi.fn<SocketAuthenticator>();
    const guard = new SessionGuard('token', sessionFor(1_000), authenticate, 5_000);
    vi.advanceTimersByTime(1_000);
    const checked = await guard.check();
    expect(checked.ok ? 'ok' : checked.error.code).toBe('auth/session-expired');
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('calls back at expiry, even beyond the longest delay a timer can hold', () => {
    // 30 days, the longest session: more than setTimeout's 2^31 - 1 ms (24.8 days), which a plain
    // timer would have fired at once.
    const expired = vi.fn();
    const guard = new SessionGuard('token', sessionFor(30 * DAY_MS), vi.fn<SocketAuthenticator>(), 0);
    guard.watchExpiry(expired);
    vi.advanceTimersByTime(25 * DAY_MS);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5 * DAY_MS - 1);
    expect(expired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('stops watching when the socket is gone', () => {
    const expired = vi.fn();
    const guard = new SessionGuard('token', sessionFor(1_000), vi.fn<SocketAuthenticator>(), 0);
    guard.watchExpiry(expired);
    guard.stop();
    vi.advanceTimersByTime(2_000);
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('session settings', () => {
  it('rechecks within five seconds at most, and allows short sessions for tests', () => {
    expect(loadConfig({}).SOCKET_SESSION_RECHECK_MS).toBeLessThanOrEqual(5_000);
    expect(() => loadConfig({ SOCKET_SESSION_RECHECK_MS: '60000' })).toThrow('SOCKET_SESSION_RECHECK_MS');
    expect(loadConfig({ SESSION_TTL_SECONDS: '2' }).SESSION_TTL_SECONDS).toBe(2);
    expect(loadConfig({}).SESSION_TTL_SECONDS).toBe(12 * 3_600);
  });
});
