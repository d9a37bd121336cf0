import { describe, expect, it } from 'vitest';
import { type Card, cardsToString, parseCards } from '../../src/engine/cards.js';
import {
  describeHand,
  evaluate5,
  evaluate6,
  evaluate7,
  evaluateCards,
  handCategory,
} from '../../src/engine/evaluator.js';
import { phe, toPheCode, valueFromPheRank } from '../support/phe-reference.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

function cards(text: string): Card[] {
  const parsed = parseCards(text);
  if (parsed === null) throw new Error(`bad cards ${text}`);
  return parsed;
}

function value(text: string): number {
  return evaluateCards(cards(text));
}

/** `count` distinct random cards. */
function randomHand(rand: () => number, count: number): Card[] {
  const deck = Array.from({ length: 52 }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + seededInt(rand, 52 - i);
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  return deck.slice(0, count);
}

function bestOfFiveCardSubsets(hand: readonly Card[]): number {
  let best = 0;
  const n = hand.length;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++)
        for (let d = c + 1; d < n; d++)
          for (let e = d + 1; e < n; e++) {
            best = Math.max(best, evaluate5(hand[a]!, hand[b]!, hand[c]!, hand[d]!, hand[e]!));
          }
  return best;
}

describe('hand values at the ends of each category', () => {
  it.each([
    ['AsKsQsJsTs', 7462, 'straight-flush'],
    ['5h4h3h2hAh', 7453, 'straight-flush'],
    ['AcAdAhAsKc', 7452, 'four-of-a-kind'],
    ['2c2d2h2s3c', 7297, 'four-of-a-kind'],
    ['AcAdAhKsKc', 7296, 'full-house'],
    ['2c2d2h3s3c', 7141, 'full-house'],
    ['AdKdQdJd9d', 7140, 'flush'],
    ['7c5c4c3c2c', 5864, 'flush'],
    ['AcKdQhJsTc', 5863, 'straight'],
    ['5c4d3h2sAc', 5854, 'straight'],
    ['AcAdAhKsQc', 5853, 'three-of-a-kind'],
    ['2c2d2h3s4c', 4996, 'three-of-a-kind'],
    ['AcAdKhKsQc', 4995, 'two-pair'],
    ['3c3d2h2s4c', 4138, 'two-pair'],
    ['AcAdKhQsJc', 4137, 'one-pair'],
    ['2c2d3h4s5c', 1278, 'one-pair'],
    ['AcKdQhJs9c', 1277, 'high-card'],
    ['7c5d4h3s2c', 1, 'high-card'],
  ])('%s is worth %i (%s)', (hand, expected, category) => {
    expect(value(hand)).toBe(expected);
    expect(handCategory(expected)).toBe(category);
  });
});

describe('comparisons', () => {
  it('the wheel is the lowest straight, but still beats three of a kind', () => {
    expect(value('5c4d3h2sAc')).toBeLessThan(value('6c5d4h3s2c'));
    expect(value('5c4d3h2sAc')).toBeGreaterThan(value('AcAdAhKsQc'));
    expect(handCategory(value('Ac2d3h4s5cKdQh'))).toBe('straight');
  });

  it('A-2-3-4-5 of one suit is the lowest straight flush', () => {
    expect(value('Ah2h3h4h5h')).toBe(7453);
    expect(value('Ah2h3h4h5h6h')).toBe(7454);
  });

  it('suits never break ties', () => {
    expect(value('AcKdQh9s7c')).toBe(value('AsKhQd9c7s'));
    expect(value('AcKcQc9c7c')).toBe(value('AdKdQd9d7d'));
    expect(value('AcAdKhKs2c3d4h')).toBe(value('AhAsKcKd2s3h4c'));
  });

  it('the kicker decides between equal pairs, and the board can play for both', () => {
    const board = 'Ac9d7h4s2c';
    expect(value(`AhKd${board}`)).toBeGreaterThan(value(`AsQd${board}`));
    // Board straight: both hole cards are irrelevant, the hands tie.
    expect(value('2c3dTsJhQcKdAs')).toBe(value('2h4dTsJhQcKdAs'));
    // Fifth kicker counts; sixth and seventh cards do not.
    expect(value('AcKd9h7s5c3d2h')).toBeGreaterThan(value('AcKd9h7s4c3d2h'));
    expect(value('AcKd9h7s5c4d2h')).toBe(value('AcKd9h7s5c4d3h'));
  });

  it('a counterfeited two pair loses to a better kicker', () => {
    const board = '7h7dKcKs3h';
    const counterfeited = value(`3c2d${board}`); // K K 7 7 with a 3 kicker: the pair of threes no longer plays
    const aceKicker = value(`AsQd${board}`); // K K 7 7 A
    expect(handCategory(counterfeited)).toBe('two-pair');
    expect(aceKicker).toBeGreaterThan(counterfeited);
    expect(counterfeited).toBe(value('KcKs7h7d3c'));
  });

  it('with three pairs the best two play, and the third pair can be the kicker', () => {
    expect(value('KcKdQhQsJcJd2h')).toBe(value('KcKdQhQsJc'));
    expect(value('KcKdQhQs2c2dAh')).toBe(value('KcKdQhQsAh'));
  });

  it('two sets of trips make the best full house', () => {
    expect(value('AcAdAhKcKdKh2s')).toBe(value('AcAdAhKcKd'));
    expect(value('3c3d3h2c2d2hKs')).toBe(value('3c3d3h2c2d'));
  });

  it('quads take the highest remaining card as kicker, even from a pair or trips', () => {
    expect(value('9c9d9h9sKcKd2h')).toBe(value('9c9d9h9sKc'));
    expect(value('9c9d9h9s3c3d3h')).toBe(value('9c9d9h9s3c'));
  });

  it('a straight flush beats a higher straight, and six suited cards make the best flush', () => {
    expect(handCategory(value('5s6s7s8s9sTh2c'))).toBe('straight-flush');
    expect(value('5s6s7s8s9sTh2c')).toBe(value('5s6s7s8s9s'));
    expect(value('AhKh9h7h5h3h2c')).toBe(value('AhKh9h7h5h'));
    expect(value('AhKh9h7h5h3hAc')).toBe(value('AhKh9h7h5h'));
  });

  it('the highest of overlapping straights plays', () => {
    expect(value('4c5d6h7s8c9dTh')).toBe(value('6h7s8c9dTh'));
    expect(value('Ac2d3h4s5c6d9h')).toBe(value('2d3h4s5c6d'));
  });
});

