import { Money } from '../../money/index.js';
import { errorResponses } from '../../protocol/http-common.js';
import {
  TournamentDealAnswerBody,
  TournamentDealProposeBody,
  TournamentDealResponse,
  TournamentParams,
} from '../../protocol/http-tournaments.js';
import { ApiError, unwrap } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, requireRole, sessionOf } from '../auth-guard.js';

/**
 * Deals at a final table (issue 17): read the deal, propose one, answer it. The node that directs
 * the tournament holds the deal (tournament-runner.ts; another node forwards the request there over
 * the cluster bus); what is paid, the ledger pays there.
 */
export function registerTournamentDealRoutes(app: ZodApp, context: AppContext) {
  const { config, database, tournamentLifecycle } = context;
  const players = [authenticate(database, config.SESSION_COOKIE_NAME), requireRole('player')];
  const live = () => {
    if (!tournamentLifecycle) throw new ApiError('tournament/not-running', 'no tournament runs here');
    return tournamentLifecycle;
  };

  app.get(
    '/api/tournaments/:id/deal',
    {
      preParsing: players,
      schema: {
        tags: ['tournaments'],
        summary: 'The deal talked about at the final table (or the last one): both offers and the answers',
        security: [{ bearer: [] }],
        params: TournamentParams,
        response: { 200: TournamentDealResponse, ...errorResponses },
      },
    },
    async (request) => ({ deal: unwrap(await live().deal(request.params.id, sessionOf(request).user.id)) }),
  );

  app.post(
    '/api/tournaments/:id/deal',
    {
      preParsing: players,
      schema: {
        tags: ['tournaments'],
        summary:
          'Propose a deal at the final table (a player still in): dealing stops; the offers open when the hand in play ends',
        security: [{ bearer: [] }],
        params: TournamentParams,
        body: TournamentDealProposeBody,
        response: { 200: TournamentDealResponse, ...errorResponses },
      },
    },
    async (request) => {
      const userId = sessionOf(request).user.id;
      const left = new Money(request.body.leftToPlayFor ?? '0');
      const deal = unwrap(await live().proposeDeal(request.params.id, userId, left));
      request.log.info({ tournamentId: request.params.id, userId, offerId: deal.offerId }, 'deal proposed');
      return { deal };
    },
  );

  app.post(
    '/api/tournaments/:id/deal/answer',
    {
      preParsing: players,
      schema: {
        tags: ['tournaments'],
        summary:
          'Accept the open offer by one method, or decline it; paid when every player accepted the same method',
        security: [{ bearer: [] }],
        params: TournamentParams,
        body: TournamentDealAnswerBody,
        response: { 200: TournamentDealResponse, ...errorResponses },
      },
    },
    async (request) => {
      const userId = sessionOf(request).user.id;
      const { offerId, answer } = request.body;
      const deal = unwrap(await live().answerDeal(request.params.id, userId, offerId, answer));
      request.log.info({ tournamentId: request.params.id, userId, offerId, answer }, 'deal answered');
      return { deal };
    },
  );
}
