import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import {
  findEndedSessionIds,
  findSessionByTokenHash,
  insertSession,
  revokeStoredSession,
  revokeStoredUserSessions,
  type SessionRecord,
} from '../db/queries/session-queries.js';
import { ACCOUNT_DISABLED_MESSAGE, toUserView, type UserView } from './accounts.js';
import { type UserResult, userError } from './errors.js';

/**
 * Sessions are random bearer tokens (256 bits). The database stores only their SHA-256, so a copy
 * of the database (a backup, a leaked dump) does not contain usable tokens. A fast hash is right
 * here, unlike for passwords: the token is random and long, there is nothing to brute-force.
 */

const TOKEN_BYTES = 32;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface NewSession {
  /** Shown to the client once; never stored. */
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export async function createSession(
  database: Database,
  userId: string,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<NewSession> {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
  const sessionId = await insertSession(database, {
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    expiresAt,
  });
  return { token, sessionId, expiresAt };
}

export interface ActiveSession {
  readonly sessionId: string;
  readonly expiresAt: Date;
  readonly user: UserView;
}

/** Tokens are 32 random bytes in base64url: anything else is no token of ours. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A token's session and user, if the session exists, is not revoked and has not expired. A string
 * that cannot be a token is refused before it reaches the database.
 */
export async function findActiveSession(
  database: Database,
  token: string,
  now: Date = new Date(),
): Promise<UserResult<ActiveSession>> {
  if (!TOKEN_PATTERN.test(token)) return userError('auth/invalid-session', 'not logged in: unknown session');
  return activeSessionOf(await findSessionByTokenHash(database, hashToken(token)), now);
}

/**
 * Of these session ids, the ones that no longer hold (unknown, logged out, expired, or their user
 * disabled), in one query: for the gateway's refresh of every open socket's session. A session
 * that findActiveSession would answer is never among them, and any other always is.
 */
export function findEndedSessions(
  database: Database,
  sessionIds: readonly string[],
  now: Date = new Date(),
): Promise<string[]> {
  return findEndedSessionIds(database, sessionIds, now);
}

function activeSessionOf(row: SessionRecord | undefined, now: Date): UserResult<ActiveSession> {
  if (!row) return userError('auth/invalid-session', 'not logged in: unknown session');
  if (row.revokedAt) return userError('auth/session-revoked', 'this session was logged out');
  if (row.expiresAt.getTime() <= now.getTime())
    return userError('auth/session-expired', 'this session expired');
  if (row.user.status === 'DISABLED') return userError('auth/account-disabled', ACCOUNT_DISABLED_MESSAGE);
  return { ok: true, value: { sessionId: row.id, expiresAt: row.expiresAt, user: toUserView(row.user) } };
}

/** Logs a session out. Revoking an already revoked session changes nothing. */
export async function revokeSession(
  database: Database,
  sessionId: string,
  now: Date = new Date(),
): Promise<void> {
  await revokeStoredSession(database, sessionId, now);
}

/** Logs every session of a user out (an administrator's revocation, a role change); answers how many. */
export async function revokeUserSessions(
  database: Database,
  userId: string,
  now: Date = new Date(),
): Promise<number> {
  return revokeStoredUserSessions(database, userId, now);
}

/** Whose live connections end: one session's, or every session of one user. */
export type SessionScope = { readonly sessionId: string } | { readonly userId: string };
