import { shuffleDeck } from '../engine/shuffle.js';
import { newSalt } from './deck-commitment.js';
import { secureRandomInt } from './secure-random.js';
import type { DeckSource } from './table-ports.js';

/** Production decks: Fisher-Yates over the CSPRNG, with a fresh secret salt for the commitment. */
export const secureDeckSource: DeckSource = () => ({ deck: shuffleDeck(secureRandomInt), salt: newSalt() });
