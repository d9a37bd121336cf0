import type { EndedSessionsLookup } from './session-auth.js';
import type { SessionGuard } from './session-guard.js';

/** Sessions per query: a large node's sockets go in a few bounded queries, not one huge one. */
const SESSIONS_PER_LOOKUP_MAX = 5_000;

/**
 * Looks up the sessions of every open socket of this node together, every `intervalMs` (half the
 * guards' recheck time), and confirms each guard whose session still holds: the lookup answers
 * the sessions that have ended (or are unknown), so the usual answer, none, costs nothing to read. Without it each
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
    private readonly lookup: EndedSessionsLookup,
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
      const bySession = new Map<string, SessionGuard[]>();
      for (const guard of this.guards) {
        const sharing = bySession.get(guard.session.sessionId);
        if (sharing) sharing.push(guard);
        else bySession.set(guard.session.sessionId, [guard]);
      }
      const sessionIds = [...bySession.keys()];
      for (let from = 0; from < sessionIds.length; from += SESSIONS_PER_LOOKUP_MAX) {
        const batch = sessionIds.slice(from, from + SESSIONS_PER_LOOKUP_MAX);
        const ended = new Set(await this.lookup(batch));
        for (const sessionId of batch) {
          if (ended.has(sessionId)) continue;
          for (const guard of bySession.get(sessionId) ?? []) guard.confirmedAt(startedAtMs);
        }
      }
    } catch (error) {
      this.onFailure(error);
    } finally {
      this.running = false;
    }
  }
}
