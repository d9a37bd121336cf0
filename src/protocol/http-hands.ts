import { z } from 'zod';
import { AmountOut, bigintId, Timestamp, Uuid } from './http-common.js';
import { DeckProofWireSchema } from './server-message-schemas.js';

/** A player's hand history: /api/hands, /api/hands/{id} and /api/hands/{id}.phh. */

export const HandSummary = z.object({
  id: z.string(),
  tableId: Uuid,
  tableName: z.string(),
  number: z.number().int(),
  /** A voided hand was not played out (its server stopped, or the table halted): no chip moved. */
  status: z.enum(['settled', 'voided']),
  seat: z.number().int(),
  buttonSeat: z.number().int(),
  players: z.number().int(),
  startingStack: AmountOut,
  finalStack: AmountOut,
  /** Signed: what the hand won or lost, e.g. "-2.5". */
  net: z.string(),
  rake: AmountOut,
  deckCommitment: z.string(),
  playedAt: Timestamp,
});
export type HandSummary = z.infer<typeof HandSummary>;

export const HandListResponse = z.object({ hands: z.array(HandSummary), nextCursor: z.string().nullable() });
export type HandListResponse = z.infer<typeof HandListResponse>;

/**
 * One hand: its history as the player saw it (PHH text; empty for a voided hand, which has none)
 * and its deck proof.
 */
export const HandResponse = z.object({
  hand: HandSummary.extend({
    history: z.string(),
    proof: DeckProofWireSchema,
    /** The hands shown at the showdown, named ("a flush, ace high"), by player index in the history. */
    shownHands: z.array(
      z.object({ position: z.number().int(), name: z.string(), cards: z.array(z.string()).readonly() }),
    ),
  }),
});
export type HandResponse = z.infer<typeof HandResponse>;

export const HandParams = z.strictObject({ id: bigintId('a hand id') });
