import { z } from 'zod';
import { findPlayerHand, type HandRecord, listPlayerHands } from '../../db/queries/hand-queries.js';
import { GAME_VARIANTS, type GameVariant } from '../../engine/hand-types.js';
import { parsePhh } from '../../engine/phh/phh-parse.js';
import { serializePhh } from '../../engine/phh/phh-serialize.js';
import { shownHandsOf } from '../../engine/phh/phh-shown-hands.js';
import { proofOfStoredHand, proofOfVoidedHand } from '../../fairness/history-deck-proof.js';
import { redactHistory } from '../../fairness/history-redaction.js';
import { formatAmount, fromUnits } from '../../money/index.js';
import { errorResponses, pageQuery } from '../../protocol/http-common.js';
import { HandListResponse, HandParams, HandResponse, type HandSummary } from '../../protocol/http-hands.js';
import { ApiError } from '../api-error.js';
import type { AppContext, ZodApp } from '../app-context.js';
import { authenticate, sessionOf } from '../auth-guard.js';

/**
 * The hand history of the logged-in player: their hands, newest first, and any one of them as
 * JSON or as PHH text. A player sees only hands they were dealt into, and in those only what a
 * player at the table saw: their own cards, the board, and the cards shown (mucked cards stay
 * hidden). With one hand comes its deck proof, the same the player received at the end of the
 * hand: all 52 leaf hashes and the openings of just those cards, which `npm run verify:deck --
 * --proof` checks against the commitment. The complete record (every card, the deck and its
 * salts) stays in the database for audit (npm run verify:deck -- --hand).
 *
 * A voided hand is listed too, marked as such: it has no history (no chip moved), and its proof
 * opens the player's own hole cards and the five board positions, which covers whatever part of
 * the board was dealt before the hand stopped (board cards are nobody's secret; the other players'
 * hole cards stay closed).
 */

/**
 * The result record a table stores with each hand (src/tables/hand-loop.ts): its seating from the
 * deal on, and the final stacks and rake once settled. A voided hand has no final stacks.
 */
const StoredResult = z.object({
  userIds: z.array(z.string()),
  buttonSeat: z.number().int(),
  seats: z.array(z.number().int()),
  startingStacks: z.array(z.number().int()),
  finalStacks: z.array(z.number().int()).optional(),
  rake: z.number().int().optional(),
  // Hands recorded before tables had a game were Hold'em.
  variant: z.enum(GAME_VARIANTS as [GameVariant, ...GameVariant[]]).default('NT'),
});

function summarize(row: HandRecord, userId: string): { summary: HandSummary; position: number } | null {
  const parsed = StoredResult.safeParse(row.result);
  if (!parsed.success) return null;
  const result = parsed.data;
  const position = result.userIds.indexOf(userId);
  if (position < 0) return null;
  const unit = row.chipUnit;
  const money = (units: number) => formatAmount(fromUnits(units, unit));
  const voided = row.status === 'VOIDED';
  const starting = result.startingStacks[position]!;
  const final = voided ? starting : (result.finalStacks?.[position] ?? starting);
  return {
    position,
    summary: {
      id: row.id,
      tableId: row.tableId,
      tableName: row.tableName,
      number: row.number,
      status: voided ? 'voided' : 'settled',
      seat: result.seats[position]!,
      buttonSeat: result.buttonSeat,
      players: result.userIds.length,
      startingStack: money(starting),
      finalStack: money(final),
      net: fromUnits(final - starting, unit).toFixed(),
      rake: money(voided ? 0 : (result.rake ?? 0)),
      deckCommitment: row.deckCommitment,
      playedAt: row.createdAt.toISOString(),
    },
  };
}

export function registerHandHistoryRoutes(
  app: ZodApp,
  { config, database }: Pick<AppContext, 'config' | 'database'>,
) {
  const loggedIn = [authenticate(database, config.SESSION_COOKIE_NAME)];

  /** One of the player's hands, or a 404 that does not tell whether the hand exists. */
  async function ownHand(id: string, userId: string) {
    const row = await findPlayerHand(database, id, userId);
    const found = row && summarize(row, userId);
    if (!row || !found) throw new ApiError('hands/not-found', 'no such hand among yours');
    const result = StoredResult.parse(row.result);
    const stored = {
      tableId: row.tableId,
      handNumber: row.number,
      deckCommitment: row.deckCommitment,
      deck: row.deck,
      salts: row.salt,
      seats: result.seats,
      buttonSeat: result.buttonSeat,
      variant: result.variant,
    };
    if (row.status === 'VOIDED') {
      const proof = proofOfVoidedHand(stored, found.position);
      if (!proof) throw new ApiError('internal/error', 'the deck of this hand cannot be read');
      return { ...found, text: null, proof, shownHands: [] };
    }
    const history = parsePhh(row.history);
    if (!history.ok) throw new ApiError('internal/error', 'this hand history cannot be read');
    const redacted = redactHistory(history.value, found.position);
    const proof = proofOfStoredHand({ ...stored, redactedHistory: redacted });
    if (!proof) throw new ApiError('internal/error', 'the deck of this hand cannot be read');
    return { ...found, text: serializePhh(redacted), proof, shownHands: shownHandsOf(redacted) };
  }

  app.get(
    '/api/hands',
    {
      onRequest: loggedIn,
      schema: {
        tags: ['hands'],
        summary: 'Your hands, newest first',
        security: [{ bearer: [] }],
        querystring: pageQuery(config.PAGE_LIMIT_DEFAULT, config.PAGE_LIMIT_MAX),
        response: { 200: HandListResponse, ...errorResponses },
      },
    },
    async (request) => {
      const userId = sessionOf(request).user.id;
      const page = await listPlayerHands(database, userId, request.query);
      const hands = page.hands.flatMap((row) => summarize(row, userId)?.summary ?? []);
      return { hands, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/hands/:id.phh',
    {
      onRequest: loggedIn,
      schema: {
        tags: ['hands'],
        summary: 'One of your hands as a PHH (TOML) document',
        security: [{ bearer: [] }],
        params: HandParams,
        response: { 200: z.string(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const hand = await ownHand(request.params.id, sessionOf(request).user.id);
      if (hand.text === null)
        throw new ApiError('hands/voided', `hand ${hand.summary.number} was void: it has no history`);
      return reply.type('application/toml; charset=utf-8').send(hand.text);
    },
  );

  app.get(
    '/api/hands/:id',
    {
      onRequest: loggedIn,
      schema: {
        tags: ['hands'],
        summary: 'One of your hands, with its history as you saw it (PHH)',
        security: [{ bearer: [] }],
        params: HandParams,
        response: { 200: HandResponse, ...errorResponses },
      },
    },
    async (request) => {
      const hand = await ownHand(request.params.id, sessionOf(request).user.id);
      return {
        hand: { ...hand.summary, history: hand.text ?? '', proof: hand.proof, shownHands: hand.shownHands },
      };
    },
  );
}
