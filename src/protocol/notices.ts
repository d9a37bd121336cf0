import type { ErrorCode } from './error-codes.js';

/**
 * Something that happened to one user or one table that a view alone would not explain: a top-up
 * that failed after the hand, being sat out for missed turns, a voided hand, a halted table.
 */
export type NoticeKind =
  | 'top-up-applied'
  | 'top-up-failed'
  | 'cashed-out'
  | 'sat-out-missed-turns'
  /** Disconnected past the grace period: sat out, the seat kept (told when they come back). */
  | 'sat-out-away'
  | 'seat-released'
  | 'hand-voided'
  | 'table-halted';

export interface TableNotice {
  readonly tableId: string;
  readonly kind: NoticeKind;
  readonly message: string;
  readonly code?: ErrorCode;
}

/** Sent just before the server closes a socket (for example, a repeat rate-limit offender). */
export interface SystemError {
  readonly code: ErrorCode;
  readonly message: string;
}
