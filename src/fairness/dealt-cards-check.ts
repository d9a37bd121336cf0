import { type Card, cardToString } from '../engine/cards.js';
import { HOLE_CARDS } from '../engine/hand-types.js';
import type { PhhHand } from '../engine/phh/phh-model.js';
import { declaredRunout } from '../engine/phh/phh-user-fields.js';

/**
 * Checks that the cards a hand history says were dealt are the ones the (revealed, committed) deck
 * holds at the places the engine deals from: with h hole cards each (2 in Hold'em, 4 in Omaha)
 * player i gets deck[hi .. hi+h-1], the board follows the hole cards, without burns, and a second
 * run (`_second_board`) follows the five board positions. Unknown cards ("??") are skipped.
 */
export function checkDealtCards(history: PhhHand, deck: readonly Card[]): string[] {
  const problems: string[] = [];
  const players = history.startingStacks.length;
  const hole = HOLE_CARDS[history.variant];
  const boardStart = hole * players;
  let boardIndex = boardStart;
  const expect = (index: number, card: Card | null, what: string) => {
    if (card === null) return;
    const dealt = deck[index];
    if (dealt !== card) {
      problems.push(
        `${what}: history says ${cardToString(card)}, the deck holds ${dealt === undefined ? 'nothing' : cardToString(dealt)}`,
      );
    }
  };
  for (const action of history.actions) {
    if (action.kind === 'deal-hole') {
      for (const [i, card] of action.cards.entries()) {
        expect(hole * action.player + i, card, `hole card ${i + 1} of p${action.player + 1}`);
      }
    } else if (action.kind === 'deal-board') {
      for (const card of action.cards) {
        expect(boardIndex, card, `board card ${boardIndex - boardStart + 1}`);
        boardIndex += 1;
      }
    } else if (action.kind === 'show-or-muck' && action.cards !== null) {
      for (const [i, card] of action.cards.entries()) {
        expect(hole * action.player + i, card, `shown card ${i + 1} of p${action.player + 1}`);
      }
    }
  }
  const runout = declaredRunout(history.extras);
  if (!runout.ok) problems.push(runout.error.message);
  else {
    for (const [i, card] of (runout.value?.secondBoard ?? []).entries()) {
      expect(boardStart + 5 + i, card, `second-run card ${i + 1}`);
    }
  }
  return problems;
}
