import { type Card, cardToString } from '../engine/cards.js';
import type { PhhHand } from '../engine/phh/phh-model.js';

/**
 * Checks that the cards a hand history says were dealt are the ones the (revealed, committed) deck
 * holds at the places the engine deals from: player i gets deck[2i] and deck[2i+1], the board
 * follows the hole cards, without burns. Unknown cards ("??") are skipped.
 */
export function checkDealtCards(history: PhhHand, deck: readonly Card[]): string[] {
  const problems: string[] = [];
  const players = history.startingStacks.length;
  let boardIndex = 2 * players;
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
        expect(2 * action.player + i, card, `hole card ${i + 1} of p${action.player + 1}`);
      }
    } else if (action.kind === 'deal-board') {
      for (const card of action.cards) {
        expect(boardIndex, card, `board card ${boardIndex - 2 * players + 1}`);
        boardIndex += 1;
      }
    } else if (action.kind === 'show-or-muck' && action.cards !== null) {
      for (const [i, card] of action.cards.entries()) {
        expect(2 * action.player + i, card, `shown card ${i + 1} of p${action.player + 1}`);
      }
    }
  }
  return problems;
}
