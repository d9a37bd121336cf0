import { type Card, DECK_SIZE } from './cards.js';

/**
 * A uniformly random integer in [0, maxExclusive). The engine never picks its own source: tables pass
 * the CSPRNG (src/tables/secure-random.ts), tests pass a seeded one.
 */
export type RandomInt = (maxExclusive: number) => number;

/**
 * A shuffled deck by Fisher-Yates: each of the 52! orders is equally likely when `randomInt` is
 * uniform. Walking down from the last card, swap it with a card chosen among those not yet fixed.
 */
export function shuffleDeck(randomInt: RandomInt): Card[] {
  const deck = new Array<Card>(DECK_SIZE);
  for (let i = 0; i < DECK_SIZE; i++) deck[i] = i;
  for (let i = DECK_SIZE - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const card = deck[i]!;
    deck[i] = deck[j]!;
    deck[j] = card;
  }
  return deck;
}
