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

/**
 * What a tournament tells one of its players, on every socket of theirs (they need not watch a
 * table): where they sit (on the start, after a move), that they are out, the end. The table view's
 * own `tournament` block carries the level, the blinds, the rank and the players left.
 */
export type TournamentNoticeKind = 'seated' | 'moved' | 'eliminated' | 'finished' | 'cancelled';

export interface TournamentNotice {
  readonly tournamentId: string;
  readonly kind: TournamentNoticeKind;
  /** seated, moved: the table to join (`table:join`) and the seat there. */
  readonly tableId: string | null;
  readonly seat: number | null;
  /** eliminated, finished: the finishing place and the prize paid (decimal string, "0" out of the money). */
  readonly place: number | null;
  readonly prize: string | null;
  readonly message: string;
}
