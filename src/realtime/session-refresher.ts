import type { SocketSessionsLookup } from './session-auth.js';
import type { SessionGuard } from './session-guard.js';

/** Tokens per query: a large node's sockets go in a few bounded queries, not one huge one. */
const TOKENS_PER_LOOKUP_MAX = 5_000;

/**
 * Looks up the sessions of every open socket of this node together, every `intervalMs` (half the
 * guards' recheck time), and confirms each guard whose session still holds. Without it each
 * socket looks its session up on its own every few seconds, one query per acting player: at
 * thousands of players, most of the database's work and a good share of the server's. The guard's
 * promise is unchanged: a session is never trusted longer than its recheck time, and an event that
 * finds its guard unconfirmed (this refresh late, or its session not holding) looks it up itself,
 * and is refused as before. Sessions that end are closed at once by their own notices
 * (session-ends); this only bounds what a lost notice could allow.
 */
export class SessionRefresher {
  private readonly guards = new Set<SessionGuard>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly lookup: SocketSessionsLookup,
    private readonly intervalMs: number,
    private readonly onFailure: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(guard: SessionGuard): void {
    this.guards.add(guard);
  }

  remove(guard: SessionGuard): void {
    this.guards.delete(guard);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over every guard; a pass still running when the next is due is not doubled. */
  async refresh(): Promise<void> {
    if (this.running || this.guards.size === 0) return;
    this.running = true;
    try {
      const startedAtMs = this.now();
      const byToken = new Map<string, SessionGuard[]>();
      for (const guard of this.guards) {
        const sharing = byToken.get(guard.token);
        if (sharing) sharing.push(guard);
        else byToken.set(guard.token, [guard]);
      }
      const tokens = [...byToken.keys()];
      for (let from = 0; from < tokens.length; from += TOKENS_PER_LOOKUP_MAX) {
        const found = await this.lookup(tokens.slice(from, from + TOKENS_PER_LOOKUP_MAX));
        for (const [token, session] of found) {
          if (!session.ok) continue;
          for (const guard of byToken.get(token) ?? []) guard.confirmedAt(startedAtMs);
        }
      }
    } catch (error) {
      this.onFailure(error);
    } finally {
      this.running = false;
    }
  }
}
