/**
 * Omaha hand evaluator: four hole cards, of which a hand uses EXACTLY two, with EXACTLY three of the
 * 3..5 board cards. Values are those of evaluator.ts (1..7462, higher is better, equal values are
 * equal hands), so an Omaha value compares with any other hand value. Cards are `rank * 4 + suit`
 * (cards.ts). Pure; the tables (omaha-evaluator-tables.ts) are built once when this module loads.
 * The evaluate functions do not check their cards (they are the hot path): four distinct hole cards
 * and distinct board cards, all 0..51.
 *
 * The naive method tries the 6 hole pairs x 10 board triples = 60 five-card hands. Instead:
 * 1. Sum the board cards' weights (the 7-card evaluator's CARD_WEIGHTS): the low bits are the board's
 *    rank-key sum, the high bits four suit counters.
 * 2. Ignoring suits, the hand's value depends only on the board's rank multiset and the hole ranks.
 *    The rank-key sum goes through a perfect hash to the board's row; the row holds, for every pair
 *    of hole ranks, the best value of that pair with any three board ranks. The hand's non-flush
 *    value is the best of its six pairs' entries: six reads from one 182-byte row.
 * 3. A flush is possible only if the board has three or more cards of a suit (a counter >= 3: at most
 *    one suit can) and the hole two or more of that suit (flags carried by the pair codes). Then the
 *    best flush or straight flush of two suited hole cards with three suited board cards comes from
 *    the 7-card evaluator's FLUSH_VALUES (13-bit rank mask -> value), and the hand's value is the
 *    best of that and the non-flush value. This is exact: a flush 5-card hand's value is above its
 *    own ranks' non-flush value (a straight or high card), and every other 5-card hand is valued by
 *    ranks alone.
 * A 5-card evaluation is 5 weight reads, one hash read, six pair-code reads (PAIR_CODES, which also
 * carry the hole's suited-pair flags for step 3) and six row reads, plus the flush step on about 7%
 * of random hands: about 2.5x the time of one evaluate7 in npm run bench:engine (target: 3x),
 * against 60 five-card evaluations for the naive method.
 */
import type { Card } from './cards.js';
import { evaluate5 } from './evaluator.js';
import { CARD_WEIGHTS, FLUSH_VALUES, RANK_KEY_MASK, SUIT_COUNTER_SCALE } from './evaluator-tables.js';
import { type HandCategory, handCategory } from './hand-category.js';
import {
  BOARD_ROWS_3,
  BOARD_ROWS_4,
  BOARD_ROWS_5,
  NON_FLUSH_3,
  NON_FLUSH_4,
  NON_FLUSH_5,
  PAIR_CODES,
  PAIR_COLUMN_MASK,
  PAIR_COLUMNS,
  SUITED_PAIR_SHIFT,
} from './omaha-evaluator-tables.js';

// Module-level constants so the hot paths read plain typed arrays.
const WEIGHTS = CARD_WEIGHTS;
const INVERSE_SUIT_SCALE = 1 / SUIT_COUNTER_SCALE;
const CODES = PAIR_CODES;
const COLUMN = PAIR_COLUMN_MASK;
const COLUMNS = PAIR_COLUMNS;
const SUITED_SHIFT = SUITED_PAIR_SHIFT;
const OFFSETS5 = BOARD_ROWS_5.offsets;
const ROW_MASK5 = BOARD_ROWS_5.rowMask;
const ROW_BITS5 = BOARD_ROWS_5.rowBits;
const OFFSETS4 = BOARD_ROWS_4.offsets;
const ROW_MASK4 = BOARD_ROWS_4.rowMask;
const ROW_BITS4 = BOARD_ROWS_4.rowBits;
const OFFSETS3 = BOARD_ROWS_3.offsets;
const ROW_MASK3 = BOARD_ROWS_3.rowMask;
const ROW_BITS3 = BOARD_ROWS_3.rowBits;
const NON_FLUSH5 = NON_FLUSH_5;
const NON_FLUSH4 = NON_FLUSH_4;
const NON_FLUSH3 = NON_FLUSH_3;
const FLUSHES = FLUSH_VALUES;

