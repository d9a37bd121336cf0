import type { Database } from '../db/database.js';
import type { UserResult } from '../users/errors.js';
import { type ActiveSession, findActiveSession, findEndedSessions } from '../users/sessions.js';

/** The session a socket was opened with. */
export interface SocketSession {
  readonly userId: string;
  readonly username: string;
  readonly sessionId: string;
  readonly expiresAtMs: number;
}

/**
 * Resolves a session token to its session, or says why it does not hold (auth/invalid-session,
 * auth/session-expired, auth/session-revoked).
 */
export type SocketAuthenticator = (token: string) => Promise<UserResult<SocketSession>>;

/**
 * Many sessions at once, by id: the ones among them the SocketAuthenticator would now refuse
 * (ended, or unknown). One lookup for them all.
 */
export type EndedSessionsLookup = (sessionIds: readonly string[]) => Promise<readonly string[]>;

function socketSessionOf(session: UserResult<ActiveSession>): UserResult<SocketSession> {
  if (!session.ok) return session;
  const { sessionId, expiresAt, user } = session.value;
  return {
    ok: true,
    value: { userId: user.id, username: user.username, sessionId, expiresAtMs: expiresAt.getTime() },
  };
}

export function sessionAuthenticator(database: Database): SocketAuthenticator {
  return async (token) => socketSessionOf(await findActiveSession(database, token));
}

export function endedSessionsLookup(database: Database): EndedSessionsLookup {
  return (sessionIds) => findEndedSessions(database, sessionIds);
}

/** The token a client offers: `auth: { token }` in the handshake, or an Authorization: Bearer header. */
export function handshakeToken(auth: unknown, authorization: string | undefined): string | null {
  if (typeof auth === 'object' && auth !== null && 'token' in auth) {
    const token = (auth as { token: unknown }).token;
    if (typeof token === 'string' && token.length > 0) return token;
  }
  const match = authorization === undefined ? null : /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  return match?.[1] ?? null;
}
