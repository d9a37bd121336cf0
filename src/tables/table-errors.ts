import type { RuleViolation } from '../engine/hand-types.js';
import type { Ack } from '../protocol/ack.js';
import type { ErrorCode } from '../protocol/error-codes.js';

/** What every actor command resolves to: the ack shape itself, so the gateway passes it through. */
export type TableResult<T> = Ack<T>;

export function tableError(code: ErrorCode, message: string): TableResult<never> {
  return { ok: false, error: { code, message } };
}

/** Engine rule violations, mapped to the protocol's stable codes. */
export function violationToError(violation: RuleViolation): TableResult<never> {
  switch (violation.code) {
    case 'engine/not-your-turn':
      return tableError('table/not-your-turn', violation.message);
    case 'engine/hand-complete':
      return tableError('table/no-hand-in-progress', violation.message);
    case 'engine/unknown-player':
      return tableError('table/not-in-hand', violation.message);
    case 'engine/amount-required':
    case 'engine/amount-not-integer':
    case 'engine/amount-too-small':
    case 'engine/amount-too-large':
      return tableError('table/invalid-amount', violation.message);
    default:
      return tableError('table/illegal-action', violation.message);
  }
}

/** Ledger failures: the few a player can act on keep their code, the rest are one generic code. */
export function ledgerFailure(error: { code: string; message: string }): TableResult<never> {
  switch (error.code) {
    case 'ledger/insufficient-funds':
      return tableError('ledger/insufficient-funds', error.message);
    case 'ledger/seat-taken':
      return tableError('table/seat-taken', error.message);
    case 'ledger/already-seated':
      return tableError('table/already-seated', error.message);
    case 'ledger/buy-in-out-of-range':
      return tableError('table/buy-in-out-of-range', error.message);
    case 'ledger/stale-epoch':
      return tableError('table/halted', 'this table moved to another server; join it again');
    default:
      return tableError('ledger/failed', 'the cashier could not complete this; try again');
  }
}
