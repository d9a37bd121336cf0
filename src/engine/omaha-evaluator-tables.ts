/**
 * Lookup tables of the Omaha evaluator (omaha-evaluator.ts), built from first principles when this
 * module loads (see BUILD COST below; the 7-card evaluator's own tables are reused, not rebuilt, and
 * a process that never imports this module pays nothing).
 *
 * Every table is indexed by a board ROW and a hole PAIR COLUMN: one of the 91 unordered pairs of
 * ranks (PAIR_CODES gives the column of two hole cards, in either order). An entry is the best value
 * an Omaha hand can make from exactly that pair of hole ranks and exactly three of the board's cards:
 *
 * - NON_FLUSH_3 / _4 / _5: rows are the rank multisets of 3, 4 or 5 board cards (455, 1,820 and 6,175
 *   of them); entries are the best value ignoring suits (the max over the board's rank triples of the
 *   5-card non-flush value). Entries whose pair cannot occur with that board (a fifth card of a rank)
 *   are 0. A board's row is the slot of its rank-key sum (rank-keys.ts) in a dense perfect hash: for
 *   five cards that is the 7-card evaluator's own HASH5 (6,175 slots for the 6,175 multisets).
 * Flushes need no table of their own: omaha-evaluator.ts reads the 7-card evaluator's FLUSH_VALUES.
 *
 * Why pairs and not whole hands: a table keyed by (board multiset, hole multiset) answers with one
 * read, but holds 6,175 x 1,820 entries for 5-card boards (22 MB): measured here, that one read,
 * which misses every cache, made an evaluation 7.7x slower than a 7-card one. Keyed by pair, a hand
 * reads six entries of ONE 182-byte row, and every table together is 1.6 MB.
 *
 * BUILD COST: about 7 M five-card lookups, 50..100 ms at module load on the 2-core dev machine;
 * memory 1.12 MB (5-card boards) + 0.33 MB (4) + 0.08 MB (3) + 0.06 MB of hashes and pair codes.
 */
import { HASH5, RANK_KEY_MASK } from './evaluator-tables.js';
import { buildDisplacementHash, type DisplacementHash } from './perfect-hash.js';
import { RANK_KEYS } from './rank-keys.js';

/** Columns per row: the unordered pairs of ranks, pocket pairs included (13 * 14 / 2). */
export const PAIR_COLUMNS = 91;

/** Column of the unordered rank pair {low, high}: rows of the triangle low <= high, in order. */
function pairColumn(rankA: number, rankB: number): number {
  const low = Math.min(rankA, rankB);
  const high = Math.max(rankA, rankB);
  return low * 13 - ((low * (low - 1)) >> 1) + (high - low);
}

/** Bit of the "two hole cards of suit s" flag in PAIR_CODES: bit 3 of nibble s, moved up 8 bits. */
export const SUITED_PAIR_SHIFT = 8;
/** Mask of the column in a PAIR_CODES entry. */
export const PAIR_COLUMN_MASK = 0x7f;

/**
 * Per two distinct cards a, b (index `(a << 6) | b`, either order; a shift is cheaper than a multiply
 * on the hot path): the column of their ranks, plus, when both have suit s, the flag bit
 * 4 * s + 3 + SUITED_PAIR_SHIFT. OR-ing the codes of a hand's six pairs and shifting right by
 * SUITED_PAIR_SHIFT gives bit 4s + 3 for every suit the hole holds twice or more, lined up with the
 * board's "three or more of suit s" bits (omaha-evaluator.ts).
 */
export const PAIR_CODES: Int32Array = (() => {
  const codes = new Int32Array(52 << 6);
  for (let a = 0; a < 52; a++) {
    for (let b = 0; b < 52; b++) {
      if (a === b) continue;
      const suited = (a & 3) === (b & 3) ? 1 << (4 * (a & 3) + 3 + SUITED_PAIR_SHIFT) : 0;
      codes[(a << 6) | b] = pairColumn(a >> 2, b >> 2) | suited;
    }
  }
  return codes;
})();

/** A 3-, 4- or 5-card board's row: `offsets[key & rowMask] + (key >>> rowBits)` of its rank-key sum. */
export interface BoardRowHash {
  readonly rowBits: number;
  readonly rowMask: number;
  readonly offsets: Uint16Array;
  readonly rowCount: number;
}

