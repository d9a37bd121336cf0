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
 * The sessions stored under any of these token hashes, each with its hash and user: one query
 * for many sockets' sessions (the gateway's periodic refresh).
 */
export async function findSessionsByTokenHashes(
  database: Database,
  tokenHashes: readonly string[],
): Promise<(SessionRecord & { readonly tokenHash: string })[]> {
  if (tokenHashes.length === 0) return [];
  return prismaOf(database).session.findMany({
    where: { tokenHash: { in: [...tokenHashes] } },
    select: {
      id: true,
      tokenHash: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, username: true, role: true, status: true, createdAt: true } },
    },
  });
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
