import type { FastifyReply } from 'fastify';
import { searchPlayers } from '../../db/queries/player-queries.js';
import type { LedgerResult } from '../../ledger/ledger-errors.js';
import type { WalletMovement } from '../../ledger/transactions.js';
import { formatAmount, parseAmount } from '../../money/amount.js';
import { Money } from '../../money/decimal.js';
import {
  CashierMovementBody,
  CashierMovementResponse,
  IdempotencyHeaders,
  PlayerSearchQuery,
  PlayerSearchResponse,
} from '../../protocol/http-cashier.js';
import { errorResponses } from '../../protocol/http-common.js';
import { findUserByUsername } from '../../users/accounts.js';
import { ApiError, unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, requireRole } from '../auth-guard.js';

/**
 * The one idempotency key of a money request: the Idempotency-Key header or the body field. A
 * request without one is refused: a cashier's retry after a timeout must never pay twice.
 */
function idempotencyKeyOf(header: string | undefined, body: string | undefined): string {
  if (header !== undefined && body !== undefined && header !== body) {
    throw new ApiError(
      'validation/idempotency-key-mismatch',
      'the Idempotency-Key header and body field differ',
    );
  }
  const key = header ?? body;
  if (key === undefined) {
    throw new ApiError(
      'validation/idempotency-key-required',
      'send an Idempotency-Key header (or an idempotencyKey field), such as a fresh UUID',
    );
  }
  return key;
}

/** The amount as Money within a limit; the wire format itself was checked by the schema. */
function amountWithin(text: string, max: string): Money {
  return unwrap(parseAmount(text, { max: new Money(max) }));
}

/** What sets a deposit apart from a withdrawal. */
interface MovementRoute {
  readonly url: '/api/cashier/deposits' | '/api/cashier/withdrawals';
  readonly summary: string;
  readonly description: string;
  readonly logMessage: 'deposit' | 'withdrawal';
  /** The largest amount one request may move (a decimal string from the config). */
  readonly amountMax: string;
  /** The ledger operation, idempotent by `key`. */
  readonly move: (request: {
    userId: string;
    amount: Money;
    key: string;
  }) => Promise<LedgerResult<WalletMovement>>;
}

function markReplay(reply: FastifyReply, replayed: boolean) {
  // The body of a replay is the first answer, unchanged; this header says it is a replay.
  if (replayed) void reply.header('idempotent-replayed', 'true');
}

export function registerCashierRoutes(app: ZodApp, context: AppContext) {
  const { config, database, ledger, metrics, moneyRateLimit } = context;
  const preParsing = [authenticate(database, config.SESSION_COOKIE_NAME), requireRole('cashier')];

  /** The player a cashier names: only players hold money through the cashier. */
  async function playerNamed(username: string) {
    const user = await findUserByUsername(database, username);
    if (!user) throw new ApiError('users/not-found', 'no player with this username');
    if (user.role !== 'player')
      throw new ApiError('users/not-a-player', 'only players have cashier movements');
    return user;
  }

  /**
   * A deposit or a withdrawal: the same route but for its path, its words, its limit and the
   * ledger operation it calls.
   */
  function registerMovement(movement: MovementRoute) {
    app.post(
      movement.url,
      {
        preParsing,
        preValidation: [moneyRateLimit],
        schema: {
          tags: ['cashier'],
          summary: movement.summary,
          description: movement.description,
          security: [{ bearer: [] }],
          headers: IdempotencyHeaders,
          body: CashierMovementBody,
          response: { 201: CashierMovementResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const key = idempotencyKeyOf(request.headers['idempotency-key'], request.body.idempotencyKey);
        const amount = amountWithin(request.body.amount, movement.amountMax);
        const player = await playerNamed(request.body.username);
        const result = await movement.move({ userId: player.id, amount, key });
        const moved = unwrap(result);
        const replayed = result.ok && result.replayed;
        if (!replayed) metrics.moneyMoved(movement.logMessage, amount);
        request.log.info(
          {
            cashier: request.auth?.user.id,
            player: player.id,
            amount: formatAmount(amount),
            replayed,
          },
          movement.logMessage,
        );
        markReplay(reply, replayed);
        return reply.code(201).send({
          transferId: moved.transferId,
          username: player.username,
          amount: formatAmount(moved.amount),
          walletBalance: formatAmount(moved.walletBalance),
        });
      },
    );
  }

  registerMovement({
    url: '/api/cashier/deposits',
    summary: "Buy chips for a player: the outside world pays, the player's wallet is credited",
    description:
      'Idempotent: the same Idempotency-Key with the same request returns the first result (header ' +
      'Idempotent-Replayed: true) and moves nothing; with a different request it is refused (422).',
    logMessage: 'deposit',
    amountMax: config.DEPOSIT_AMOUNT_MAX,
    move: ({ userId, amount, key }) => ledger.buyChips({ userId, amount, reference: key }),
  });

  registerMovement({
    url: '/api/cashier/withdrawals',
    summary: "Pay a player out: the player's wallet is debited, never below zero",
    description: 'Idempotent by Idempotency-Key, as deposits are.',
    logMessage: 'withdrawal',
    amountMax: config.WITHDRAWAL_AMOUNT_MAX,
    move: ({ userId, amount, key }) => ledger.withdraw({ userId, amount, requestId: key }),
  });

  app.get(
    '/api/cashier/players',
    {
      preParsing,
      schema: {
        tags: ['cashier'],
        summary: 'Find players by part of their username',
        security: [{ bearer: [] }],
        querystring: PlayerSearchQuery,
        response: { 200: PlayerSearchResponse, ...errorResponses },
      },
    },
    async (request) => ({
      players: (await searchPlayers(database, request.query.query, config.PAGE_LIMIT_DEFAULT)).map(
        (player) => ({
          id: player.id,
          username: player.username,
          balance: formatAmount(player.balance),
          createdAt: player.createdAt.toISOString(),
        }),
      ),
    }),
  );
}
