/**
 * Hand values run 1..7462, higher is better: the 7,462 equivalence classes of five-card poker hands
 * in ascending strength. Each category owns one contiguous block, so the category of a value is a
 * few comparisons.
 */
export type HandCategory =
  | 'straight-flush'
  | 'four-of-a-kind'
  | 'full-house'
  | 'flush'
  | 'straight'
  | 'three-of-a-kind'
  | 'two-pair'
  | 'one-pair'
  | 'high-card';

/** Categories from weakest to strongest; the index is the category's strength order. */
export const HAND_CATEGORIES: readonly HandCategory[] = [
  'high-card',
  'one-pair',
  'two-pair',
  'three-of-a-kind',
  'straight',
  'flush',
  'full-house',
  'four-of-a-kind',
  'straight-flush',
];

/** Number of equivalence classes in each category, weakest category first. */
export const CATEGORY_CLASS_COUNTS: readonly number[] = [1277, 2860, 858, 858, 10, 1277, 156, 156, 10];

export const HAND_CLASS_COUNT = 7462;

/** Lowest value of each category, weakest category first (high card starts at 1). */
export const CATEGORY_FIRST_VALUE: readonly number[] = (() => {
  const first: number[] = [];
  let next = 1;
  for (const count of CATEGORY_CLASS_COUNTS) {
    first.push(next);
    next += count;
  }
  return first;
})();

/** Category index (0 = high card .. 8 = straight flush) of a hand value. */
export function categoryIndex(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > HAND_CLASS_COUNT) {
    throw new RangeError(`engine/invalid-hand-value: ${value}`);
  }
  let index = CATEGORY_FIRST_VALUE.length - 1;
  while (value < CATEGORY_FIRST_VALUE[index]!) index--;
  return index;
}

export function handCategory(value: number): HandCategory {
  return HAND_CATEGORIES[categoryIndex(value)]!;
}
