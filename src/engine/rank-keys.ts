/**
 * One key per rank (index 0..12 = 2..A) such that every multiset of exactly 5, 6 or 7 ranks (each
 * rank at most 4 times) has a distinct key sum. Adding the keys of a hand's cards therefore
 * identifies its rank pattern without sorting or counting.
 *
 * Found at development time by a greedy search: each key is the smallest integer above the previous
 * one that keeps all sums of 3..7-rank multisets over the keys chosen so far distinct per size
 * (sizes 3..6 must stay distinct too, since later ranks extend them to 7). The largest 7-card sum is
 * 4 * 1479181 + 3 * 636345 = 7,825,759. evaluator-tables.ts re-verifies the uniqueness at load.
 */
export const RANK_KEYS: readonly number[] = [
  0, 1, 5, 22, 98, 453, 2031, 8698, 22854, 83661, 262349, 636345, 1479181,
];
