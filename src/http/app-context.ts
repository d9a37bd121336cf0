import type {
  FastifyBaseLogger,
  FastifyInstance,
  preHandlerAsyncHookHandler,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Result } from '../errors/result.js';
import type { LedgerResult } from '../ledger/ledger-errors.js';
import type { TournamentLedger, TournamentRegistration } from '../ledger/tournament-transactions.js';
import type { Ledger } from '../ledger/transactions.js';
import type { Money } from '../money/index.js';
import type { PokerMetrics } from '../observability/metrics.js';
import type { TournamentDealAnswerBody, TournamentDealOut } from '../protocol/http-tournaments.js';
import type { SessionEnds } from './session-ends.js';

/** The Fastify instance routes are declared on: zod schemas type every request and response. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What the HTTP side tells the live tables when an admin opens or closes a table, so a new table
 * is playable at once and a closed one stops. main.ts connects it to the table service; without
 * it (HTTP-only tests) tables are only loaded at the next start.
 */
export interface TableLifecycle {
  opened(tableId: string): Promise<void>;
  closed(tableId: string): Promise<void>;
  /** An admin halts a live table (wherever it runs); false when it is not live. */
  halted(tableId: string, reason: string): Promise<boolean>;
}

/**
 * What the HTTP side tells the live tournaments (src/realtime/tournament-service.ts): an entry was
 * bought (a full Sit & Go starts, a late entry is seated), a tournament was cancelled (its players
 * are told). Without it (HTTP-only tests) nothing runs live.
 */
export interface TournamentLifecycle {
  registered(tournamentId: string, userId: string, ledgerEntryId: string): Promise<void>;
  /**
   * A running tournament directed here takes a late entry through its director (which buys it
   * in the ledger and seats it in one turn); null when none runs here (then the ledger answers).
   */
  lateEntry(
    tournamentId: string,
    userId: string,
    idempotencyKey: string,
  ): Promise<LedgerResult<TournamentRegistration>> | null;
  cancelled(tournamentId: string): Promise<void>;
  /**
   * An admin cancels a RUNNING tournament: its director stops play and pays the players still in
   * their share of the pool (tournament-runner.ts, cancel); `tournament/not-running` when no node
   * directs it now.
   */
  cancelRunning(tournamentId: string): Promise<Result<void>>;
  /**
   * Deals at a final table (tournament-runner.ts), run where the tournament is directed (forwarded
   * in a cluster); `tournament/not-running` when no node directs it.
   */
  deal(tournamentId: string, userId: string): Promise<Result<TournamentDealOut | null>>;
  proposeDeal(tournamentId: string, userId: string, leftToPlayFor: Money): Promise<Result<TournamentDealOut>>;
  answerDeal(
    tournamentId: string,
    userId: string,
    offerId: string,
    answer: TournamentDealAnswerBody['answer'],
  ): Promise<Result<TournamentDealOut>>;
}

/** What every route module receives. */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  /** Every money movement goes through the ledger; routes only read, through db's query modules. */
  readonly ledger: Ledger;
  /** Per-user limit shared by every route that moves money (deposits, withdrawals). */
  readonly moneyRateLimit: preHandlerAsyncHookHandler;
  readonly tableLifecycle: TableLifecycle | undefined;
  /** Every tournament money movement (registration, refunds) goes through it. */
  readonly tournamentLedger: TournamentLedger;
  readonly tournamentLifecycle: TournamentLifecycle | undefined;
  /** Ends login sessions, and their sockets with them (session-ends.ts). */
  readonly sessions: SessionEnds;
  /** Counts what the routes do (money moved by the cashier, among others). */
  readonly metrics: PokerMetrics;
}
