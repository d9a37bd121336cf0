import { describe, expect, it } from 'vitest';
import { type Card, cardsToString, parseCards } from '../../src/engine/cards.js';
import { evaluate5, handCategory } from '../../src/engine/evaluator.js';
import {
  describeOmahaHand,
  evaluateOmaha,
  evaluateOmaha3,
  evaluateOmaha4,
  evaluateOmahaCards,
} from '../../src/engine/omaha-evaluator.js';
import { bruteForceOmaha, drawCards } from '../support/omaha-reference.js';
import { seededRandom } from '../support/seeded-random.js';

function cards(text: string): Card[] {
  const parsed = parseCards(text);
  if (parsed === null) throw new Error(`bad cards ${text}`);
  return parsed;
}

function omaha(hole: string, board: string): number {
  return evaluateOmahaCards(cards(hole), cards(board));
}

/** The value of five named cards: what the best Omaha hand must be worth. */
function five(text: string): number {
  const [a, b, c, d, e] = cards(text) as [Card, Card, Card, Card, Card];
  return evaluate5(a, b, c, d, e);
}

describe('Omaha rules: exactly two hole cards and exactly three board cards', () => {
  it.each([
    // [hole, board, the best five cards, category, why]
    [
      'Qs9c8h3d',
      'AsKs7s4s2d',
      'AsKsQs9c7s',
      'high-card',
      'four suited board cards and one suited hole card: no flush',
    ],
    [
      'Ts9c8d7h',
      'AsKsQsJs2s',
      'KsQsJsTs9c',
      'straight',
      'a board flush plays only with two suited hole cards',
    ],
    ['3s4s9c9d', 'AsKsQsJs2d', 'AsKsQs4s3s', 'flush', 'two small suited hole cards with the board flush'],
    ['Th3d3cKd', '9c8d7h6s2c', '3d3c9c8d7h', 'one-pair', 'a board four-straight needs two hole cards'],
    [
      'JhTd4c4s',
      '9c8d7h6s2c',
      'JhTd9c8d7h',
      'straight',
      'two hole cards complete a straight with three board cards',
    ],
    [
      'AhAd5c6d',
      'AcKsKd8h2c',
      'AhAdAcKsKd',
      'full-house',
      'pair in the hole, trips with the board: aces full',
    ],
    ['AhAdQcJd', 'KsKdKc7h2c', 'AhAdKsKdKc', 'full-house', 'trips on the board need a pair in the hole'],
    [
      'AhQdJc9s',
      'KsKdKc7h2c',
      'AhQdKsKdKc',
      'three-of-a-kind',
      'trips on the board without a hole pair stay trips',
    ],
    ['AhAd2c3d', '9c9d9h9sKh', '9c9d9hAhAd', 'full-house', 'quads on the board play as trips'],
    ['7c7d7h7s', 'AsKhQd3c2d', '7c7dAsKhQd', 'one-pair', 'hole quads play as a pair'],
    ['Ac2dKhKs', '3h4s5cJdQh', 'Ac2d3h4s5c', 'straight', 'the wheel: A-2 from the hole'],
    ['9h8hKcKd', '7h6h5hAs2c', '9h8h7h6h5h', 'straight-flush', 'straight flush from two hole cards'],
    ['AhJhKcKd', 'Qh7h3hKs9c', 'AhJhQh7h3h', 'flush', 'a flush beats the set of kings'],
    ['KcKdQhQs', 'KhQc2d5s7c', 'KcKdKhQc7c', 'three-of-a-kind', 'top set beats two pair and the other set'],
    [
      'AcKd2h3s',
      'AhAsKcKh9d',
      'AcKdAhAsKc',
      'full-house',
      'a full house needs one card of each rank from the hole',
    ],
    [
      '2c3d4h5s',
      'AcKdQhJs9c',
      '5s4hAcKdQh',
      'high-card',
      'unconnected hole cards, broadway on the board: no straight',
    ],
  ])('%s on %s: %s (%s)', (hole, board, bestFive, category) => {
    const expected = five(bestFive);
    expect(handCategory(expected)).toBe(category);
    expect(omaha(hole, board)).toBe(expected);
    expect(bruteForceOmaha(cards(hole), cards(board))).toBe(expected);
  });

  it('a board straight or board flush alone never plays', () => {
    // Everything on the board, nothing in the hole: the hand is two hole cards with three of it.
    expect(handCategory(omaha('2c2d7h8h', 'AsKsQsJsTs'))).toBe('one-pair');
    expect(handCategory(omaha('2c3d4h5c', '9sTdJhQcKd'))).toBe('high-card');
  });

  it('flop and turn boards use all three board cards or three of four', () => {
    expect(omaha('AhKhQcJd', '2h7h9h')).toBe(five('AhKh9h7h2h'));
    // All three flop cards play, so the deuce is a kicker and the ace is not.
    expect(omaha('AhKd7c7d', '7h2s9c')).toBe(five('7c7d7h9c2s'));
    expect(omaha('JcTd2s2h', 'Qh9sKc3d')).toBe(five('KcQhJcTd9s'));
    expect(handCategory(omaha('Jc2d3s4h', 'QhKcAdTs'))).toBe('high-card');
  });

  it('suits never break ties, and hole and board order do not matter', () => {
    expect(omaha('AcKd2h3s', 'QhJs9c5d4c')).toBe(omaha('AsKh2d3c', 'QdJc9s5h4h'));
    const hole = cards('AhKh9c2d');
    const board = cards('QhJh3h9s2c');
    const value = evaluateOmahaCards(hole, board);
    expect(evaluateOmahaCards([...hole].reverse(), [...board].reverse())).toBe(value);
    expect(
      evaluateOmahaCards(
        [hole[2]!, hole[0]!, hole[3]!, hole[1]!],
        [board[4]!, board[1]!, board[3]!, board[0]!, board[2]!],
      ),
    ).toBe(value);
  });
});

