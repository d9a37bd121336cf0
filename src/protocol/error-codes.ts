/**
 * Every error code a client can receive, in one list. Codes are stable and namespaced: clients
 * branch on them, so a code is never renamed or reused for another meaning (add a new one instead).
 */
export const ERROR_CODES = [
  // The table actor and its rules.
  'table/not-found',
  'table/mailbox-full',
  'table/halted',
  'table/closing',
  'table/invalid-seat',
  'table/seat-taken',
  'table/already-seated',
  'table/not-seated',
  'table/not-in-hand',
  'table/no-hand-in-progress',
  'table/not-your-turn',
  'table/stale-action',
  'table/illegal-action',
  'table/invalid-amount',
  'table/buy-in-out-of-range',
  'table/top-up-out-of-range',
  'table/top-up-in-progress',
  'table/reservation-expired',
  'table/already-sitting-out',
  'table/not-sitting-out',
  'table/already-leaving',
  // Money movements the ledger refused.
  'ledger/insufficient-funds',
  'ledger/failed',
  // The socket gateway.
  'realtime/unauthenticated',
  'realtime/forbidden',
  'realtime/invalid-payload',
  'realtime/payload-too-large',
  'realtime/unknown-event',
  'realtime/rate-limited',
  'realtime/missing-ack',
  // Anything unexpected: the details are logged, never sent.
  'internal/error',
  // Several nodes: the node that runs the table did not answer in time (it may be moving).
  'cluster/owner-unreachable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProtocolError {
  readonly code: ErrorCode;
  readonly message: string;
}

const known = new Set<string>(ERROR_CODES);

export function isErrorCode(code: string): code is ErrorCode {
  return known.has(code);
}
