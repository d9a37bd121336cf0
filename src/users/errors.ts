import type { CodeIn } from '../errors/error-codes.js';
import { type DomainError, fail, type Result } from '../errors/result.js';

/** Errors of accounts and sessions: the auth/* codes of the one list, as values. */
export type UserErrorCode = CodeIn<'auth'>;

export type UserError = DomainError<UserErrorCode>;

export type UserResult<T> = Result<T, UserError>;

export function userError(code: UserErrorCode, message: string) {
  return fail(code, message);
}
