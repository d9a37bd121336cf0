import type { TableState, TournamentState } from './director-types.js';

/**
 * The active tables by planned size, so that balancing finds the largest and the smallest table in
 * O(seats per table) whatever the number of tables. Planned size = players seated - players owed
 * to other tables + players owed by them.
 */

export function plannedSize(table: TableState): number {
  return table.players - table.outgoing.length + table.incomingFrom.length;
}

export function createIndex(seatsPerTable: number): { buckets: number[][]; bucketSlot: number[] } {
  return { buckets: Array.from({ length: seatsPerTable + 1 }, () => []), bucketSlot: [] };
}

/** Removes a table from its bucket (swap with the last: O(1)). */
export function unindex(state: TournamentState, tableId: number): void {
  const slot = state.bucketSlot[tableId - 1] ?? -1;
  if (slot < 0) return;
  const bucket = state.buckets.find((candidate) => candidate[slot] === tableId)!;
  const last = bucket.pop()!;
  if (last !== tableId) {
    bucket[slot] = last;
    state.bucketSlot[last - 1] = slot;
  }
  state.bucketSlot[tableId - 1] = -1;
}

/** Puts an active table in the bucket of its planned size (call after any change to it). */
export function reindex(state: TournamentState, tableId: number): void {
  const table = state.tables[tableId - 1]!;
  const size = plannedSize(table);
  const slot = state.bucketSlot[tableId - 1] ?? -1;
  if (slot >= 0 && state.buckets[size]![slot] === tableId) return;
  unindex(state, tableId);
  const bucket = state.buckets[size]!;
  state.bucketSlot[tableId - 1] = bucket.length;
  bucket.push(tableId);
}

/** The smallest and largest planned sizes of the active tables; null when there are none. */
export function sizeRange(state: TournamentState): { min: number; max: number } | null {
  const sizes = state.buckets;
  let min = 0;
  while (min < sizes.length && sizes[min]!.length === 0) min++;
  if (min === sizes.length) return null;
  let max = sizes.length - 1;
  while (sizes[max]!.length === 0) max--;
  return { min, max };
}
