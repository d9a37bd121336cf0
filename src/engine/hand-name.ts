import { type Card, rankOf } from './cards.js';
import { type DescribedHand, describeHand } from './evaluator.js';
import type { HandCategory } from './hand-category.js';
import type { GameVariant } from './hand-types.js';
import { describeOmahaHand } from './omaha-evaluator.js';

/**
 * Hands named as players say them ("a flush, ace high", "two pair, kings and sevens"), from the
 * best five cards. Off the hot path: used once per shown hand at the end of a hand.
 */

const RANK_WORDS = [
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'jack',
  'queen',
  'king',
  'ace',
];
const RANK_PLURALS = [
  'twos',
  'threes',
  'fours',
  'fives',
  'sixes',
  'sevens',
  'eights',
  'nines',
  'tens',
  'jacks',
  'queens',
  'kings',
  'aces',
];

const word = (rank: number) => RANK_WORDS[rank]!;
const plural = (rank: number) => RANK_PLURALS[rank]!;

/** Ranks of the five cards, grouped: the largest groups first, higher ranks first within a size. */
function groupedRanks(best: readonly Card[]): number[] {
  const counts = new Map<number, number>();
  for (const card of best) counts.set(rankOf(card), (counts.get(rankOf(card)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([rank]) => rank);
}

/** The top card of a straight (the five of a wheel, A-2-3-4-5). */
function straightHigh(best: readonly Card[]): number {
  const ranks = best.map(rankOf).sort((a, b) => b - a);
  return ranks[0] === 12 && ranks[1] === 3 ? 3 : ranks[0]!;
}

/** The name of a hand from its category and its best five cards. */
export function nameOfHand(category: HandCategory, best: readonly Card[]): string {
  const [first = 0, second = 0] = groupedRanks(best);
  switch (category) {
    case 'straight-flush':
      return straightHigh(best) === 12
        ? 'a royal flush'
        : `a straight flush, ${word(straightHigh(best))} high`;
    case 'four-of-a-kind':
      return `four of a kind, ${plural(first)}`;
    case 'full-house':
      return `a full house, ${plural(first)} full of ${plural(second)}`;
    case 'flush':
      return `a flush, ${word(first)} high`;
    case 'straight':
      return `a straight, ${word(straightHigh(best))} high`;
    case 'three-of-a-kind':
      return `three of a kind, ${plural(first)}`;
    case 'two-pair':
      return `two pair, ${plural(first)} and ${plural(second)}`;
    case 'one-pair':
      return `a pair of ${plural(first)}`;
    case 'high-card':
      return `high card, ${word(first)}`;
  }
}

export interface NamedHand {
  readonly name: string;
  /** The five cards that make the hand, highest rank first. */
  readonly best: readonly Card[];
  readonly described: DescribedHand;
}

/** A Hold'em hand: the best five of the hole cards and the board (5 to 7 cards in all). */
export function nameHoldemHand(holeCards: readonly Card[], board: readonly Card[]): NamedHand | null {
  const cards = [...holeCards, ...board];
  if (cards.length < 5 || cards.length > 7) return null;
  const described = describeHand(cards);
  return { name: nameOfHand(described.category, described.best), best: described.best, described };
}

/** An Omaha hand: exactly two of the four hole cards with exactly three of the board (3 to 5 cards). */
export function nameOmahaHand(holeCards: readonly Card[], board: readonly Card[]): NamedHand | null {
  if (holeCards.length !== 4 || board.length < 3 || board.length > 5) return null;
  const omaha = describeOmahaHand(holeCards, board);
  const described: DescribedHand = { value: omaha.value, category: omaha.category, best: omaha.best };
  return { name: nameOfHand(omaha.category, omaha.best), best: omaha.best, described };
}

/** A shown hand named by the rules of its game. */
export function nameHand(
  variant: GameVariant,
  holeCards: readonly Card[],
  board: readonly Card[],
): NamedHand | null {
  return variant === 'PO' ? nameOmahaHand(holeCards, board) : nameHoldemHand(holeCards, board);
}
