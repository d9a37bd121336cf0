import type { UserRole } from '../column-types.js';
import type { Database } from '../database-handle.js';
import { Prisma } from '../generated/prisma/client.js';
import { prismaOf } from '../prisma-access.js';

/** A person's account as stored, without the password hash. */
export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly role: UserRole;
  readonly createdAt: Date;
}

const USER_SELECT = { id: true, username: true, role: true, createdAt: true } as const;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Stores a new user (a database trigger gives it a wallet). `taken` when the username exists: the
 * unique index decides, so two simultaneous registrations of one name cannot both win.
 */
export async function insertUser(
  database: Database,
  user: { username: string; passwordHash: string; role: UserRole },
): Promise<UserRecord | 'taken'> {
  try {
    return await prismaOf(database).user.create({ data: user, select: USER_SELECT });
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}

export async function findUserByUsername(
  database: Database,
  username: string,
): Promise<UserRecord | undefined> {
  const row = await prismaOf(database).user.findUnique({ where: { username }, select: USER_SELECT });
  return row ?? undefined;
}

/** A user and their password hash, to check a login. */
export async function findCredentials(
  database: Database,
  username: string,
): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
  const row = await prismaOf(database).user.findUnique({
    where: { username },
    select: { ...USER_SELECT, passwordHash: true },
  });
  if (!row) return undefined;
  const { passwordHash, ...user } = row;
  return { user, passwordHash };
}

export async function updatePasswordHash(
  database: Database,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await prismaOf(database).user.update({ where: { id: userId }, data: { passwordHash } });
}

/** Usernames by user id, for the ids that exist. */
export async function usernamesOf(
  database: Database,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await prismaOf(database).user.findMany({
    where: { id: { in: [...userIds] } },
    select: { id: true, username: true },
  });
  return new Map(rows.map((row) => [row.id, row.username]));
}