/*
 * Performance notes (measured on random hands, as in npm run bench:engine):
 * - The evaluate functions stay under V8's inlining limit (460 bytes of bytecode) by calling small
 *   helpers; a version with everything written out in one function was not inlined into callers'
 *   loops and ran 20% slower.
 * - max() is branch-free: which pair is best is random, and branches on it mispredicted so often
 *   that the same code with `if (v > best)` (or Math.max) ran 1.7x slower.
 * - Of the 2.5x, about 0.5 is table reads that miss L2 (the 1.1 MB 5-card table is a core's whole
 *   L2: with the reads confined to 0.2 MB of rows it ran at 2.0x) and about 0.25 the flush branch,
 *   taken on 7% of random hands, unpredictably: each misprediction throws away the next hands'
 *   reads already in flight. Doing the flush step without a branch on every hand was slower (4x),
 *   and so was one table keyed by whole hole multisets (22 MB, 7.7x: every read missed the caches).
 */

/** max(a, b) of two small non-negative ints without a branch. */
function maxOf(a: number, b: number): number {
  const difference = b - a;
  return a + (difference & ~(difference >> 31));
}

/** Best entry of the six hole pairs (codes c0..c5 from PAIR_CODES) in one table row. */
function bestOfPairs(
  table: Uint16Array,
  rowStart: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  c4: number,
  c5: number,
): number {
  return maxOf(
    maxOf(
      maxOf(table[rowStart + (c0 & COLUMN)]!, table[rowStart + (c1 & COLUMN)]!),
      maxOf(table[rowStart + (c2 & COLUMN)]!, table[rowStart + (c3 & COLUMN)]!),
    ),
    maxOf(table[rowStart + (c4 & COLUMN)]!, table[rowStart + (c5 & COLUMN)]!),
  );
}

/**
 * Non-zero only if a flush is possible: bit 4s + 3 for a suit s that the board holds three or more
 * times (a counter of 3..5 plus 5 reaches 8; with at most five board cards only one suit can) AND the
 * hole holds twice or more (the suited flags of the six pair codes).
 */
function flushPossibleBits(boardWeightSum: number, pairCodesOr: number): number {
  return (((boardWeightSum * INVERSE_SUIT_SCALE) | 0) + 0x5555) & (pairCodesOr >> SUITED_SHIFT) & 0x8888;
}

/**
 * The best of `best` (the non-flush value) and every flush of exactly two hole cards of the suit
 * flagged in `flushBits` with exactly three board cards of that suit. A 3- or 4-card board repeats
 * its last card in the b3/b4 slots: a repeated card adds nothing to a rank mask.
 *
 * Off the hot path (about 7% of random hands), and deliberately one self-contained function: at
 * over 460 bytes of bytecode V8 does not inline it into the evaluate functions, whose loops then
 * stay small (measured: 5% faster than the same code split into small, inlined helpers). It reads
 * only the 7-card evaluator's 16 KB FLUSH_VALUES: a 3-suited board with 2 suited hole cards (the
 * usual case) is one read; more suited cards try every pair of the hole's with every three of the
 * board's.
 */
