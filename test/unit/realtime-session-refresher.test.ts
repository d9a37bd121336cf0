import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../src/errors/result.js';
import type {
  EndedSessionsLookup,
  SocketAuthenticator,
  SocketSession,
} from '../../src/realtime/session-auth.js';
import { SessionGuard } from '../../src/realtime/session-guard.js';
import { SessionRefresher } from '../../src/realtime/session-refresher.js';
import { type UserResult, userError } from '../../src/users/errors.js';

const DAY_MS = 24 * 3_600_000;
const RECHECK_MS = 2_000;

function sessionOf(id: string): SocketSession {
  return { userId: `u-${id}`, username: id, sessionId: `s-${id}`, expiresAtMs: Date.now() + DAY_MS };
}

describe('SessionRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('confirms every socket whose session holds in one lookup, so their events need none of their own', async () => {
    const revoked = new Set<string>();
    const answer = (token: string): UserResult<SocketSession> =>
      revoked.has(token)
        ? userError('auth/session-revoked', 'this session was logged out')
        : ok(sessionOf(token));
    // The lookup answers the sessions (by id) that have ended.
    const lookup = vi.fn<EndedSessionsLookup>(async (sessionIds) =>
      sessionIds.filter((id) => revoked.has(id.slice('s-'.length))),
    );
    const authenticate = vi.fn<SocketAuthenticator>(async (token) => answer(token));
    const refresher = new SessionRefresher(lookup, RECHECK_MS / 2, () => {});
    // Two sockets of one login session, and one of another.
    const guards = ['ann', 'ann', 'bob'].map(
      (token) => new SessionGuard(token, sessionOf(token), authenticate, RECHECK_MS),
    );
    for (const guard of guards) refresher.add(guard);
    refresher.start();

    // Ten seconds of refreshes: one lookup a second, each for the two distinct sessions.
    for (let second = 0; second < 10; second++) {
      await vi.advanceTimersByTimeAsync(1_000);
      for (const guard of guards) expect(await guard.check()).toEqual(ok(null));
    }
    expect(authenticate).not.toHaveBeenCalled();
    expect(lookup).toHaveBeenCalledTimes(10);
    expect(lookup.mock.calls.every(([ids]) => [...ids].sort().join() === 's-ann,s-bob')).toBe(true);

    // bob logs out and the notice is lost: the refresh no longer confirms bob, whose next event,
    // once the recheck time is over, looks the session up itself and is refused.
    revoked.add('bob');
    await vi.advanceTimersByTimeAsync(RECHECK_MS + 1);
    const bobs = await guards[2]!.check();
    expect(bobs.ok ? 'ok' : bobs.error.code).toBe('auth/session-revoked');
    expect(authenticate).toHaveBeenCalledTimes(1);
    expect((await guards[0]!.check()).ok).toBe(true);

    // A socket gone is looked up no more; nothing at all is looked up when no socket is left.
    for (const guard of guards) refresher.remove(guard);
    lookup.mockClear();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(lookup).not.toHaveBeenCalled();
    refresher.stop();
  });

  it('never trusts a session longer than the recheck time when the refresh fails or lags', async () => {
    const failures: unknown[] = [];
    const lookup = vi.fn<EndedSessionsLookup>(async () => {
      throw new Error('database down');
    });
    const authenticate = vi.fn<SocketAuthenticator>(async (token) => ok(sessionOf(token)));
    const refresher = new SessionRefresher(lookup, RECHECK_MS / 2, (error) => failures.push(error));
    const guard = new SessionGuard('ann', sessionOf('ann'), authenticate, RECHECK_MS);
    refresher.add(guard);
    refresher.start();
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(failures.length).toBeGreaterThan(0);
    expect((await guard.check()).ok).toBe(true);
    expect(authenticate).toHaveBeenCalledTimes(1);
    refresher.stop();
  });

  it('runs one pass at a time, and splits many sessions into bounded lookups', async () => {
    let release: () => void = () => {};
    const sizes: number[] = [];
    const lookup = vi.fn<EndedSessionsLookup>(async (sessionIds) => {
      sizes.push(sessionIds.length);
      if (sizes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return [];
    });
    const refresher = new SessionRefresher(lookup, 1_000, () => {});
    const authenticate: SocketAuthenticator = async (token) => ok(sessionOf(token));
    for (let i = 0; i < 12_000; i++)
      refresher.add(new SessionGuard(`t${i}`, sessionOf(`t${i}`), authenticate, RECHECK_MS));
    const first = refresher.refresh();
    await refresher.refresh(); // the first pass is still waiting: this one does nothing
    expect(sizes).toEqual([5_000]);
    release();
    await first;
    expect(sizes).toEqual([5_000, 5_000, 2_000]);
  });
});
