import { Prisma, type PrismaClient } from '../ledger/generated/prisma/client.js';
import {
  type CredentialSettings,
  checkPassword,
  checkUsername,
  normalizeUsername,
} from './credential-rules.js';
import { type UserResult, userError } from './errors.js';
import { decoyHash, hashPassword, verifyPassword } from './password-hash.js';
import { type Role, roleFromDb, roleToDb } from './roles.js';
import { type ScryptSettings, scryptParams } from './scrypt-settings.js';

export type AccountSettings = CredentialSettings & ScryptSettings;

/** What the rest of the application knows about a person: never the password hash. */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly createdAt: Date;
}

export function toUserView(row: {
  id: string;
  username: string;
  role: Parameters<typeof roleFromDb>[0];
  createdAt: Date;
}): UserView {
  return { id: row.id, username: row.username, role: roleFromDb(row.role), createdAt: row.createdAt };
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role?: Role;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** Creates a user (and, through a database trigger, the user's wallet). */
export async function registerUser(
  prisma: PrismaClient,
  settings: AccountSettings,
  input: NewUser,
): Promise<UserResult<UserView>> {
  const username = checkUsername(input.username, settings);
  if (!username.ok) return username;
  const password = checkPassword(input.password, settings);
  if (!password.ok) return password;
  const passwordHash = await hashPassword(password.value, scryptParams(settings));
  try {
    const row = await prisma.user.create({
      data: { username: username.value, passwordHash, role: roleToDb(input.role ?? 'player') },
    });
    return { ok: true, value: toUserView(row) };
  } catch (error) {
    // The unique index decides, so two simultaneous registrations of one name cannot both win.
    if (isUniqueViolation(error)) return userError('auth/username-taken', 'this username is taken');
    throw error;
  }
}

/**
 * Checks a username and password. Unknown users and wrong passwords get the same answer and take
 * the same time (a decoy hash is verified), so logins cannot be used to discover usernames.
 */
export async function authenticate(
  prisma: PrismaClient,
  settings: AccountSettings,
  credentials: { readonly username: string; readonly password: string },
): Promise<UserResult<UserView>> {
  const params = scryptParams(settings);
  const invalid = userError('auth/invalid-credentials', 'wrong username or password');
  // Bounds are checked before hashing so an oversized password costs nothing; the same answer.
  if (!checkPassword(credentials.password, settings).ok) return invalid;
  const row = await prisma.user.findUnique({ where: { username: normalizeUsername(credentials.username) } });
  if (!row) {
    await verifyPassword(credentials.password, await decoyHash(params), params);
    return invalid;
  }
  const verdict = await verifyPassword(credentials.password, row.passwordHash, params);
  if (!verdict.valid) return invalid;
  if (verdict.needsRehash) {
    // The cost settings changed since this hash was made: store one with the current settings.
    const passwordHash = await hashPassword(credentials.password, params);
    await prisma.user.update({ where: { id: row.id }, data: { passwordHash } });
  }
  return { ok: true, value: toUserView(row) };
}

export async function findUserByUsername(
  prisma: PrismaClient,
  username: string,
): Promise<UserView | undefined> {
  const row = await prisma.user.findUnique({ where: { username: normalizeUsername(username) } });
  return row ? toUserView(row) : undefined;
}
