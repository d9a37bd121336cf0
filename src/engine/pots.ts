/**
 * Pots from what each player put in over the whole hand (uncalled bets already returned).
 *
 * Each all-in amount caps a pot: a player is eligible for every pot up to their own contribution,
 * unless they folded; folded chips stay in the pots they reached but make nobody eligible. Computing
 * pots once, at the end, from totals is simpler and faster than keeping side pots during the betting.
 *
 * Antes need one refinement. Contributions are measured on a "matched" scale where the ante round
 * comes first and is as large as the largest ante posted. Only a player all-in on the ante is capped
 * inside it; everyone else counts as having matched it, ante or not. With equal antes this is just
 * the total contribution. With a big-blind ante, posted by one player for the whole table, it means
 * the ante is dead money in the main pot that anyone still holding cards can win, as poker rooms
 * rule, instead of a side pot that would hand the ante back to the big blind.
 */
export interface PotLevel {
  readonly amount: number;
  /** Bit i set: position i may win this pot. */
  readonly eligibleMask: number;
}

export interface Contributions {
  /** Antes actually posted, by position. */
  readonly antes: readonly number[];
  /** Bit i set: position i was all-in on its ante (posted less than the table's ante). */
  readonly anteCappedMask: number;
  /** Chips put in beyond the ante (blinds, bets, calls), by position. */
  readonly live: readonly number[];
  readonly foldedMask: number;
}

/** Length of the overlap of [low, high) with [floor, level). */
function overlap(low: number, high: number, floor: number, level: number): number {
  const from = Math.max(low, floor);
  const to = Math.min(high, level);
  return to > from ? to - from : 0;
}

function largestAnte(antes: readonly number[]): number {
  let largest = 0;
  for (let i = 0; i < antes.length; i++) if (antes[i]! > largest) largest = antes[i]!;
  return largest;
}

/** Each player's contribution on the matched scale (see above). */
export function matchedTotals(contributions: Contributions): number[] {
  const { antes, anteCappedMask, live } = contributions;
  const anteRound = largestAnte(antes);
  const matched = new Array<number>(live.length);
  for (let i = 0; i < live.length; i++) {
    matched[i] = (anteCappedMask & (1 << i)) !== 0 ? antes[i]! : anteRound + live[i]!;
  }
  return matched;
}

/** Distinct matched totals of the players still holding cards, ascending (insertion: n <= 10). */
function potLevels(matched: readonly number[], foldedMask: number): number[] {
  const levels: number[] = [];
  for (let i = 0; i < matched.length; i++) {
    if ((foldedMask & (1 << i)) !== 0) continue;
    const value = matched[i]!;
    let at = levels.length;
    while (at > 0 && levels[at - 1]! > value) at--;
    if (at > 0 && levels[at - 1] === value) continue;
    levels.splice(at, 0, value);
  }
  return levels;
}

/** Pots in order, main pot first. Pots of zero chips are left out. */
export function buildPots(contributions: Contributions): PotLevel[] {
  const { antes, live, foldedMask } = contributions;
  const playerCount = live.length;
  const anteRound = largestAnte(antes);
  const matched = matchedTotals(contributions);
  const levels = potLevels(matched, foldedMask);

  const pots: PotLevel[] = [];
  let floor = 0;
  let assigned = 0;
  for (let k = 0; k < levels.length; k++) {
    const level = levels[k]!;
    let amount = 0;
    let eligibleMask = 0;
    for (let i = 0; i < playerCount; i++) {
      amount += overlap(0, antes[i]!, floor, level) + overlap(anteRound, anteRound + live[i]!, floor, level);
      if (matched[i]! >= level && (foldedMask & (1 << i)) === 0) eligibleMask |= 1 << i;
    }
    floor = level;
    if (amount === 0) continue;
    assigned += amount;
    pots.push({ amount, eligibleMask });
  }

  // Folded chips above every live player's contribution cannot be matched: they join the top pot.
  let total = 0;
  for (let i = 0; i < playerCount; i++) total += antes[i]! + live[i]!;
  if (total > assigned && pots.length > 0) {
    const top = pots[pots.length - 1]!;
    pots[pots.length - 1] = { amount: top.amount + total - assigned, eligibleMask: top.eligibleMask };
  }
  return pots;
}

/** Positions in a mask, in position order (clockwise from the button). */
export function positionsOf(mask: number, playerCount: number): number[] {
  const positions: number[] = [];
  for (let i = 0; i < playerCount; i++) if ((mask & (1 << i)) !== 0) positions.push(i);
  return positions;
}
