import type { HandResult, HandView } from '../engine/hand-types.js';
import type { Result } from '../errors/result.js';

/**
 * Checks that chips are conserved and no stack goes negative. A failure means a bug somewhere:
 * the table stops rather than pay out a wrong amount (see table-actor.ts, halt).
 */

/** Fine, or what is broken, in words for the log. */
export type InvariantCheck = Result<void, string>;

const OK: InvariantCheck = { ok: true, value: undefined };

function isChipCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** During a hand: each player's stack plus what they put in adds up to what they started with. */
export function checkLiveHand(view: HandView, startingStacks: readonly number[]): InvariantCheck {
  if (view.players.length !== startingStacks.length) return { ok: false, error: 'player count changed' };
  let inPlay = 0;
  for (const player of view.players) {
    if (!isChipCount(player.stack) || !isChipCount(player.totalCommitted)) {
      return { ok: false, error: `seat ${player.seat} has a negative or fractional amount` };
    }
    inPlay += player.stack + player.totalCommitted;
  }
  const started = sum(startingStacks);
  if (inPlay !== started)
    return { ok: false, error: `chips not conserved: ${inPlay} in play, ${started} at start` };
  return OK;
}

/** At the end: final stacks plus rake equal the starting stacks, and every amount is a chip count. */
export function checkResult(result: HandResult, startingStacks: readonly number[]): InvariantCheck {
  if (result.finalStacks.length !== startingStacks.length)
    return { ok: false, error: 'player count changed' };
  if (!result.finalStacks.every(isChipCount))
    return { ok: false, error: 'a final stack is negative or fractional' };
  if (!isChipCount(result.rakeTotal)) return { ok: false, error: 'the rake is negative or fractional' };
  const after = sum(result.finalStacks) + result.rakeTotal;
  const before = sum(startingStacks);
  if (after !== before)
    return { ok: false, error: `chips not conserved: ${after} after the hand, ${before} before` };
  return OK;
}
