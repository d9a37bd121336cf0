import type { Card } from '../engine/cards.js';
import { shuffleDeck } from '../engine/shuffle.js';
import { newSalts } from './deck-commitment.js';
import { secureRandomInt } from './secure-random.js';

/** A deck to deal a hand from. */
export interface DealtDeck {
  readonly deck: readonly Card[];
  /** A fresh secret 32-byte salt (hex) per deck position, for the per-card commitments. */
  readonly salts: readonly string[];
}

/** Where a table's decks come from: the CSPRNG in production, fixed decks in tests. */
export type DeckSource = () => DealtDeck;

/** Production decks: Fisher-Yates over the CSPRNG, with fresh secret salts for the card commitments. */
export const secureDeckSource: DeckSource = () => ({ deck: shuffleDeck(secureRandomInt), salts: newSalts() });
