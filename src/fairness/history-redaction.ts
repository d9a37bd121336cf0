import type { PhhAction } from '../engine/phh/phh-actions.js';
import type { PhhHand } from '../engine/phh/phh-model.js';

/**
 * A hand history as one participant may read it: their own hole cards, the board, and the cards
 * shown at showdown. Other players' hole cards become "????", as in any poker room's history: a
 * mucked hand stays private forever. (The full history stays in the database, for audit.)
 */
export function redactHistory(hand: PhhHand, viewerPosition: number | null): PhhHand {
  const shown = new Set<number>();
  for (const action of hand.actions) {
    if (action.kind === 'show-or-muck' && action.cards !== null) shown.add(action.player);
  }
  const actions = hand.actions.map((action): PhhAction => {
    if (action.kind !== 'deal-hole' || action.player === viewerPosition || shown.has(action.player))
      return action;
    return { kind: 'deal-hole', player: action.player, cards: action.cards.map(() => null) };
  });
  return { ...hand, actions };
}
