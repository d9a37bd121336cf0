import { type Card, cardToString, DECK_SIZE, orderedDeck } from '../cards.js';
import { evaluate7 } from '../evaluator.js';
import { type GameVariant, HOLE_CARDS } from '../hand-types.js';
import { evaluateOmahaCards } from '../omaha-evaluator.js';
import type { PhhAction } from './phh-actions.js';
import { type PhhResult, phhError } from './phh-errors.js';

/**
 * A hand history names the cards that were dealt and shown; the engine wants a whole deck. Each
 * known card goes where the engine deals it (no burns; with h hole cards each, 2 in Hold'em and 4
 * in Omaha, player i gets deck[hi .. hi+h-1], the board follows from deck[hn], and a second run's
 * cards from deck[hn+5]), and every other slot takes unused cards in a fixed order, so the same
 * history always gives the same deck.
 *
 * One exception to plain filling: a player who mucks at showdown with cards the history does not
 * know. The engine decides showdowns from the cards, so any filler could win the pot the history
 * says they gave up; they get the weakest holding the unused cards allow instead.
 */

const BOARD_CARDS = 5;

export interface KnownCards {
  readonly variant: GameVariant;
  /** Per position, one slot per hole card; null where the card is not known. */
  readonly hole: readonly (readonly (Card | null)[])[];
  /** The board in dealing order (flop, turn, river); null where not known. */
  readonly board: readonly (Card | null)[];
  /** The second run's cards, when the board was run twice (see phh-user-fields). */
  readonly secondBoard: readonly Card[];
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
export function collectKnownCards(
  actions: readonly PhhAction[],
  playerCount: number,
  variant: GameVariant,
  secondBoard: readonly Card[] = [],
): PhhResult<KnownCards> {
  const holeCards = HOLE_CARDS[variant];
  const hole = Array.from({ length: playerCount }, () => new Array<Card | null>(holeCards).fill(null));
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
    if (action.cards.length !== holeCards) {
      const game = variant === 'PO' ? 'an Omaha' : "a hold'em";
      return phhError('phh/bad-cards', `action ${index}: ${game} hand has ${holeCards} hole cards`, index);
    }
    const placed = place(hole[action.player]!, action.cards, `p${action.player + 1}`, index);
    if (!placed.ok) return placed;
  }
  const unknownMuckers = [...muckers].filter((player) => hole[player]!.includes(null)).sort((a, b) => a - b);
  return { ok: true, value: { variant, hole, board, secondBoard, unknownMuckers } };
}

/** A holding's value on a board by the game's rules (higher is stronger). */
function holdingValue(variant: GameVariant, hole: readonly Card[], board: readonly Card[]): number {
  if (variant === 'PO') return evaluateOmahaCards(hole, board);
  const [c0, c1] = hole as [Card, Card];
  const [b0, b1, b2, b3, b4] = board as [Card, Card, Card, Card, Card];
  return evaluate7(c0, c1, b0, b1, b2, b3, b4);
}

/**
 * The completion of a holding's unknown cards (from `unused`) with the lowest hand value: every
 * combination is tried (at most C(43, 4), about 123,000 Omaha evaluations, for a rare history).
 */
function weakestCompletion(
  variant: GameVariant,
  hole: readonly (Card | null)[],
  board: readonly Card[],
  unused: readonly Card[],
): Card[] {
  const missing = hole.filter((card) => card === null).length;
  const known = hole.filter((card): card is Card => card !== null);
  let best: Card[] = [];
  let bestValue = Number.POSITIVE_INFINITY;
  const fill: Card[] = [];
  const choose = (from: number): void => {
    if (fill.length === missing) {
      const value = holdingValue(variant, [...known, ...fill], board);
      if (value < bestValue) {
        bestValue = value;
        best = fill.slice();
      }
      return;
    }
    for (let i = from; i <= unused.length - (missing - fill.length); i++) {
      fill.push(unused[i]!);
      choose(i + 1);
      fill.pop();
    }
  };
  choose(0);
  return best;
}

/** The 52-card deck that deals exactly the known cards. */
export function buildDeck(known: KnownCards): PhhResult<Card[]> {
  const hole = known.hole.map((cards) => cards.slice());
  const board = Array.from({ length: BOARD_CARDS }, (_, i) => known.board[i] ?? null);

  const used = new Set<Card>();
  for (const card of [...hole.flat(), ...board, ...known.secondBoard]) {
    if (card === null) continue;
    if (used.has(card)) return phhError('phh/duplicate-card', `${cardToString(card)} is dealt twice`);
    used.add(card);
  }
  const unused = orderedDeck().filter((card) => !used.has(card));
  const take = (card: Card) => unused.splice(unused.indexOf(card), 1);

  // The board first (a mucker's weakest holding depends on it), then the muckers, then the rest.
  for (let i = 0; i < BOARD_CARDS; i++) board[i] ??= unused.shift()!;
  for (const player of known.unknownMuckers) {
    const fill = weakestCompletion(known.variant, hole[player]!, board as Card[], unused);
    for (const card of fill) take(card);
    hole[player] = hole[player]!.map((card) => card ?? fill.shift()!);
  }
  const deck: Card[] = [];
  for (const cards of hole) for (const card of cards) deck.push(card ?? unused.shift()!);
  deck.push(...(board as Card[]), ...known.secondBoard, ...unused);
  if (deck.length !== DECK_SIZE) throw new Error('deck construction lost a card');
  return { ok: true, value: deck };
}
