/**
 * Finishing places of players who bust together.
 * - At one table in one hand, the player who started the hand with more chips finishes higher;
 *   equal starting stacks tie (TDA).
 * - In a hand-for-hand round, players who bust at DIFFERENT tables tie (TDA). Both rules together:
 *   a player's rank is the number of players who busted at their table in that hand with more
 *   chips at its start; players of equal rank tie, lower ranks finish higher. With one table this
 *   is the first rule alone.
 * Tied players share the prizes of the places they take (prizes.ts: sharedPrizes).
 */
export interface Bust {
  readonly entryId: number;
  readonly tableId: number;
  readonly startStack: number;
}

/** Groups of tied entry ids, best finish first; within a group by entry id (the odd-unit order). */
export function rankBusts(busts: readonly Bust[]): number[][] {
  const ranked = busts.map((bust) => ({
    entryId: bust.entryId,
    rank: busts.filter((other) => other.tableId === bust.tableId && other.startStack > bust.startStack)
      .length,
  }));
  ranked.sort((a, b) => a.rank - b.rank || a.entryId - b.entryId);
  const groups: number[][] = [];
  let lastRank = -1;
  for (const { entryId, rank } of ranked) {
    if (rank !== lastRank) groups.push([]);
    groups.at(-1)!.push(entryId);
    lastRank = rank;
  }
  return groups;
}

export interface PlacedGroup {
  readonly entryIds: readonly number[];
  /** The best place of the group; it takes places bestPlace .. bestPlace + size - 1. */
  readonly bestPlace: number;
}

/** Places for groups best first, the first taking `bestPlace` (the number of players left + 1). */
export function placeGroups(groups: readonly (readonly number[])[], bestPlace: number): PlacedGroup[] {
  let next = bestPlace;
  return groups.map((entryIds) => {
    const placed = { entryIds, bestPlace: next };
    next += entryIds.length;
    return placed;
  });
}
