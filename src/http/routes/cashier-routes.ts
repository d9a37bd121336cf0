import type { FastifyReply } from 'fastify';
import { Role } from '../../ledger/generated/prisma/enums.js';
import { formatAmount, parseAmount } from '../../money/amount.js';
import { Money } from '../../money/decimal.js';
import { normalizeUsername } from '../../users/credential-rules.js';
import { ApiError, unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, requireRole } from '../auth-guard.js';
import { searchPlayers } from '../queries/player-queries.js';
import {
  CashierMovementBody,
  CashierMovementResponse,
  IdempotencyHeaders,
  PlayerSearchQuery,
  PlayerSearchResponse,
} from '../schemas/cashier.js';
import { errorResponses } from '../schemas/common.js';

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

function markReplay(reply: FastifyReply, replayed: boolean) {
  // The body of a replay is the first answer, unchanged; this header says it is a replay.
  if (replayed) void reply.header('idempotent-replayed', 'true');
}

export function registerCashierRoutes(app: ZodApp, context: AppContext) {
  const { config, prisma, ledger, moneyRateLimit } = context;
  const preParsing = [authenticate(prisma, config.SESSION_COOKIE_NAME), requireRole('cashier')];

  /** The player a cashier names: only players hold money through the cashier. */
  async function playerNamed(username: string) {
    const user = await prisma.user.findUnique({ where: { username: normalizeUsername(username) } });
    if (!user) throw new ApiError('users/not-found', 'no player with this username');
    if (user.role !== Role.PLAYER)
      throw new ApiError('users/not-a-player', 'only players have cashier movements');
    return user;
  }

  app.post(
    '/api/cashier/deposits',
    {
      preParsing,
      preValidation: [moneyRateLimit],
      schema: {
        tags: ['cashier'],
        summary: "Buy chips for a player: the outside world pays, the player's wallet is credited",
        description:
          'Idempotent: the same Idempotency-Key with the same request returns the first result (header ' +
          'Idempotent-Replayed: true) and moves nothing; with a different request it is refused (422).',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: CashierMovementBody,
        response: { 201: CashierMovementResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], request.body.idempotencyKey);
      const amount = amountWithin(request.body.amount, config.DEPOSIT_AMOUNT_MAX);
      const player = await playerNamed(request.body.username);
      const result = await ledger.buyChips({ userId: player.id, amount, reference: key });
      const movement = unwrap(result);
      request.log.info(
        {
          cashier: request.auth?.user.id,
          player: player.id,
          amount: formatAmount(amount),
          replayed: result.ok && result.replayed,
        },
        'deposit',
      );
      markReplay(reply, result.ok && result.replayed);
      return reply.code(201).send({
        transferId: movement.transferId,
        username: player.username,
        amount: formatAmount(movement.amount),
        walletBalance: formatAmount(movement.walletBalance),
      });
    },
  );

  app.post(
    '/api/cashier/withdrawals',
    {
      preParsing,
      preValidation: [moneyRateLimit],
      schema: {
        tags: ['cashier'],
        summary: "Pay a player out: the player's wallet is debited, never below zero",
        description: 'Idempotent by Idempotency-Key, as deposits are.',
        security: [{ bearer: [] }],
        headers: IdempotencyHeaders,
        body: CashierMovementBody,
        response: { 201: CashierMovementResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], request.body.idempotencyKey);
      const amount = amountWithin(request.body.amount, config.WITHDRAWAL_AMOUNT_MAX);
      const player = await playerNamed(request.body.username);
      const result = await ledger.withdraw({ userId: player.id, amount, requestId: key });
      const movement = unwrap(result);
      request.log.info(
        {
          cashier: request.auth?.user.id,
          player: player.id,
          amount: formatAmount(amount),
          replayed: result.ok && result.replayed,
        },
        'withdrawal',
      );
      markReplay(reply, result.ok && result.replayed);
      return reply.code(201).send({
        transferId: movement.transferId,
        username: player.username,
        amount: formatAmount(movement.amount),
        walletBalance: formatAmount(movement.walletBalance),
      });
    },
  );

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
      players: await searchPlayers(prisma, request.query.query, config.PAGE_LIMIT_DEFAULT),
    }),
  );
}
