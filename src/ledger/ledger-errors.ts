/**
 * What a ledger operation answers: a typed value or a typed refusal, never a thrown database error.
 * Codes are stable and namespaced; clients and the HTTP layer branch on them.
 */
export type LedgerErrorCode =
  /** The wallet (or escrow) holds less than the amount. */
  | 'ledger/insufficient-funds'
  /** The idempotency key was used before for a different request. */
  | 'ledger/idempotency-conflict'
  | 'ledger/unknown-account'
  | 'ledger/unknown-table'
  | 'ledger/unknown-seat'
  | 'ledger/seat-taken'
  | 'ledger/already-seated'
  | 'ledger/not-seated'
  /** The caller's owner epoch is not the table's: another node owns the table now. */
  | 'ledger/stale-epoch'
  /** The hand number is not the one the table expects (out of order, or the table moved on). */
  | 'ledger/stale-hand'
  /** A settlement that does not conserve the chips in escrow, or names the wrong seats. */
  | 'ledger/settlement-mismatch'
  | 'ledger/table-closed'
  | 'ledger/table-not-empty'
  | 'ledger/buy-in-out-of-range'
  /** Not a positive amount of at most 12 integer digits and 8 decimals, or not a multiple of the chip unit. */
  | 'ledger/invalid-amount'
  | 'ledger/invalid-request'
  /** Contention outlasted the retries (lock waits, deadlocks, a full pool): safe to retry later. */
  | 'ledger/busy'
  /** The database could not be reached, or the connection broke; the outcome is then unknown, and a
   * retry with the same idempotency key settles it. */
  | 'ledger/unavailable'
  /** The database refused a write our own checks should have refused first: a bug, nothing moved. */
  | 'ledger/constraint-violation'
  | 'ledger/failed';

export interface LedgerError {
  readonly code: LedgerErrorCode;
  readonly message: string;
  /** The underlying error, for logs only (never sent to a client). */
  readonly cause?: unknown;
}

export type LedgerResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** True when an earlier call with the same idempotency key produced this result. */
      readonly replayed: boolean;
    }
  | { readonly ok: false; readonly error: LedgerError };

export function ledgerError(code: LedgerErrorCode, message: string, cause?: unknown): LedgerResult<never> {
  return { ok: false, error: cause === undefined ? { code, message } : { code, message, cause } };
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
