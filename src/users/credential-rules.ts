import type { Config } from '../config.js';
import { type UserResult, userError } from './errors.js';

export type CredentialSettings = Pick<
  Config,
  'USERNAME_LENGTH_MIN' | 'USERNAME_LENGTH_MAX' | 'PASSWORD_LENGTH_MIN' | 'PASSWORD_LENGTH_MAX'
>;

/** Letters, digits and underscores; compared and stored in lower case, so "Alice" and "alice" are one name. */
const USERNAME_PATTERN = /^[a-z0-9_]+$/;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Checks a username for registration and returns it normalized (lower case). */
export function checkUsername(username: string, settings: CredentialSettings): UserResult<string> {
  const normalized = normalizeUsername(username);
  const { USERNAME_LENGTH_MIN: min, USERNAME_LENGTH_MAX: max } = settings;
  if (normalized.length < min || normalized.length > max || !USERNAME_PATTERN.test(normalized)) {
    return userError(
      'auth/invalid-username',
      `a username has ${min} to ${max} characters: letters, digits and underscores`,
    );
  }
  return { ok: true, value: normalized };
}

/**
 * Length bounds only (counted in code points): long passphrases are the best passwords, and
 * composition rules mostly make them worse. The upper bound keeps hashing cheap to request.
 */
export function checkPassword(password: string, settings: CredentialSettings): UserResult<string> {
  const length = [...password].length;
  const { PASSWORD_LENGTH_MIN: min, PASSWORD_LENGTH_MAX: max } = settings;
  if (length < min || length > max) {
    return userError('auth/invalid-password', `a password has ${min} to ${max} characters`);
  }
  return { ok: true, value: password };
}
