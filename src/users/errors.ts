/** Errors of accounts and sessions: values with stable codes, mapped to HTTP in src/http/error-mapping.ts. */
export type UserErrorCode =
  | 'auth/invalid-username'
  | 'auth/invalid-password'
  | 'auth/username-taken'
  | 'auth/invalid-credentials'
  | 'auth/invalid-session'
  | 'auth/session-expired'
  | 'auth/session-revoked';

export interface UserError {
  readonly code: UserErrorCode;
  readonly message: string;
}

export type UserResult<T> = { ok: true; value: T } | { ok: false; error: UserError };

export function userError(code: UserErrorCode, message: string): { ok: false; error: UserError } {
  return { ok: false, error: { code, message } };
}
