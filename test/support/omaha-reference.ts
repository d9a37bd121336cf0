/**
 * The Omaha rule written out as plainly as possible, as the reference for the fast evaluator: the
 * best of every hand made of exactly two of the four hole cards and exactly three of the board
 * cards, each valued by the 5-card evaluator (itself verified over all 2,598,960 hands against the
 * published class counts and phe). Slow on purpose: 60 five-card evaluations for a 5-card board.
 */
import type { Card } from '../../src/engine/cards.js';
import { evaluate5 } from '../../src/engine/evaluator.js';

const FULL_DECK: readonly Card[] = Array.from({ length: 52 }, (_, card) => card);

export function bruteForceOmaha(hole: readonly Card[], board: readonly Card[]): number {
  let best = 0;
  for (let a = 0; a < hole.length; a++)
    for (let b = a + 1; b < hole.length; b++)
      for (let c = 0; c < board.length; c++)
        for (let d = c + 1; d < board.length; d++)
          for (let e = d + 1; e < board.length; e++) {
            const value = evaluate5(hole[a]!, hole[b]!, board[c]!, board[d]!, board[e]!);
            if (value > best) best = value;
          }
  return best;
}

/** `count` distinct cards drawn from `deck` (partial Fisher-Yates over a copy). */
export function drawCards(rand: () => number, count: number, deck: readonly Card[] = FULL_DECK): Card[] {
  const cards = deck.slice();
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rand() * (cards.length - i));
    const card = cards[j]!;
    cards[j] = cards[i]!;
    cards[i] = card;
  }
  return cards.slice(0, count);
}
