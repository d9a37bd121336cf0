import { type Card, DECK_SIZE, parseCards } from '../../src/engine/cards.js';

function cardsOf(text: string): Card[] {
  const cards = parseCards(text);
  if (cards === null) throw new Error(`bad cards: ${text}`);
  return cards;
}

/**
 * A full deck that deals the given hole cards (one "AsKd" string per position) and board (up to five
 * cards), with every other card after them in a fixed order. The engine deals without burns: player i
 * gets deck[2i], deck[2i+1], then the board follows.
 */
export function fixedDeck(holes: readonly string[], board: string): Card[] {
  const deck: Card[] = [];
  for (const hole of holes) deck.push(...cardsOf(hole));
  deck.push(...cardsOf(board));
  const used = new Set(deck);
  if (used.size !== deck.length) throw new Error('a card appears twice');
  for (let card = 0; card < DECK_SIZE; card++) if (!used.has(card)) deck.push(card);
  return deck;
}