describe('handCategory', () => {
  it('rejects values outside 1..7462', () => {
    expect(() => handCategory(0)).toThrow(RangeError);
    expect(() => handCategory(7463)).toThrow(RangeError);
    expect(() => handCategory(1.5)).toThrow(RangeError);
  });
});

describe('evaluateCards', () => {
  it('accepts 5, 6 and 7 cards and rejects other counts', () => {
    expect(evaluateCards(cards('AsKsQsJsTs'))).toBe(7462);
    expect(() => evaluateCards(cards('AsKsQsJs'))).toThrow(RangeError);
    expect(() => evaluateCards(cards('AsKsQsJsTs9s8s7s'))).toThrow(RangeError);
  });

  it('evaluate6, evaluate7 and evaluateCards equal the best five-card subset on random hands', () => {
    const rand = seededRandom(20_240_601);
    for (let i = 0; i < 20_000; i++) {
      const six = randomHand(rand, 6);
      const expected6 = bestOfFiveCardSubsets(six);
      expect(evaluate6(six[0]!, six[1]!, six[2]!, six[3]!, six[4]!, six[5]!)).toBe(expected6);
      expect(evaluateCards(six)).toBe(expected6);

      const seven = randomHand(rand, 7);
      const expected7 = bestOfFiveCardSubsets(seven);
      expect(evaluate7(seven[0]!, seven[1]!, seven[2]!, seven[3]!, seven[4]!, seven[5]!, seven[6]!)).toBe(
        expected7,
      );
      expect(evaluateCards(seven)).toBe(expected7);
    }
  });
});

describe('agreement with phe', () => {
  it('value === 7463 - phe rank on 210,000 random 7-card hands and 50,000 each of 5 and 6 cards', () => {
    const rand = seededRandom(7_462);
    const mismatches: string[] = [];
    for (const [size, count] of [
      [7, 210_000],
      [6, 50_000],
      [5, 50_000],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const hand = randomHand(rand, size);
        const ours = evaluateCards(hand);
        const expected = valueFromPheRank(phe.evaluateCardCodes(hand.map(toPheCode)));
        if (ours !== expected) mismatches.push(`${cardsToString(hand)}: ours ${ours}, phe ${expected}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(mismatches).toHaveLength(0);
  });
});

describe('describeHand', () => {
  it('names the category and the best five cards', () => {
    const described = describeHand(cards('3c2d7h7dKcKsAh'));
    expect(described.category).toBe('two-pair');
    expect(cardsToString(described.best)).toBe('AhKsKc7h7d');
    expect(described.value).toBe(value('AhKsKc7h7d'));
  });

  it("the best five always has the whole hand's value", () => {
    const rand = seededRandom(99);
    for (let i = 0; i < 5_000; i++) {
      const hand = randomHand(rand, 5 + (i % 3));
      const described = describeHand(hand);
      expect(described.best).toHaveLength(5);
      expect(new Set(described.best).size).toBe(5);
      for (const card of described.best) expect(hand).toContain(card);
      expect(evaluateCards(described.best)).toBe(described.value);
      expect(described.value).toBe(evaluateCards(hand));
      expect(described.category).toBe(handCategory(described.value));
    }
  });
});
