/**
 * A card is an integer 0..51: rank * 4 + suit. Ranks 0..12 are 2..A; suits 0..3 are c, d, h, s.
 * Integers keep the evaluator and the deck fast; text ("As", "Td") exists only at the edges.
 */
export type Card = number;

export const RANKS = '23456789TJQKA';
export const SUITS = 'cdhs';
export const DECK_SIZE = 52;

export function rankOf(card: Card): number {
  return card >> 2;
}

export function suitOf(card: Card): number {
  return card & 3;
}

export function makeCard(rank: number, suit: number): Card {
  return (rank << 2) | suit;
}

export function cardToString(card: Card): string {
  return RANKS[card >> 2]! + SUITS[card & 3]!;
}

/** Parses "As" (rank upper or lower case, suit lower case). Returns null for anything else. */
export function parseCard(text: string): Card | null {
  if (text.length !== 2) return null;
  const rank = RANKS.indexOf(text[0]!.toUpperCase());
  const suit = SUITS.indexOf(text[1]!);
  if (rank < 0 || suit < 0) return null;
  return makeCard(rank, suit);
}

/** Parses concatenated cards, "AsKd" or "7d5h9d". Returns null if any card is malformed. */
export function parseCards(text: string): Card[] | null {
  if (text.length % 2 !== 0) return null;
  const cards: Card[] = [];
  for (let i = 0; i < text.length; i += 2) {
    const card = parseCard(text.slice(i, i + 2));
    if (card === null) return null;
    cards.push(card);
  }
  return cards;
}

export function cardsToString(cards: readonly Card[]): string {
  return cards.map(cardToString).join('');
}

/** A new deck in a fixed order (2c 2d 2h 2s 3c ...). */
export function orderedDeck(): Card[] {
  return Array.from({ length: DECK_SIZE }, (_, i) => i);
}
