import type { Database } from '../db/database.js';
import { findActiveSession } from '../users/sessions.js';

export interface SocketUser {
  readonly userId: string;
  readonly username: string;
}

/** Resolves a session token to its user, or null (unknown, expired, revoked, malformed). */
export type SocketAuthenticator = (token: string) => Promise<SocketUser | null>;

/** Session tokens are 32 random bytes in base64url; anything else never reaches the database. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function sessionAuthenticator(database: Database): SocketAuthenticator {
  return async (token) => {
    if (!TOKEN_PATTERN.test(token)) return null;
    const session = await findActiveSession(database, token);
    if (!session.ok) return null;
    return { userId: session.value.user.id, username: session.value.user.username };
  };
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
