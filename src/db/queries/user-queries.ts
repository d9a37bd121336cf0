import type { UserRole, UserStatus } from '../column-types.js';
import type { Database } from '../database-handle.js';
import { Prisma } from '../generated/prisma/client.js';
import { prismaOf } from '../prisma-access.js';

/** A person's account as stored, without the password hash. */
export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly role: UserRole;
  readonly status: UserStatus;
  readonly createdAt: Date;
}

const USER_SELECT = { id: true, username: true, role: true, status: true, createdAt: true } as const;

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

export async function findUserById(database: Database, userId: string): Promise<UserRecord | undefined> {
  const row = await prismaOf(database).user.findUnique({ where: { id: userId }, select: USER_SELECT });
  return row ?? undefined;
}

/** A user with their wallet balance, for the admin's list. */
export interface UserListing extends UserRecord {
  readonly balance: string;
}

/**
 * Users whose name contains `query` (any case), by name; at most `limit`, after the name `after`
 * (a cursor: the last name of the previous page).
 */
export async function searchUsers(
  database: Database,
  options: { readonly query: string; readonly limit: number; readonly after?: string },
): Promise<UserListing[]> {
  const rows = await prismaOf(database).user.findMany({
    where: {
      username: {
        contains: options.query,
        mode: 'insensitive',
        ...(options.after !== undefined && { gt: options.after }),
      },
    },
    select: { ...USER_SELECT, wallet: { select: { balance: true } } },
    orderBy: { username: 'asc' },
    take: options.limit,
  });
  return rows.map(({ wallet, ...user }) => ({ ...user, balance: wallet?.balance.toFixed() ?? '0' }));
}

/** Changes a user's role or status; undefined when there is no such user. */
export async function updateUser(
  database: Database,
  userId: string,
  change: { readonly role?: UserRole; readonly status?: UserStatus },
): Promise<UserRecord | undefined> {
  const updated = await prismaOf(database).user.updateMany({ where: { id: userId }, data: change });
  return updated.count === 0 ? undefined : findUserById(database, userId);
}
