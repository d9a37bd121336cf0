import { cardToString } from '../cards.js';
import { nameHand } from '../hand-name.js';
import type { PhhHand } from './phh-model.js';

/** A hand shown at the showdown of a hand history, named with the board. */
export interface ShownHand {
  /** The player's index in the history (PHH's p1 is 0). */
  readonly position: number;
  /** "a flush, ace high". */
  readonly name: string;
  /** The five cards that make it, highest rank first. */
  readonly cards: readonly string[];
}

/**
 * The hands a history shows (`sm` with the cards), named with the board as dealt: what a replay
 * says at the showdown. Cards a viewer did not see ("????") name nothing.
 */
export function shownHandsOf(hand: PhhHand): ShownHand[] {
  const board = hand.actions.flatMap((action) => (action.kind === 'deal-board' ? action.cards : []));
  if (board.some((card) => card === null)) return [];
  const known = board.filter((card): card is number => card !== null);
  const shown: ShownHand[] = [];
  for (const action of hand.actions) {
    if (action.kind !== 'show-or-muck' || !action.cards || action.cards.some((card) => card === null))
      continue;
    const named = nameHand(hand.variant, action.cards as number[], known);
    if (named) shown.push({ position: action.player, name: named.name, cards: named.best.map(cardToString) });
  }
  return shown;
}