interface RankMultiset {
  readonly counts: readonly number[];
  readonly keySum: number;
}

/** Every multiset of `size` ranks with at most four of a rank (the rank patterns of real cards). */
function rankMultisets(size: number): RankMultiset[] {
  const out: RankMultiset[] = [];
  const counts = new Array<number>(13).fill(0);
  const visit = (rank: number, remaining: number, keySum: number): void => {
    if (remaining === 0) {
      out.push({ counts: counts.slice(), keySum });
      return;
    }
    if (rank > 12) return;
    for (let take = Math.min(4, remaining); take >= 0; take--) {
      counts[rank] = take;
      visit(rank + 1, remaining - take, keySum + take * RANK_KEYS[rank]!);
    }
    counts[rank] = 0;
  };
  visit(0, size, 0);
  return out;
}

function rowHashOf(hash: DisplacementHash): BoardRowHash {
  return {
    rowBits: hash.rowBits,
    rowMask: hash.rowMask,
    offsets: hash.offsets,
    rowCount: hash.values.length,
  };
}

function buildBoardRowHash(size: number, rowBits: number): BoardRowHash {
  const multisets = rankMultisets(size);
  const keys = multisets.map((multiset) => multiset.keySum);
  // The values are not used (a row is the slot itself); they only need to be non-zero.
  return rowHashOf(buildDisplacementHash(keys, new Array<number>(keys.length).fill(1), rowBits));
}

/** The row of a board's rank-key sum (sums of one size are unique, see rank-keys.ts). */
export function boardRow(hash: BoardRowHash, keySum: number): number {
  const key = keySum & RANK_KEY_MASK;
  return hash.offsets[key & hash.rowMask]! + (key >>> hash.rowBits);
}

/** Non-flush value of five ranks given by their rank-key sum, from the 7-card evaluator's HASH5. */
function nonFlushValue5(keySum: number): number {
  return HASH5.values[HASH5.offsets[keySum & HASH5.rowMask]! + (keySum >>> HASH5.rowBits)]!;
}

/** The distinct rank-key sums of the 3-card sub-multisets of a multiset. */
function tripleKeySums(counts: readonly number[]): number[] {
  const sums = new Set<number>();
  const visit = (rank: number, remaining: number, keySum: number): void => {
    if (remaining === 0) {
      sums.add(keySum);
      return;
    }
    if (rank > 12) return;
    for (let n = Math.min(counts[rank]!, remaining); n >= 0; n--) {
      visit(rank + 1, remaining - n, keySum + n * RANK_KEYS[rank]!);
    }
  };
  visit(0, 3, 0);
  return [...sums];
}

function buildNonFlushTable(size: number, hash: BoardRowHash): Uint16Array {
  const table = new Uint16Array(hash.rowCount * PAIR_COLUMNS);
  for (const { counts, keySum } of rankMultisets(size)) {
    const rowStart = boardRow(hash, keySum) * PAIR_COLUMNS;
    const triples = tripleKeySums(counts);
    for (let low = 0; low < 13; low++) {
      for (let high = low; high < 13; high++) {
        // The pair plus the board may hold at most four cards of a rank.
        if (counts[low]! + 1 > 4 || counts[high]! + 1 > 4) continue;
        if (low === high && counts[low]! + 2 > 4) continue;
        const pairKey = RANK_KEYS[low]! + RANK_KEYS[high]!;
        let best = 0;
        for (const triple of triples) best = Math.max(best, nonFlushValue5(pairKey + triple));
        table[rowStart + pairColumn(low, high)] = best;
      }
    }
  }
  return table;
}

/** Rows of 5-card boards: the slots of the 7-card evaluator's HASH5 (dense, one per multiset). */
export const BOARD_ROWS_5: BoardRowHash = rowHashOf(HASH5);
// Row bits chosen like evaluator-tables.ts: few rows, still a dense table and a quick build.
export const BOARD_ROWS_4: BoardRowHash = buildBoardRowHash(4, 13);
export const BOARD_ROWS_3: BoardRowHash = buildBoardRowHash(3, 14);

export const NON_FLUSH_5: Uint16Array = buildNonFlushTable(5, BOARD_ROWS_5);
export const NON_FLUSH_4: Uint16Array = buildNonFlushTable(4, BOARD_ROWS_4);
export const NON_FLUSH_3: Uint16Array = buildNonFlushTable(3, BOARD_ROWS_3);
