import type { CodeIn } from '../errors/error-codes.js';
import { type DomainError, fail, type Result } from '../errors/result.js';

/**
 * What a ledger operation answers: a typed value or a typed refusal, never a thrown database error.
 * Codes are stable and namespaced; clients and the HTTP layer branch on them.
 */
export type LedgerErrorCode = CodeIn<'ledger'>;

export type LedgerError = DomainError<LedgerErrorCode>;

/**
 * The ledger's Result. On success it also says whether an earlier request with the same
 * idempotency key made this movement (`replayed`: nothing moved this time).
 */
export type LedgerResult<T> =
  | { readonly ok: true; readonly value: T; readonly replayed: boolean }
  | Extract<Result<T, LedgerError>, { ok: false }>;

export function ledgerError(code: LedgerErrorCode, message: string, cause?: unknown) {
  return fail(code, message, cause);
}

/**
 * Thrown inside a transaction to roll it back with a refusal; the runner turns it back into a value.
 * Only the ledger's own code throws it.
 */
export class LedgerRefusal extends Error {
  constructor(readonly refusal: LedgerError) {
    super(refusal.message);
    this.name = 'LedgerRefusal';
  }
}

export function refuse(code: LedgerErrorCode, message: string): never {
  throw new LedgerRefusal({ code, message });
}
