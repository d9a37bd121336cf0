import { type Card, cardToString, DECK_SIZE, orderedDeck } from '../cards.js';
import { evaluate7 } from '../evaluator.js';
import type { PhhAction } from './phh-actions.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * A hand history names the cards that were dealt and shown; the engine wants a whole deck. Each
 * known card goes where the engine deals it (no burns: player i gets deck[2i] and deck[2i+1], the
 * board follows from deck[2n]), and every other slot takes unused cards in a fixed order, so the
 * same history always gives the same deck.
 *
 * One exception to plain filling: a player who mucks at showdown with cards the history does not
 * know. The engine decides showdowns from the cards, so any filler could win the pot the history
 * says they gave up; they get the weakest holding the unused cards allow instead.
 */

const HOLE_CARDS = 2;
const BOARD_CARDS = 5;

export interface KnownCards {
  /** Per position, two slots; null where the card is not known. */
  readonly hole: readonly (readonly (Card | null)[])[];
  /** The board in dealing order (flop, turn, river); null where not known. */
  readonly board: readonly (Card | null)[];
  /** Positions that muck (`sm` without cards) while some of their hole cards are unknown. */
  readonly unknownMuckers: readonly number[];
}

function place(
  slots: (Card | null)[],
  cards: readonly (Card | null)[],
  who: string,
  index: number,
): PhhResult<void> {
  for (const [slot, card] of cards.entries()) {
    if (card === null) continue;
    const known = slots[slot];
    if (known !== null && known !== undefined && known !== card) {
      return phhError(
        'phh/card-conflict',
        `action ${index}: ${who} holds ${cardToString(known)}, not ${cardToString(card)}`,
        index,
      );
    }
    slots[slot] = card;
  }
  return { ok: true, value: undefined };
}

/** The hole and board cards a history deals or shows, checked for consistency. */
export function collectKnownCards(actions: readonly PhhAction[], playerCount: number): PhhResult<KnownCards> {
  const hole = Array.from({ length: playerCount }, () => new Array<Card | null>(HOLE_CARDS).fill(null));
  const board: (Card | null)[] = [];
  const muckers = new Set<number>();
  for (const [index, action] of actions.entries()) {
    if (action.kind === 'deal-board') {
      if (board.length + action.cards.length > BOARD_CARDS) {
        return phhError('phh/bad-action', `action ${index}: more than ${BOARD_CARDS} board cards`, index);
      }
      board.push(...action.cards);
      continue;
    }
    if (action.kind !== 'deal-hole' && action.kind !== 'show-or-muck') continue;
    if (action.player >= playerCount) {
      return phhError('phh/unknown-player', `action ${index}: no player p${action.player + 1}`, index);
    }
    if (action.cards === null) {
      muckers.add(action.player);
      continue;
    }
    if (action.cards.length !== HOLE_CARDS) {
      return phhError('phh/bad-cards', `action ${index}: a hold'em hand has ${HOLE_CARDS} hole cards`, index);
    }
    const placed = place(hole[action.player]!, action.cards, `p${action.player + 1}`, index);
    if (!placed.ok) return placed;
  }
  const unknownMuckers = [...muckers].filter((player) => hole[player]!.includes(null)).sort((a, b) => a - b);
  return { ok: true, value: { hole, board, unknownMuckers } };
}

/** The completion of a holding's unknown cards (from `unused`) with the lowest hand value. */
function weakestCompletion(
  hole: readonly (Card | null)[],
  board: readonly Card[],
  unused: readonly Card[],
): Card[] {
  const missing = hole.filter((card) => card === null).length;
  const known = hole.filter((card): card is Card => card !== null);
  const [b0, b1, b2, b3, b4] = board as [Card, Card, Card, Card, Card];
  let best: Card[] = [];
  let bestValue = Number.POSITIVE_INFINITY;
  const consider = (fill: Card[]) => {
    const [c0, c1] = [...known, ...fill] as [Card, Card];
    const value = evaluate7(c0, c1, b0, b1, b2, b3, b4);
    if (value < bestValue) {
      bestValue = value;
      best = fill;
    }
  };
  for (let i = 0; i < unused.length; i++) {
    if (missing === 1) consider([unused[i]!]);
    else for (let j = i + 1; j < unused.length; j++) consider([unused[i]!, unused[j]!]);
  }
  return best;
}

/** The 52-card deck that deals exactly the known cards. */
export function buildDeck(known: KnownCards): PhhResult<Card[]> {
  const hole = known.hole.map((cards) => cards.slice());
  const board = Array.from({ length: BOARD_CARDS }, (_, i) => known.board[i] ?? null);

  const used = new Set<Card>();
  for (const card of [...hole.flat(), ...board]) {
    if (card === null) continue;
    if (used.has(card)) return phhError('phh/duplicate-card', `${cardToString(card)} is dealt twice`);
    used.add(card);
  }
  const unused = orderedDeck().filter((card) => !used.has(card));
  const take = (card: Card) => unused.splice(unused.indexOf(card), 1);

  // The board first (a mucker's weakest holding depends on it), then the muckers, then the rest.
  for (let i = 0; i < BOARD_CARDS; i++) board[i] ??= unused.shift()!;
  for (const player of known.unknownMuckers) {
    const fill = weakestCompletion(hole[player]!, board as Card[], unused);
    for (const card of fill) take(card);
    hole[player] = hole[player]!.map((card) => card ?? fill.shift()!);
  }
  const deck: Card[] = [];
  for (const cards of hole) for (const card of cards) deck.push(card ?? unused.shift()!);
  deck.push(...(board as Card[]), ...unused);
  if (deck.length !== DECK_SIZE) throw new Error('deck construction lost a card');
  return { ok: true, value: deck };
}
