import { ok } from '../errors/result.js';
import { type UserResult, userError } from '../users/errors.js';
import type { SocketAuthenticator, SocketSession } from './session-auth.js';

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days): a longer one would fire at once. */
const TIMER_DELAY_MAX_MS = 2 ** 31 - 1;

/**
 * Keeps one socket's session honest after its handshake. An event that needs the session asks
 * `check`: the session is looked up again once the last lookup is older than `recheckMs` (a few
 * seconds at most, never the life of the socket), and an expired one is refused without a lookup.
 * `watchExpiry` calls back when the session expires, so the socket is closed then, idle or not.
 */
export class SessionGuard {
  private checkedAtMs: number;
  private lookup: Promise<UserResult<SocketSession>> | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly token: string,
    readonly session: SocketSession,
    private readonly authenticate: SocketAuthenticator,
    private readonly recheckMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.checkedAtMs = now();
  }

  /** Whether the session still holds, or why not (auth/session-expired, auth/session-revoked, ...). */
  async check(): Promise<UserResult<null>> {
    const startedAtMs = this.now();
    if (startedAtMs >= this.session.expiresAtMs)
      return userError('auth/session-expired', 'this session expired');
    if (startedAtMs - this.checkedAtMs < this.recheckMs) return ok(null);
    // Events arriving together share one lookup.
    this.lookup ??= this.authenticate(this.token).finally(() => {
      this.lookup = null;
    });
    const found = await this.lookup;
    if (!found.ok) return found;
    this.checkedAtMs = Math.max(this.checkedAtMs, startedAtMs);
    return ok(null);
  }

  /**
   * A lookup made for many sockets at once (session-refresher.ts), started at `startedAtMs`, found
   * this session holding: it counts as this socket's own lookup.
   */
  confirmedAt(startedAtMs: number): void {
    this.checkedAtMs = Math.max(this.checkedAtMs, startedAtMs);
  }

  /** Calls `expired` once the session's lifetime is over (re-armed in steps a timer can hold). */
  watchExpiry(expired: () => void): void {
    const remainingMs = this.session.expiresAtMs - this.now();
    if (remainingMs <= 0) {
      expired();
      return;
    }
    this.expiryTimer = setTimeout(() => this.watchExpiry(expired), Math.min(remainingMs, TIMER_DELAY_MAX_MS));
    this.expiryTimer.unref();
  }

  stop(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }
}
