import type { LobbyTable } from '../protocol/lobby.js';

type LobbyRead = () => Promise<readonly LobbyTable[]>;

/**
 * The lobby as lobby:subscribe answers it, read at most once per `intervalMs` whatever the number
 * of subscribers: on one node a summary of every table, in a cluster one Redis read. Subscribers
 * arriving together share the next read, and it starts after each of them joined the lobby room:
 * a change after the read reaches them as a lobby:table update, so none can be answered with a
 * lobby older than an update it missed (a cache served for its age could do just that).
 */
export function sharedLobbyRead(
  read: LobbyRead,
  intervalMs: number,
  now: () => number = Date.now,
): LobbyRead {
  let next: Promise<readonly LobbyTable[]> | null = null;
  let lastReadAtMs = Number.NEGATIVE_INFINITY;
  return () => {
    next ??= new Promise((resolve, reject) => {
      const waitMs = Math.max(0, lastReadAtMs + intervalMs - now());
      setTimeout(() => {
        // Later subscribers wait for the read after this one: they joined after it started.
        next = null;
        lastReadAtMs = now();
        read().then(resolve, reject);
      }, waitMs);
    });
    return next;
  };
}
