/**
 * Exhaustive and large random checks of the Omaha evaluator against the rule itself: the best of the
 * 6 x C(board, 3) hands of exactly two hole cards and three board cards, each valued by the 5-card
 * evaluator (verified on every 5-card hand in evaluator-exhaustive.test.ts). About 65-75 s in total
 * on the 2-core dev machine (rank patterns ~17 s, flush structures ~4 s, reduced deck ~28 s, random
 * 10 M ~15-21 s), so the timeouts are generous.
 *
 * - Every rank pattern: every rank multiset of the board (3, 4 or 5 cards) with every rank multiset
 *   of the hole, suited so that no flush is possible. This reaches every entry of the non-flush
 *   tables that a real hand can reach.
 * - Every flush structure: every set of 3..5 board ranks of one suit with every set of 2..4 hole
 *   ranks of that suit, the other cards random off-suit ones. This reaches every flush table entry.
 * - A reduced deck, A-2-3-4-5 in four suits (20 cards): every 4 hole + 3, 4 or 5 board cards, which
 *   mixes flushes, wheels, full houses and quads in every way those cards allow.
 * - 10,000,000 random hands of the whole deck, with counts showing that every category is reached
 *   and every kind of board (monotone, four-flush, paired, trips, quads...) was dealt.
 */
import { describe, expect, it } from 'vitest';
import { type Card, cardsToString } from '../../src/engine/cards.js';
import { evaluate5 as importedEvaluate5 } from '../../src/engine/evaluator.js';
import { HAND_CATEGORIES, type HandCategory, handCategory } from '../../src/engine/hand-category.js';
import {
  evaluateOmaha3,
  evaluateOmaha4,
  evaluateOmahaCards,
  evaluateOmaha as importedEvaluateOmaha,
} from '../../src/engine/omaha-evaluator.js';
import { bruteForceOmaha } from '../support/omaha-reference.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

const LONG_TIMEOUT_MS = 10 * 60_000;

// Vitest's module runner turns every use of an imported name into a property read on the module
// object, which kept V8 from inlining the hot loops (3x slower); plain local copies avoid that.
const evaluate5 = importedEvaluate5;
const evaluateOmaha = importedEvaluateOmaha;

/** bruteForceOmaha for a 5-card board with numeric arguments: the same rule, no allocation. */
function bruteForce5(
  h0: Card,
  h1: Card,
  h2: Card,
  h3: Card,
  b0: Card,
  b1: Card,
  b2: Card,
  b3: Card,
  b4: Card,
): number {
  let best = 0;
  for (let pair = 0; pair < 6; pair++) {
    // Hole pairs 01 02 03 12 13 23.
    const x = pair < 3 ? h0 : pair < 5 ? h1 : h2;
    const y = pair === 0 ? h1 : pair === 1 || pair === 3 ? h2 : h3;
    let value = evaluate5(x, y, b0, b1, b2);
    if (value > best) best = value;
    value = evaluate5(x, y, b0, b1, b3);
    if (value > best) best = value;
    value = evaluate5(x, y, b0, b1, b4);
    if (value > best) best = value;
    value = evaluate5(x, y, b0, b2, b3);
    if (value > best) best = value;
    value = evaluate5(x, y, b0, b2, b4);
    if (value > best) best = value;
    value = evaluate5(x, y, b0, b3, b4);
    if (value > best) best = value;
    value = evaluate5(x, y, b1, b2, b3);
    if (value > best) best = value;
    value = evaluate5(x, y, b1, b2, b4);
    if (value > best) best = value;
    value = evaluate5(x, y, b1, b3, b4);
    if (value > best) best = value;
    value = evaluate5(x, y, b2, b3, b4);
    if (value > best) best = value;
  }
  return best;
}

/** The reference for any board: the numeric brute force for 5-card boards (it is faster). */
function reference(hole: readonly Card[], board: readonly Card[]): number {
  if (board.length !== 5) return bruteForceOmaha(hole, board);
  return bruteForce5(
    hole[0]!,
    hole[1]!,
    hole[2]!,
    hole[3]!,
    board[0]!,
    board[1]!,
    board[2]!,
    board[3]!,
    board[4]!,
  );
}

