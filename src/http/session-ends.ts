import type { Database } from '../db/database.js';
import type { SystemError } from '../protocol/notices.js';
import { revokeSession, revokeUserSessions, type SessionScope } from '../users/sessions.js';

/**
 * What the HTTP side tells the live connections when login sessions end: close every socket of
 * that session, or of that user, with this notice, on every node. main.ts connects it to the
 * sockets (src/realtime); without it (HTTP-only tests) there are none.
 */
export interface SessionSockets {
  end(scope: SessionScope, notice: SystemError): Promise<void>;
}

/** Why all of a user's sessions end. */
export type UserSessionsEndReason = 'revoked' | 'role-changed' | 'disabled';

const END_MESSAGES: Readonly<Record<UserSessionsEndReason | 'logout', string>> = {
  logout: 'you logged out: log in again to play',
  revoked: 'an administrator ended your sessions: log in again to play',
  'role-changed': 'your account changed: log in again',
  disabled: 'an administrator disabled your account',
};

/**
 * Ending login sessions: the database first (so no request or reconnect gets through again), then
 * every socket of those sessions on every node, each told why before it closes. The routes call
 * it; so will an administrator's force-logout and role change (`endUser`), which have no route yet.
 */
export interface SessionEnds {
  /** This session is logged out. */
  logout(sessionId: string): Promise<void>;
  /** Every session of this user ends; answers how many were still live. */
  endUser(userId: string, reason: UserSessionsEndReason): Promise<number>;
}

export function sessionEnds(database: Database, sockets: SessionSockets | undefined): SessionEnds {
  return {
    async logout(sessionId) {
      await revokeSession(database, sessionId);
      await sockets?.end({ sessionId }, { code: 'auth/session-revoked', message: END_MESSAGES.logout });
    },
    async endUser(userId, reason) {
      const ended = await revokeUserSessions(database, userId);
      await sockets?.end({ userId }, { code: 'auth/session-revoked', message: END_MESSAGES[reason] });
      return ended;
    },
  };
}