function withFlushes(
  best: number,
  flushBits: number,
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
  const suit = (31 - Math.clz32(flushBits)) >> 2;
  // A card's rank bit if it has the suit, else 0, without a branch (the suits are random): the
  // XOR is 0 only for the suit, and 0 - 1 is the only negative, so >> 31 makes the all-ones mask.
  const board =
    ((1 << (b0 >> 2)) & ((((b0 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (b1 >> 2)) & ((((b1 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (b2 >> 2)) & ((((b2 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (b3 >> 2)) & ((((b3 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (b4 >> 2)) & ((((b4 & 3) ^ suit) - 1) >> 31));
  const hole =
    ((1 << (h0 >> 2)) & ((((h0 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (h1 >> 2)) & ((((h1 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (h2 >> 2)) & ((((h2 & 3) ^ suit) - 1) >> 31)) |
    ((1 << (h3 >> 2)) & ((((h3 & 3) ^ suit) - 1) >> 31));
  // Dropping the lowest bit twice (board) or once (hole) leaves at most one bit: exactly 3 and 2.
  const boardLess2 = board & (board - 1) & ((board & (board - 1)) - 1);
  const holeLess1 = hole & (hole - 1);
  if ((boardLess2 & (boardLess2 - 1)) === 0 && (holeLess1 & (holeLess1 - 1)) === 0) {
    return Math.max(best, FLUSHES[board | hole]!);
  }
  // x & -x is the lowest bit of x; each loop drops it in turn, so pairs and triples come once each.
  for (let x = hole; x !== 0; x &= x - 1) {
    for (let y = x & (x - 1); y !== 0; y &= y - 1) {
      const pair = (x & -x) | (y & -y);
      for (let a = board; a !== 0; a &= a - 1) {
        for (let b = a & (a - 1); b !== 0; b &= b - 1) {
          for (let c = b & (b - 1); c !== 0; c &= c - 1) {
            const flush = FLUSHES[pair | (a & -a) | (b & -b) | (c & -c)]!;
            if (flush > best) best = flush;
          }
        }
      }
    }
  }
  return best;
}

/** The hot path: a river (5-card) board; numeric arguments, no allocation. */
export function evaluateOmaha(
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
  // Summed as a tree: the sums are exact integers, and shorter chains issue sooner.
  const sum = WEIGHTS[b0]! + WEIGHTS[b1]! + (WEIGHTS[b2]! + WEIGHTS[b3]!) + WEIGHTS[b4]!;
  // Bitwise AND takes the sum modulo 2^32 exactly, dropping the suit counters.
  const key = sum & RANK_KEY_MASK;
  const c0 = CODES[(h0 << 6) | h1]!;
  const c1 = CODES[(h0 << 6) | h2]!;
  const c2 = CODES[(h0 << 6) | h3]!;
  const c3 = CODES[(h1 << 6) | h2]!;
  const c4 = CODES[(h1 << 6) | h3]!;
  const c5 = CODES[(h2 << 6) | h3]!;
  const rowStart = (OFFSETS5[key & ROW_MASK5]! + (key >>> ROW_BITS5)) * COLUMNS;
  const best = bestOfPairs(NON_FLUSH5, rowStart, c0, c1, c2, c3, c4, c5);
  const flushBits = flushPossibleBits(sum, c0 | c1 | c2 | c3 | c4 | c5);
  if (flushBits === 0) return best;
  return withFlushes(best, flushBits, h0, h1, h2, h3, b0, b1, b2, b3, b4);
}

/** A turn (4-card) board. */
export function evaluateOmaha4(
  h0: Card,
  h1: Card,
  h2: Card,
  h3: Card,
  b0: Card,
  b1: Card,
  b2: Card,
  b3: Card,
): number {
  const sum = WEIGHTS[b0]! + WEIGHTS[b1]! + (WEIGHTS[b2]! + WEIGHTS[b3]!);
  const key = sum & RANK_KEY_MASK;
  const c0 = CODES[(h0 << 6) | h1]!;
  const c1 = CODES[(h0 << 6) | h2]!;
  const c2 = CODES[(h0 << 6) | h3]!;
  const c3 = CODES[(h1 << 6) | h2]!;
  const c4 = CODES[(h1 << 6) | h3]!;
  const c5 = CODES[(h2 << 6) | h3]!;
  const rowStart = (OFFSETS4[key & ROW_MASK4]! + (key >>> ROW_BITS4)) * COLUMNS;
  const best = bestOfPairs(NON_FLUSH4, rowStart, c0, c1, c2, c3, c4, c5);
  const flushBits = flushPossibleBits(sum, c0 | c1 | c2 | c3 | c4 | c5);
  if (flushBits === 0) return best;
  return withFlushes(best, flushBits, h0, h1, h2, h3, b0, b1, b2, b3, b3);
}

/** A flop (3-card) board: the hand is one hole pair and the whole board. */
export function evaluateOmaha3(h0: Card, h1: Card, h2: Card, h3: Card, b0: Card, b1: Card, b2: Card): number {
  const sum = WEIGHTS[b0]! + WEIGHTS[b1]! + WEIGHTS[b2]!;
  const key = sum & RANK_KEY_MASK;
  const c0 = CODES[(h0 << 6) | h1]!;
  const c1 = CODES[(h0 << 6) | h2]!;
  const c2 = CODES[(h0 << 6) | h3]!;
  const c3 = CODES[(h1 << 6) | h2]!;
  const c4 = CODES[(h1 << 6) | h3]!;
  const c5 = CODES[(h2 << 6) | h3]!;
  const rowStart = (OFFSETS3[key & ROW_MASK3]! + (key >>> ROW_BITS3)) * COLUMNS;
  const best = bestOfPairs(NON_FLUSH3, rowStart, c0, c1, c2, c3, c4, c5);
  const flushBits = flushPossibleBits(sum, c0 | c1 | c2 | c3 | c4 | c5);
  if (flushBits === 0) return best;
  return withFlushes(best, flushBits, h0, h1, h2, h3, b0, b1, b2, b2, b2);
}

function checkOmahaCards(hole: readonly Card[], board: readonly Card[]): void {
  if (hole.length !== 4) {
    throw new RangeError(`engine/omaha-hole-count: expected 4 hole cards, got ${hole.length}`);
  }
  if (board.length < 3 || board.length > 5) {
    throw new RangeError(`engine/omaha-board-count: expected 3..5 board cards, got ${board.length}`);
  }
  let seen = 0n;
  for (const card of [...hole, ...board]) {
    if (!Number.isInteger(card) || card < 0 || card > 51)
      throw new RangeError(`engine/invalid-card: ${card}`);
    const bit = 1n << BigInt(card);
    if (seen & bit) throw new RangeError(`engine/duplicate-card: ${card}`);
    seen |= bit;
  }
}

/** Evaluates 4 hole cards with a board of 3, 4 or 5 cards. Checks its cards (off the hot path). */
export function evaluateOmahaCards(hole: readonly Card[], board: readonly Card[]): number {
  checkOmahaCards(hole, board);
  const [h0, h1, h2, h3] = hole as [Card, Card, Card, Card];
  switch (board.length) {
    case 3:
      return evaluateOmaha3(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!);
    case 4:
      return evaluateOmaha4(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!, board[3]!);
    default:
      return evaluateOmaha(h0, h1, h2, h3, board[0]!, board[1]!, board[2]!, board[3]!, board[4]!);
  }
}

export interface DescribedOmahaHand {
  readonly value: number;
  readonly category: HandCategory;
  /** The best five cards (two hole cards and three board cards), highest rank first. */
  readonly best: number[];
  /** The two hole cards used, highest first. */
  readonly holeUsed: number[];
}

/**
 * Value, category and best five cards of an Omaha hand. Off the hot path: tries all 60 two-plus-three
 * hands. Where several give the best value, the first found (hole pairs and board triples in input
 * order) is shown.
 */
export function describeOmahaHand(hole: readonly Card[], board: readonly Card[]): DescribedOmahaHand {
  const value = evaluateOmahaCards(hole, board);
  let best: number[] = [];
  let holeUsed: number[] = [];
  let bestValue = 0;
  for (let a = 0; a < 4; a++)
    for (let b = a + 1; b < 4; b++)
      for (let c = 0; c < board.length; c++)
        for (let d = c + 1; d < board.length; d++)
          for (let e = d + 1; e < board.length; e++) {
            const subsetValue = evaluate5(hole[a]!, hole[b]!, board[c]!, board[d]!, board[e]!);
            if (subsetValue > bestValue) {
              bestValue = subsetValue;
              best = [hole[a]!, hole[b]!, board[c]!, board[d]!, board[e]!];
              holeUsed = [hole[a]!, hole[b]!];
            }
          }
  best.sort((x, y) => y - x);
  holeUsed.sort((x, y) => y - x);
  return { value, category: handCategory(value), best, holeUsed };
}