/** The fast evaluator for a board of 3, 4 or 5 cards, through its numeric entry points. */
function fastOmaha(hole: readonly Card[], board: readonly Card[]): number {
  const [h0, h1, h2, h3] = hole as [Card, Card, Card, Card];
  if (board.length === 3) return evaluateOmaha3(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!);
  if (board.length === 4) return evaluateOmaha4(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!, board[3]!);
  return evaluateOmaha(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!, board[3]!, board[4]!);
}

/** Every multiset of `size` ranks with at most four of a rank, as rank lists in ascending order. */
function rankMultisets(size: number): number[][] {
  const out: number[][] = [];
  const visit = (from: number, chosen: number[]): void => {
    if (chosen.length === size) {
      out.push(chosen.slice());
      return;
    }
    for (let rank = from; rank < 13; rank++) {
      if (chosen.length >= 4 && chosen[chosen.length - 4] === rank) continue; // a fifth of a rank
      chosen.push(rank);
      visit(rank, chosen);
      chosen.pop();
    }
  };
  visit(0, []);
  return out;
}

describe('exhaustive: every rank pattern of board and hole (no flush possible)', () => {
  it.each([3, 4, 5])(
    '%i-card boards: every board rank multiset with every hole rank multiset',
    (boardSize) => {
      const boards = rankMultisets(boardSize);
      const holes = rankMultisets(4);
      // Multisets of n of 13 ranks, at most four alike: C(n + 12, n), minus the 13 five-alikes for n = 5.
      expect(boards).toHaveLength({ 3: 455, 4: 1_820, 5: 6_175 }[boardSize]!);
      expect(holes).toHaveLength(1_820);
      let hands = 0;
      const mismatches: string[] = [];
      const suitsUsed = new Uint8Array(13);
      for (const boardRanks of boards) {
        for (const holeRanks of holes) {
          // The hole takes suits c, d, h, s in order: never two of a suit, so never a flush. Each
          // board card then takes the lowest suit its rank has not used yet.
          suitsUsed.fill(0);
          const hole = holeRanks.map((rank, i) => {
            suitsUsed[rank]! |= 1 << i;
            return rank * 4 + i;
          });
          let possible = true;
          const board = boardRanks.map((rank) => {
            let suit = 0;
            while (suit < 4 && suitsUsed[rank]! & (1 << suit)) suit++;
            if (suit === 4) possible = false; // more than four cards of this rank
            suitsUsed[rank]! |= 1 << suit;
            return rank * 4 + suit;
          });
          if (!possible) continue;
          hands++;
          const expected = reference(hole, board);
          if (fastOmaha(hole, board) !== expected) {
            mismatches.push(`${cardsToString(hole)} / ${cardsToString(board)}`);
          }
        }
      }
      expect(hands).toBeGreaterThan(boards.length * 1_000);
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
    LONG_TIMEOUT_MS,
  );
});

describe('exhaustive: every flush structure', () => {
  it.each([3, 4, 5])(
    '%i-card boards: every set of 3+ suited board ranks with every set of 2+ suited hole ranks',
    (boardSize) => {
      const rand = seededRandom(31 + boardSize);
      let hands = 0;
      const mismatches: string[] = [];
      for (let boardMask = 0; boardMask < 1 << 13; boardMask++) {
        const boardSuited = ranksOf(boardMask);
        if (boardSuited.length < 3 || boardSuited.length > boardSize) continue;
        for (let holeMask = 0; holeMask < 1 << 13; holeMask++) {
          const holeSuited = ranksOf(holeMask);
          if (holeSuited.length < 2 || holeSuited.length > 4 || (holeMask & boardMask) !== 0) continue;
          // The flush suit turns with the masks so that every suit is the flush suit somewhere.
          const suit = (boardMask + holeMask) & 3;
          const taken = new Set<Card>([...boardSuited, ...holeSuited].map((rank) => rank * 4 + suit));
          const offSuit = (): Card => {
            for (;;) {
              const card = seededInt(rand, 52);
              if ((card & 3) !== suit && !taken.has(card)) {
                taken.add(card);
                return card;
              }
            }
          };
          const board = boardSuited.map((rank) => rank * 4 + suit);
          while (board.length < boardSize) board.push(offSuit());
          const hole = holeSuited.map((rank) => rank * 4 + suit);
          while (hole.length < 4) hole.push(offSuit());
          hands++;
          const expected = reference(hole, board);
          if (fastOmaha(hole, board) !== expected) {
            mismatches.push(`${cardsToString(hole)} / ${cardsToString(board)}`);
          }
        }
      }
      expect(hands).toBeGreaterThan(10_000);
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
    LONG_TIMEOUT_MS,
  );
});

function ranksOf(mask: number): number[] {
  const ranks: number[] = [];
  for (let rank = 0; rank < 13; rank++) if (mask & (1 << rank)) ranks.push(rank);
  return ranks;
}

describe('exhaustive: a reduced deck, A-2-3-4-5 in four suits', () => {
  const deck: Card[] = [];
  for (const rank of [12, 0, 1, 2, 3]) for (let suit = 0; suit < 4; suit++) deck.push(rank * 4 + suit);

  it(
    'every 4 hole cards with every 5-card board (21,162,960 hands)',
    () => {
      let hands = 0;
      let mismatches = 0;
      let firstMismatch = '';
      const histogram = new Float64Array(7463);
      const n = deck.length;
      for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++)
          for (let c = b + 1; c < n; c++)
            for (let d = c + 1; d < n; d++) {
              const h0 = deck[a]!;
              const h1 = deck[b]!;
              const h2 = deck[c]!;
              const h3 = deck[d]!;
              const rest = deck.filter((card) => card !== h0 && card !== h1 && card !== h2 && card !== h3);
              const m = rest.length;
              for (let e = 0; e < m; e++)
                for (let f = e + 1; f < m; f++)
                  for (let g = f + 1; g < m; g++)
                    for (let i = g + 1; i < m; i++)
                      for (let j = i + 1; j < m; j++) {
                        const b0 = rest[e]!;
                        const b1 = rest[f]!;
                        const b2 = rest[g]!;
                        const b3 = rest[i]!;
                        const b4 = rest[j]!;
                        const value = evaluateOmaha(h0, h1, h2, h3, b0, b1, b2, b3, b4);
                        hands++;
                        if (value !== bruteForce5(h0, h1, h2, h3, b0, b1, b2, b3, b4)) {
                          if (mismatches++ === 0)
                            firstMismatch = cardsToString([h0, h1, h2, h3, b0, b1, b2, b3, b4]);
                        }
                        histogram[value]!++;
                      }
            }
      // C(20, 4) hole cards x C(16, 5) boards.
      expect(hands).toBe(4_845 * 4_368);
      expect(firstMismatch).toBe('');
      expect(mismatches).toBe(0);
      // Five different ranks here are A-2-3-4-5, a straight: no high card, and no flush but the
      // steel wheel. Each of these is easy to deal (e.g. As2s + 3s4s5s, AcAd + AhAs2c, AcAd + Ah2c2d).
      const categories = new Set<HandCategory>();
      histogram.forEach((count, value) => {
        if (count > 0) categories.add(handCategory(value));
      });
      for (const category of [
        'straight-flush',
        'four-of-a-kind',
        'full-house',
        'straight',
        'three-of-a-kind',
        'two-pair',
      ] as const) {
        expect(categories.has(category), category).toBe(true);
      }
      expect(categories.has('high-card')).toBe(false);
      expect(categories.has('flush')).toBe(false);
    },
    LONG_TIMEOUT_MS,
  );

  it.each([3, 4])(
    'every 4 hole cards with every %i-card board',
    (boardSize) => {
      let hands = 0;
      const mismatches: string[] = [];
      const n = deck.length;
      const board: Card[] = [];
      const visitBoards = (rest: readonly Card[], from: number, hole: readonly Card[]): void => {
        if (board.length === boardSize) {
          hands++;
          if (fastOmaha(hole, board) !== bruteForceOmaha(hole, board)) {
            mismatches.push(`${cardsToString(hole)} / ${cardsToString(board)}`);
          }
          return;
        }
        for (let i = from; i < rest.length; i++) {
          board.push(rest[i]!);
          visitBoards(rest, i + 1, hole);
          board.pop();
        }
      };
      for (let a = 0; a < n; a++)
        for (let b = a + 1; b < n; b++)
          for (let c = b + 1; c < n; c++)
            for (let d = c + 1; d < n; d++) {
              const hole = [deck[a]!, deck[b]!, deck[c]!, deck[d]!];
              visitBoards(
                deck.filter((card) => !hole.includes(card)),
                0,
                hole,
              );
            }
      expect(hands).toBe(4_845 * (boardSize === 3 ? 560 : 1_820));
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
    LONG_TIMEOUT_MS,
  );
});

type BoardKind =
  | 'monotone'
  | 'four-flush'
  | 'three-flush'
  | 'two-tone-or-rainbow'
  | 'unpaired'
  | 'paired'
  | 'two-paired'
  | 'trips'
  | 'full-house'
  | 'quads';

function boardKinds(board: readonly Card[]): BoardKind[] {
  const suitCounts = [0, 0, 0, 0];
  const rankCounts = new Array<number>(13).fill(0);
  for (const card of board) {
    suitCounts[card & 3]!++;
    rankCounts[card >> 2]!++;
  }
  const maxSuit = Math.max(...suitCounts);
  const suitKind: BoardKind =
    maxSuit === 5
      ? 'monotone'
      : maxSuit === 4
        ? 'four-flush'
        : maxSuit === 3
          ? 'three-flush'
          : 'two-tone-or-rainbow';
  const groups = rankCounts.filter((count) => count > 1).sort((x, y) => y - x);
  const rankKind: BoardKind =
    groups[0] === 4
      ? 'quads'
      : groups[0] === 3
        ? groups.length > 1
          ? 'full-house'
          : 'trips'
        : groups.length === 2
          ? 'two-paired'
          : groups.length === 1
            ? 'paired'
            : 'unpaired';
  return [suitKind, rankKind];
}

describe('random: 10,000,000 hands of the whole deck', () => {
  it(
    'equal the brute-force reference, reach every category, and deal every kind of board',
    () => {
      const hands = 10_000_000;
      const rand = seededRandom(20_261_207);
      const deck = Int32Array.from({ length: 52 }, (_, card) => card);
      const categoryCounts = new Map<HandCategory, number>(HAND_CATEGORIES.map((category) => [category, 0]));
      const kindCounts = new Map<BoardKind, number>();
      const histogram = new Float64Array(7463);
      let mismatches = 0;
      let firstMismatch = '';
      for (let hand = 0; hand < hands; hand++) {
        // Partial Fisher-Yates: the first nine slots become a uniform random sample.
        for (let i = 0; i < 9; i++) {
          const j = i + seededInt(rand, 52 - i);
          const card = deck[j]!;
          deck[j] = deck[i]!;
          deck[i] = card;
        }
        const [h0, h1, h2, h3, b0, b1, b2, b3, b4] = deck as unknown as [
          Card,
          Card,
          Card,
          Card,
          Card,
          Card,
          Card,
          Card,
          Card,
        ];
        const value = evaluateOmaha(h0, h1, h2, h3, b0, b1, b2, b3, b4);
        histogram[value]!++;
        if (value !== bruteForce5(h0, h1, h2, h3, b0, b1, b2, b3, b4)) {
          if (mismatches++ === 0) firstMismatch = cardsToString(Array.from(deck.subarray(0, 9)));
        }
        if ((hand & 15) === 0) {
          for (const kind of boardKinds([b0, b1, b2, b3, b4]))
            kindCounts.set(kind, (kindCounts.get(kind) ?? 0) + 1);
        }
      }
      for (let value = 1; value < histogram.length; value++) {
        const category = handCategory(value);
        categoryCounts.set(category, categoryCounts.get(category)! + histogram[value]!);
      }
      expect(firstMismatch).toBe('');
      expect(mismatches).toBe(0);
      for (const category of HAND_CATEGORIES)
        expect(categoryCounts.get(category), category).toBeGreaterThan(0);
      const kinds: BoardKind[] = [
        'monotone',
        'four-flush',
        'three-flush',
        'two-tone-or-rainbow',
        'unpaired',
        'paired',
        'two-paired',
        'trips',
        'full-house',
        'quads',
      ];
      for (const kind of kinds) expect(kindCounts.get(kind) ?? 0, kind).toBeGreaterThan(0);
      // The public entry point agrees with the numeric one on a sample.
      expect(evaluateOmahaCards([0, 5, 10, 15], [20, 25, 30, 35, 40])).toBe(
        evaluateOmaha(0, 5, 10, 15, 20, 25, 30, 35, 40),
      );
    },
    LONG_TIMEOUT_MS,
  );
});
