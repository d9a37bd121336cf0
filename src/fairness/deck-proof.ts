import { type Card, cardToString } from '../engine/cards.js';
import { type GameVariant, HOLE_CARDS } from '../engine/hand-types.js';
import type { DeckOpeningWire, DeckProofWire } from '../protocol/table-view.js';
import type { CommittedDeck } from './deck-commitment.js';

/**
 * Builds the deck proof one viewer receives at the end of a hand (scheme: deck-commitment.ts).
 *
 * What gets opened is derived ONLY from what the viewer was shown: the board dealt and the hole
 * cards their view contains (their own and those shown at showdown), both taken from the engine's
 * fail-closed view or from the redacted history. A position is opened because a card the viewer
 * already saw was dealt from it, so no opening can reveal anything new. The opening carries the
 * deck's card at that place, not the card the view shows: if the two ever differed, the proof
 * would fail to verify, which is the point.
 */

export interface VisibleCards {
  readonly tableId: string;
  readonly handNumber: number;
  /** The game: how many hole cards each player holds (Hold'em when absent). */
  readonly variant?: GameVariant;
  /** Seats by position: first clockwise from the button, the button last. */
  readonly seats: readonly number[];
  readonly buttonSeat: number;
  readonly board: readonly Card[];
  /** The whole second board of a hand run twice (sharing the cards dealt before the runout). */
  readonly secondBoard?: readonly Card[] | null;
  /** The hole cards the viewer saw, by position; null where hidden from them. */
  readonly holeCards: readonly (readonly Card[] | null)[];
}

/** Board cards a second run has of its own: those after the cards both runs share. */
export function secondRunOf(board: readonly Card[], secondBoard: readonly Card[]): Card[] {
  let shared = 0;
  while (shared < secondBoard.length && secondBoard[shared] === board[shared]) shared++;
  return secondBoard.slice(shared);
}

export function buildDeckProof(committed: CommittedDeck, visible: VisibleCards): DeckProofWire {
  const players = visible.seats.length;
  const variant = visible.variant ?? 'NT';
  const holeCount = HOLE_CARDS[variant];
  const boardStart = holeCount * players;
  const positions: number[] = [];
  const holeCards: { seat: number; cards: string[] }[] = [];
  visible.holeCards.forEach((cards, player) => {
    if (!cards || player >= players) return;
    holeCards.push({ seat: visible.seats[player]!, cards: cards.map(cardToString) });
    for (let k = 0; k < holeCount; k++) positions.push(holeCount * player + k);
  });
  visible.board.forEach((_, index) => {
    positions.push(boardStart + index);
  });
  const secondRun = visible.secondBoard ? secondRunOf(visible.board, visible.secondBoard) : [];
  secondRun.forEach((_, index) => {
    positions.push(boardStart + 5 + index);
  });
  const openings: DeckOpeningWire[] = positions
    .sort((a, b) => a - b)
    .map((position) => ({
      position,
      card: cardToString(committed.deck[position]!),
      salt: committed.salts[position]!,
    }));
  return {
    scheme: 'sha256-card-leaves-v1',
    tableId: visible.tableId,
    handNumber: visible.handNumber,
    commitment: committed.commitment,
    leaves: committed.leaves,
    seats: visible.seats,
    buttonSeat: visible.buttonSeat,
    ...(variant !== 'NT' && { variant }),
    board: visible.board.map(cardToString),
    ...(secondRun.length > 0 && { secondRun: secondRun.map(cardToString) }),
    holeCards,
    openings,
  };
}
