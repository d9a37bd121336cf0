import type { Database } from '../db/database.js';
import {
  findCredentials,
  findUserByUsername as findStoredUser,
  insertUser,
  type UserRecord,
  updatePasswordHash,
} from '../db/queries/user-queries.js';
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
  /** A disabled account (by an admin) cannot log in, and its sessions are refused. */
  readonly disabled: boolean;
  readonly createdAt: Date;
}

export function toUserView(row: UserRecord): UserView {
  return {
    id: row.id,
    username: row.username,
    role: roleFromDb(row.role),
    disabled: row.status === 'DISABLED',
    createdAt: row.createdAt,
  };
}

export const ACCOUNT_DISABLED_MESSAGE = 'this account is disabled: ask the operator';

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role?: Role;
}

/** Creates a user (and, through a database trigger, the user's wallet). */
export async function registerUser(
  database: Database,
  settings: AccountSettings,
  input: NewUser,
): Promise<UserResult<UserView>> {
  const username = checkUsername(input.username, settings);
  if (!username.ok) return username;
  const password = checkPassword(input.password, settings);
  if (!password.ok) return password;
  const passwordHash = await hashPassword(password.value, scryptParams(settings));
  const stored = await insertUser(database, {
    username: username.value,
    passwordHash,
    role: roleToDb(input.role ?? 'player'),
  });
  if (stored === 'taken') return userError('auth/username-taken', 'this username is taken');
  return { ok: true, value: toUserView(stored) };
}

/**
 * Checks a username and password. Unknown users and wrong passwords get the same answer and take
 * the same time (a decoy hash is verified), so logins cannot be used to discover usernames.
 */
export async function authenticate(
  database: Database,
  settings: AccountSettings,
  credentials: { readonly username: string; readonly password: string },
): Promise<UserResult<UserView>> {
  const params = scryptParams(settings);
  const invalid = userError('auth/invalid-credentials', 'wrong username or password');
  // Bounds are checked before hashing so an oversized password costs nothing; the same answer.
  if (!checkPassword(credentials.password, settings).ok) return invalid;
  const row = await findCredentials(database, normalizeUsername(credentials.username));
  if (!row) {
    await verifyPassword(credentials.password, await decoyHash(params), params);
    return invalid;
  }
  const verdict = await verifyPassword(credentials.password, row.passwordHash, params);
  if (!verdict.valid) return invalid;
  // Told only to who knows the password: it says nothing about other accounts.
  if (row.user.status === 'DISABLED') return userError('auth/account-disabled', ACCOUNT_DISABLED_MESSAGE);
  if (verdict.needsRehash) {
    // The cost settings changed since this hash was made: store one with the current settings.
    const passwordHash = await hashPassword(credentials.password, params);
    await updatePasswordHash(database, row.user.id, passwordHash);
  }
  return { ok: true, value: toUserView(row.user) };
}

export async function findUserByUsername(
  database: Database,
  username: string,
): Promise<UserView | undefined> {
  const row = await findStoredUser(database, normalizeUsername(username));
  return row ? toUserView(row) : undefined;
}
