import { shuffleDeck } from '../engine/shuffle.js';
import { newSalts } from './deck-commitment.js';
import { secureRandomInt } from './secure-random.js';
import type { DeckSource } from './table-ports.js';

/** Production decks: Fisher-Yates over the CSPRNG, with fresh secret salts for the card commitments. */
export const secureDeckSource: DeckSource = () => ({ deck: shuffleDeck(secureRandomInt), salts: newSalts() });