describe('against the brute-force reference on random spots', () => {
  it.each([5, 4, 3])('%i-card boards: 30,000 random hands', (boardSize) => {
    const rand = seededRandom(9_000 + boardSize);
    const mismatches: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const dealt = drawCards(rand, 4 + boardSize);
      const hole = dealt.slice(0, 4);
      const board = dealt.slice(4);
      const [h0, h1, h2, h3] = hole as [Card, Card, Card, Card];
      const fast =
        boardSize === 5
          ? evaluateOmaha(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!, board[3]!, board[4]!)
          : boardSize === 4
            ? evaluateOmaha4(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!, board[3]!)
            : evaluateOmaha3(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!);
      const expected = bruteForceOmaha(hole, board);
      if (fast !== expected || evaluateOmahaCards(hole, board) !== expected) {
        mismatches.push(`${cardsToString(hole)} / ${cardsToString(board)}: ${fast} vs ${expected}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('evaluateOmahaCards', () => {
  it('rejects wrong card counts, duplicates and non-cards', () => {
    expect(() => evaluateOmahaCards(cards('AsKs2c'), cards('QsJsTs'))).toThrow(RangeError);
    expect(() => evaluateOmahaCards(cards('AsKs2c3c4c'), cards('QsJsTs'))).toThrow(RangeError);
    expect(() => evaluateOmahaCards(cards('AsKs2c3c'), cards('QsJs'))).toThrow(RangeError);
    expect(() => evaluateOmahaCards(cards('AsKs2c3c'), cards('QsJsTs9s8s7s'))).toThrow(RangeError);
    expect(() => evaluateOmahaCards(cards('AsKs2c3c'), cards('QsJsAs'))).toThrow(/duplicate/);
    expect(() => evaluateOmahaCards([0, 1, 2, 52], cards('QsJsTs'))).toThrow(RangeError);
    expect(() => evaluateOmahaCards([0, 1, 2, 3.5], cards('QsJsTs'))).toThrow(RangeError);
  });
});

describe('describeOmahaHand', () => {
  it('names the category, the best five and the two hole cards used', () => {
    const described = describeOmahaHand(cards('AhAdQcJd'), cards('KsKdKc7h2c'));
    expect(described.category).toBe('full-house');
    expect(cardsToString(described.best)).toBe('AhAdKsKdKc');
    expect(cardsToString(described.holeUsed)).toBe('AhAd');
    expect(described.value).toBe(five('AhAdKsKdKc'));
  });

  it('the best five are always two hole cards and three board cards worth the whole value', () => {
    const rand = seededRandom(4_242);
    for (let i = 0; i < 2_000; i++) {
      const boardSize = 3 + (i % 3);
      const dealt = drawCards(rand, 4 + boardSize);
      const hole = dealt.slice(0, 4);
      const board = dealt.slice(4);
      const described = describeOmahaHand(hole, board);
      const [a, b, c, d, e] = described.best as [Card, Card, Card, Card, Card];
      expect(evaluate5(a, b, c, d, e)).toBe(described.value);
      expect(described.best.filter((card) => hole.includes(card))).toHaveLength(2);
      expect(described.best.filter((card) => board.includes(card))).toHaveLength(3);
      expect(described.holeUsed.every((card) => described.best.includes(card))).toBe(true);
      expect(described.category).toBe(handCategory(described.value));
    }
  });
});
