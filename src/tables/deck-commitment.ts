import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Card, cardsToString, DECK_SIZE, parseCards } from '../engine/cards.js';

/**
 * The provably fair deck. Before a card is dealt the table publishes
 *
 *   commitment = hex(SHA-256( ASCII(deck text) || salt bytes ))
 *
 * where the deck text is the 52 cards in dealing order, concatenated ("7d2cAs..."), and the salt is
 * 32 secret random bytes (hex in storage). After the hand the deck and the salt are stored with it,
 * so anyone holding them can recompute the hash, and check that the cards dealt were the ones
 * committed to. The salt makes the commitment impossible to invert by trying decks.
 */

export const SALT_BYTES = 32;

export interface DeckReveal {
  /** The 52 cards as text, in dealing order. */
  readonly deck: string;
  /** The salt, 64 hex digits. */
  readonly salt: string;
}

export function newSalt(): string {
  return randomBytes(SALT_BYTES).toString('hex');
}

export function commitDeck(deck: readonly Card[], saltHex: string): string {
  return commitDeckText(cardsToString(deck), saltHex);
}

export function commitDeckText(deckText: string, saltHex: string): string {
  return createHash('sha256').update(deckText, 'ascii').update(Buffer.from(saltHex, 'hex')).digest('hex');
}

export type DeckCheck =
  | { readonly ok: true; readonly deck: Card[] }
  | { readonly ok: false; readonly reason: string };

/** Checks that a revealed deck is a real deck and opens the commitment. */
export function verifyDeckReveal(commitment: string, reveal: DeckReveal): DeckCheck {
  if (!/^[0-9a-f]{64}$/.test(reveal.salt)) return { ok: false, reason: 'the salt is not 32 bytes of hex' };
  const cards = parseCards(reveal.deck);
  if (!cards || cards.length !== DECK_SIZE) return { ok: false, reason: 'the deck is not 52 cards' };
  if (new Set(cards).size !== DECK_SIZE) return { ok: false, reason: 'the deck repeats a card' };
  const expected = Buffer.from(commitDeckText(reveal.deck, reveal.salt), 'hex');
  const given = Buffer.from(commitment, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the deck and salt do not match the commitment' };
  }
  return { ok: true, deck: cards };
}
