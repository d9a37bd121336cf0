/**
 * EVERY error code of the server, in one list: what a client can receive over HTTP or a socket,
 * and what the layers below hand each other before a code is mapped for a client. Codes are
 * stable and namespaced: clients branch on them, so a code is never renamed or reused for another
 * meaning (add a new one instead). Each code's HTTP status is in src/http/error-mapping.ts, in a
 * table the compiler checks for completeness against this list.
 */
export const ERROR_CODES = [
  // Amounts (src/money): a malformed or out-of-range decimal string.
  'money/not-a-string',
  'money/malformed',
  'money/negative',
  'money/zero',
  'money/too-many-decimals',
  'money/too-large',
  'money/not-a-multiple-of-unit',

  // The rules engine's violations (src/engine); the table maps them to table/* for players.
  'engine/invalid-setup',
  'engine/hand-complete',
  'engine/not-your-turn',
  'engine/unknown-player',
  'engine/unknown-action',
  'engine/amount-required',
  'engine/amount-not-integer',
  'engine/amount-too-small',
  'engine/amount-too-large',
  'engine/cannot-check',
  'engine/cannot-fold',
  'engine/nothing-to-call',
  'engine/bet-not-allowed',
  'engine/raise-not-allowed',
  /** runOut on a hand that is not waiting for its board to run out. */
  'engine/no-runout-pending',
  /** The board runs once or, where the table allows it, twice. */
  'engine/invalid-runs',
  /** A bet or raise nobody could answer: every other player is all-in or covered by the current bet. */
  'engine/raise-uncallable',

  // Reading and replaying hand histories (src/engine/phh).
  'phh/toml-syntax',
  'phh/invalid-field',
  'phh/unsupported-variant',
  'phh/bad-amount',
  'phh/bad-action',
  'phh/unsupported-action',
  'phh/unknown-player',
  'phh/bad-cards',
  'phh/duplicate-card',
  'phh/card-conflict',
  'phh/street-mismatch',
  'phh/incomplete-hand',

  // The table actor and its rules (src/tables).
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
  /** An action quoting a deal (deck commitment) other than the one being played: never applied to it. */
  'table/wrong-deal',
  /** An answer about running the board twice when no board waits to run out. */
  'table/no-runout',
  /** This table does not let the players run the board twice. */
  'table/no-run-it-twice',
  /** The player already answered whether to run the board twice. */
  'table/already-decided',
  'table/illegal-action',
  'table/invalid-amount',
  'table/buy-in-out-of-range',
  'table/top-up-out-of-range',
  'table/top-up-in-progress',
  'table/reservation-expired',
  'table/already-sitting-out',
  'table/not-sitting-out',
  'table/already-leaving',
  /** table:sit-in with no chips at the table: rebuy (table:top-up) first. */
  'table/no-chips',
  /** table:post-blind from a player who is dealt in anyway, or sits out. */
  'table/not-waiting-for-big-blind',
  /** At a tournament table the director seats and moves players: no sit, leave, top-up or post. */
  'table/tournament-seating',
  /** A tournament director's command to a cash table. */
  'table/not-a-tournament',
  /** A player dealt into the hand being played cannot be removed until it ends. */
  'table/player-in-hand',
  /** A tournament level, stack or info the table cannot use (not whole chips, blinds out of order). */
  'table/invalid-tournament-value',
  /** A tournament table is closed only once nobody is seated at it. */
  'table/not-empty',

  // Table chat (src/realtime): never through the table's game or money.
  /** chat:send for a table this socket does not watch (table:join first). */
  'chat/not-watching',
  /** Longer than CHAT_MESSAGE_MAX_CHARS. */
  'chat/too-long',
  /** More lines than CHAT_BURST at once, or than CHAT_MESSAGES_PER_MINUTE over time. */
  'chat/rate-limited',

  // Money movements (src/ledger).
  /** The wallet (or escrow) holds less than the amount. */
  'ledger/insufficient-funds',
  /** The idempotency key was used before for a different request. */
  'ledger/idempotency-conflict',
  'ledger/unknown-account',
  'ledger/unknown-table',
  'ledger/unknown-seat',
  'ledger/seat-taken',
  'ledger/already-seated',
  'ledger/not-seated',
  /** The caller's owner epoch is not the table's: another node owns the table now. */
  'ledger/stale-epoch',
  /** The hand number is not the one the table expects (out of order, or the table moved on). */
  'ledger/stale-hand',
  /** A settlement that does not conserve the chips in escrow, or names the wrong seats. */
  'ledger/settlement-mismatch',
  'ledger/table-closed',
  'ledger/table-not-empty',
  'ledger/buy-in-out-of-range',
  /** Not a positive amount of at most 12 integer digits and 8 decimals, or not in the chip unit. */
  'ledger/invalid-amount',
  'ledger/invalid-request',
  // Tournament money (src/ledger/tournament-transactions.ts).
  'ledger/unknown-tournament',
  /** No such entry in this tournament. */
  'ledger/unknown-entry',
  /** Registering or unregistering when the tournament does not take it (started, late registration over, ended). */
  'ledger/tournament-registration-closed',
  /** Prizes, deals and the finish wait for registration to close: until then the prize pool is not final. */
  'ledger/tournament-registration-open',
  'ledger/tournament-full',
  /** The player has bought as many entries as the tournament allows (re-entries included). */
  'ledger/tournament-entry-limit',
  /** The player holds a live entry (registered or playing): a re-entry follows an elimination. */
  'ledger/tournament-already-registered',
  'ledger/tournament-not-registered',
  /** The operation does not fit the tournament's status (starting a running one, cancelling a started one...). */
  'ledger/tournament-wrong-status',
  'ledger/tournament-too-few-entrants',
  /** The payouts asked for exceed what the prize pool holds: nothing is paid. */
  'ledger/tournament-pool-short',
  /** A tournament finishes only with its prize pool paid out to the last unit. */
  'ledger/tournament-pool-not-empty',
  /** A tournament finishes only when every entry has its finishing place. */
  'ledger/tournament-entries-in-play',
  /** The entry already finished (or took a deal share) with other figures, or is not playing. */
  'ledger/tournament-prize-conflict',
  /** The director's state moved on since the version it read (compare-and-swap): read it again. */
  'ledger/tournament-state-conflict',
  /** Contention outlasted the retries (lock waits, deadlocks, a full pool): safe to retry later. */
  'ledger/busy',
  /** The database could not be reached or the connection broke; the outcome is unknown, and a
   * retry with the same idempotency key settles it. */
  'ledger/unavailable',
  /** The database refused a write our own checks should have refused first: a bug, nothing moved. */
  'ledger/constraint-violation',
  'ledger/failed',

  // Accounts and sessions (src/users, src/http).
  'auth/unauthenticated',
  'auth/invalid-session',
  'auth/session-expired',
  'auth/session-revoked',
  'auth/invalid-credentials',
  'auth/forbidden',
  /** An administrator disabled the account: logins, sessions and sockets are refused. */
  'auth/account-disabled',
  'auth/username-taken',
  'auth/invalid-username',
  'auth/invalid-password',
  'users/not-found',
  'users/not-a-player',
  'users/bootstrap-failed',

  // Hand histories over HTTP (src/http).
  'hands/not-found',
  /** The hand was void: it has no history to download (its proof is in GET /api/hands/{id}). */
  'hands/voided',

  // The socket gateway (src/realtime).
  'realtime/unauthenticated',
  'realtime/forbidden',
  'realtime/invalid-payload',
  'realtime/payload-too-large',
  'realtime/unknown-event',
  'realtime/rate-limited',
  'realtime/missing-ack',
  /** This client address, or this user, has as many open sockets as allowed. */
  'realtime/too-many-connections',

  // HTTP requests (src/http).
  'request/not-found',
  'request/bad-request',
  'request/malformed-json',
  'request/body-too-large',
  'request/unsupported-media-type',
  'request/rate-limited',
  'validation/invalid-request',
  'validation/idempotency-key-required',
  'validation/idempotency-key-mismatch',
  /** A dependency (the database) does not answer: try again later. */
  'service/unavailable',

  // Several nodes (src/cluster).
  /** The node that runs the table did not answer in time (it may be moving). */
  'cluster/owner-unreachable',
  'cluster/timeout',

  // The tournament director and its rules (src/tournaments).
  /** Registration is not open: before it opens, after late registration, or a finished tournament. */
  'tournament/registration-closed',
  'tournament/already-registered',
  'tournament/not-registered',
  /** The player has used every entry the tournament allows (re-entry limit). */
  'tournament/entries-exhausted',
  'tournament/full',
  /** The event needs a running tournament (a hand report, a deal), or one not yet started. */
  'tournament/not-running',
  'tournament/unknown-table',
  /** An event the director cannot take (a negative time step, say). */
  'tournament/invalid-event',
  /** A table's hand report does not match the director's seats and stacks: never applied. */
  'tournament/hand-mismatch',
  'tournament/invalid-deal',
  /** An ICM deal is computed exactly for a bounded number of players (it is exponential). */
  'tournament/deal-too-many-players',
  /** A deal is answered by the players still in, each once. */
  'tournament/not-in-deal',
  /** A deal is already being talked about: one at a time. */
  'tournament/deal-pending',
  'tournament/deal-already-answered',
  /** The offer answered is not the one open (an older offer, or not open yet, or over). */
  'tournament/deal-stale',
  /** The node that directs the tournament (in a cluster) did not answer in time: try again. */
  'tournament/director-unreachable',

  // Start-up and the command-line tools (src/cli).
  'config/invalid',
  'cli/no-such-path',
  'cli/not-a-phh-file',

  // Anything unexpected: the details are logged, never sent.
  'internal/error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes of one namespace, e.g. `CodeIn<'money'>` is 'money/malformed' | 'money/negative' | ... */
export type CodeIn<Namespace extends string> = Extract<ErrorCode, `${Namespace}/${string}`>;

const known = new Set<string>(ERROR_CODES);

export function isErrorCode(code: string): code is ErrorCode {
  return known.has(code);
}
