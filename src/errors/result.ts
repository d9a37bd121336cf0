import type { ErrorCode } from './error-codes.js';

/**
 * The one result shape of the server: a value, or an error as data. Every layer answers with it
 * (the engine's rule violations, money parsing, the ledger, accounts, PHH) rather than throwing
 * on what a caller or a client got wrong.
 */
export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

/** An error as data: a stable code from the one list, and a message for people. */
export interface DomainError<Code extends ErrorCode = ErrorCode> {
  readonly code: Code;
  readonly message: string;
  /** What went wrong underneath, for the log only: never sent to a client. */
  readonly cause?: unknown;
}

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail<Code extends ErrorCode>(
  code: Code,
  message: string,
  cause?: unknown,
): { readonly ok: false; readonly error: DomainError<Code> } {
  return { ok: false, error: cause === undefined ? { code, message } : { code, message, cause } };
}
