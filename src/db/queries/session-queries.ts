import type { Database } from '../database-handle.js';
import { prismaOf } from '../prisma-access.js';
import type { UserRecord } from './user-queries.js';

export interface SessionRecord {
  readonly id: string;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly user: UserRecord;
}

export async function insertSession(
  database: Database,
  session: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date },
): Promise<string> {
  const row = await prismaOf(database).session.create({ data: session, select: { id: true } });
  return row.id;
}

/** The session stored under a token hash, with its user; undefined if there is none. */
export async function findSessionByTokenHash(
  database: Database,
  tokenHash: string,
): Promise<SessionRecord | undefined> {
  const row = await prismaOf(database).session.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, username: true, role: true, status: true, createdAt: true } },
    },
  });
  return row ?? undefined;
}

/**
 * Of these session ids, the ones that no longer hold: unknown, revoked, expired at `now`, or of a
 * disabled user. One query for many sockets' sessions (the gateway's periodic refresh) that
 * answers only the exceptions, usually none: the thousands that hold cost the database an index
 * probe each and the server nothing, where reading them all back cost both a row per socket.
 */
export async function findEndedSessionIds(
  database: Database,
  sessionIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await prismaOf(database).$queryRaw<{ id: string }[]>`
    SELECT listed.id::text AS id FROM unnest(${[...sessionIds]}::uuid[]) AS listed(id)
    WHERE NOT EXISTS (
      SELECT 1 FROM sessions JOIN users ON users.id = sessions.user_id
      WHERE sessions.id = listed.id AND sessions.revoked_at IS NULL AND sessions.expires_at > ${now}
        AND users.status <> 'DISABLED')`;
  return rows.map((row) => row.id);
}

/** Marks a session revoked; revoking an already revoked session changes nothing. */
export async function revokeStoredSession(database: Database, sessionId: string, now: Date): Promise<void> {
  await prismaOf(database).session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
}

/** Marks every live session of a user revoked; answers how many were. */
export async function revokeStoredUserSessions(
  database: Database,
  userId: string,
  now: Date,
): Promise<number> {
  const revoked = await prismaOf(database).session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return revoked.count;
}
