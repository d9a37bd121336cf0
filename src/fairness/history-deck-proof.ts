import type { Card } from '../engine/cards.js';
import { parseCards } from '../engine/cards.js';
import { type GameVariant, HOLE_CARDS } from '../engine/hand-types.js';
import type { PhhHand } from '../engine/phh/phh-model.js';
import { declaredRunout } from '../engine/phh/phh-user-fields.js';
import type { DeckProofWire } from '../protocol/table-view.js';
import { commitDeck, splitSalts } from './deck-commitment.js';
import { buildDeckProof } from './deck-proof.js';

/** A hand as stored: its commitment, its whole deck and salts, and its seating. */
export interface StoredDeal {
  readonly tableId: string;
  readonly handNumber: number;
  /** The commitment published at the start of the hand (the stored one, never recomputed). */
  readonly deckCommitment: string;
  readonly deck: string;
  /** The 52 salts, hex, concatenated (the `salt` column). */
  readonly salts: string;
  /** Seats by position. */
  readonly seats: readonly number[];
  readonly buttonSeat: number;
  /** The game dealt (Hold'em for hands recorded before tables had one). */
  readonly variant: GameVariant;
}

/** A settled hand as stored, with its history already redacted for the one who asks (it names the game). */
export interface StoredHandForProof extends Omit<StoredDeal, 'variant'> {
  /** The history as this player may read it (redactHistory): hidden hole cards are unknown. */
  readonly redactedHistory: PhhHand;
}

/** The stored deck, committed again under the stored commitment; null if unreadable. */
function committedDeckOf(stored: Omit<StoredDeal, 'variant'>) {
  const deck = parseCards(stored.deck);
  const salts = splitSalts(stored.salts);
  if (!deck || !salts || deck.length !== salts.length) return null;
  return { ...commitDeck(deck, salts), commitment: stored.deckCommitment };
}

/**
 * The deck proof of a voided hand for the player in `position`: their own hole cards and the five
 * board positions (dealt or not when the hand stopped; board cards are nobody's secret), never the
 * other players' hole cards. Deck positions are those of the deal: with h hole cards each (2 in
 * Hold'em, 4 in Omaha) player p holds hp .. hp+h-1, the board follows the hole cards. Null if the
 * stored deck or salts are unreadable.
 */
export function proofOfVoidedHand(stored: StoredDeal, position: number): DeckProofWire | null {
  const committed = committedDeckOf(stored);
  const players = stored.seats.length;
  if (!committed || position < 0 || position >= players) return null;
  const holeCount = HOLE_CARDS[stored.variant];
  const holeCards: (Card[] | null)[] = stored.seats.map(() => null);
  holeCards[position] = committed.deck.slice(holeCount * position, holeCount * (position + 1));
  const board = committed.deck.slice(holeCount * players, holeCount * players + 5);
  return buildDeckProof(committed, {
    tableId: stored.tableId,
    variant: stored.variant,
    handNumber: stored.handNumber,
    seats: stored.seats,
    buttonSeat: stored.buttonSeat,
    board,
    holeCards,
  });
}

/**
 * The end-of-hand deck proof of a stored hand for one of its players: the same proof they received
 * in the final table view. What it opens comes only from the redacted history: the board (both
 * runs of a board run twice), the cards shown, the player's own hole cards. Null if the stored deck
 * or salts are unreadable.
 */
export function proofOfStoredHand(stored: StoredHandForProof): DeckProofWire | null {
  const committed = committedDeckOf(stored);
  const runout = declaredRunout(stored.redactedHistory.extras);
  if (!committed || !runout.ok) return null;
  const variant = stored.redactedHistory.variant;
  const holeCount = HOLE_CARDS[variant];
  const holeCards: (Card[] | null)[] = stored.seats.map(() => null);
  const board: Card[] = [];
  for (const action of stored.redactedHistory.actions) {
    if (action.kind === 'deal-hole' && action.player < holeCards.length) {
      const cards = action.cards.filter((card): card is Card => card !== null);
      if (cards.length === holeCount && action.cards.length === holeCount) holeCards[action.player] = cards;
    } else if (action.kind === 'deal-board') {
      for (const card of action.cards) if (card !== null) board.push(card);
    }
  }
  const secondRun = runout.value?.secondBoard ?? [];
  const secondBoard =
    secondRun.length > 0 ? [...board.slice(0, board.length - secondRun.length), ...secondRun] : null;
  return buildDeckProof(committed, {
    tableId: stored.tableId,
    handNumber: stored.handNumber,
    variant,
    seats: stored.seats,
    buttonSeat: stored.buttonSeat,
    board,
    secondBoard,
    holeCards,
  });
}
