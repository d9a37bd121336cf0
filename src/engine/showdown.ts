import { splitUnits } from '../money/split.js';
import type { Card } from './cards.js';
import { evaluate7 } from './evaluator.js';
import { COMPLETE, type EngineState } from './hand-state.js';
import type { HandEvent, PotResult, PotShare } from './hand-types.js';
import { buildPots, type PotLevel, positionsOf } from './pots.js';
import { rakePots } from './rake.js';

const TABLE = Object.freeze({ to: 'table' } as const);
const FLOP_SIZE = 3;

function holeCards(state: EngineState, player: number): Card[] {
  return [state.config.deck[2 * player]!, state.config.deck[2 * player + 1]!];
}

/** The pots of a hand whose bets are all collected (see pots.ts for how antes count). */
function handPots(state: EngineState): PotLevel[] {
  const { playerCount, postedAntes, antes } = state.config;
  const live = new Array<number>(playerCount);
  let anteCappedMask = 0;
  for (let i = 0; i < playerCount; i++) {
    live[i] = state.priorBets[i]! - postedAntes[i]!;
    if (postedAntes[i]! < antes[i]!) anteCappedMask |= 1 << i;
  }
  return buildPots({ antes: postedAntes, anteCappedMask, live, foldedMask: state.foldedMask });
}

/** Positions in a mask holding the best value, in position order (the odd-chip order). */
function bestOf(mask: number, values: readonly number[], playerCount: number): number[] {
  let best = 0;
  for (let i = 0; i < playerCount; i++) if ((mask & (1 << i)) !== 0 && values[i]! > best) best = values[i]!;
  const winners: number[] = [];
  for (let i = 0; i < playerCount; i++) if ((mask & (1 << i)) !== 0 && values[i] === best) winners.push(i);
  return winners;
}

/**
 * Splits every pot among its winners and completes the hand. Pots are awarded one by one, the last
 * side pot first and the main pot last. Each pot is raked first (rake.ts), then divided in whole
 * units: the odd chips go to the first winners clockwise from the button, so nothing is lost.
 * `values` holds the hand values of the players who reached showdown (0 for the others).
 */
function awardPots(
  state: EngineState,
  events: HandEvent[],
  pots: readonly PotLevel[],
  values: readonly number[],
  shown: readonly (readonly Card[] | null)[],
): void {
  const playerCount = state.config.playerCount;
  const rakes = rakePots(
    pots.map((pot) => pot.amount),
    state.config.rake,
    state.boardCount >= FLOP_SIZE,
  );
  const results: PotResult[] = [];
  let rakeTotal = 0;
  for (let index = 0; index < pots.length; index++) {
    const pot = pots[index]!;
    const rake = rakes[index]!;
    const winners = bestOf(pot.eligibleMask, values, playerCount);
    const shares = splitUnits(pot.amount - rake, winners.length);
    const potShares: PotShare[] = winners.map((player, k) => ({ player, amount: shares[k]! }));
    for (const share of potShares) state.stacks[share.player] = state.stacks[share.player]! + share.amount;
    rakeTotal += rake;
    results.push({
      amount: pot.amount,
      rake,
      eligible: positionsOf(pot.eligibleMask, playerCount),
      winners: potShares,
    });
  }
  for (let index = results.length - 1; index >= 0; index--) {
    const pot = results[index]!;
    events.push({
      type: 'PotAwarded',
      pot: index,
      amount: pot.amount,
      rake: pot.rake,
      winners: pot.winners,
      visibility: TABLE,
    });
  }
  state.street = COMPLETE;
  state.toAct = -1;
  state.pendingMask = 0;
  state.result = {
    pots: results,
    rakeTotal,
    uncalled: state.uncalled,
    finalStacks: state.stacks.slice(),
    shown,
  };
  events.push({ type: 'HandCompleted', visibility: TABLE });
}

/** Everyone else folded: the last player wins every pot without showing. */
export function awardWithoutShowdown(state: EngineState, events: HandEvent[]): void {
  const playerCount = state.config.playerCount;
  const pots = handPots(state);
  // Each pot's only eligible player is the one still holding cards; any value above 0 wins.
  const values = new Array<number>(playerCount).fill(0);
  for (let i = 0; i < playerCount; i++) if ((state.foldedMask & (1 << i)) === 0) values[i] = 1;
  awardPots(state, events, pots, values, new Array<Card[] | null>(playerCount).fill(null));
}

/**
 * Showdown. The last bettor or raiser on the river shows first; without a river bet, the first
 * active player clockwise from the button does, and the others follow clockwise. A player beaten by a
 * hand already shown in every pot they could win mucks, unless someone is all-in: then every hand is
 * shown. Hands are the best five of seven cards (evaluator.ts).
 */
export function showdown(state: EngineState, events: HandEvent[]): void {
  const { playerCount, deck } = state.config;
  const boardStart = 2 * playerCount;
  const b0 = deck[boardStart]!;
  const b1 = deck[boardStart + 1]!;
  const b2 = deck[boardStart + 2]!;
  const b3 = deck[boardStart + 3]!;
  const b4 = deck[boardStart + 4]!;
  const values = new Array<number>(playerCount).fill(0);
  let someoneAllIn = false;
  let first = -1;
  for (let i = 0; i < playerCount; i++) {
    if ((state.foldedMask & (1 << i)) !== 0) continue;
    values[i] = evaluate7(deck[2 * i]!, deck[2 * i + 1]!, b0, b1, b2, b3, b4);
    if (state.stacks[i] === 0) someoneAllIn = true;
    if (first < 0) first = i;
  }
  const aggressor = state.lastAggressor;
  if (aggressor >= 0 && (state.foldedMask & (1 << aggressor)) === 0) first = aggressor;

  const pots = handPots(state);
  const shown = new Array<Card[] | null>(playerCount).fill(null);
  let shownMask = 0;
  for (let step = 0; step < playerCount; step++) {
    const player = (first + step) % playerCount;
    const bit = 1 << player;
    if ((state.foldedMask & bit) !== 0) continue;
    if (someoneAllIn || canStillWin(player, pots, values, shownMask, playerCount)) {
      const cards = holeCards(state, player);
      shown[player] = cards;
      shownMask |= bit;
      events.push({ type: 'CardsShown', player, cards, visibility: TABLE });
    } else {
      events.push({ type: 'CardsMucked', player, visibility: TABLE });
    }
  }
  awardPots(state, events, pots, values, shown);
}

/** False when, in every pot `player` is eligible for, a hand already shown beats theirs. */
function canStillWin(
  player: number,
  pots: readonly PotLevel[],
  values: readonly number[],
  shownMask: number,
  playerCount: number,
): boolean {
  for (const pot of pots) {
    if ((pot.eligibleMask & (1 << player)) === 0) continue;
    let bestShown = 0;
    const contenders = pot.eligibleMask & shownMask;
    for (let i = 0; i < playerCount; i++) {
      if ((contenders & (1 << i)) !== 0 && values[i]! > bestShown) bestShown = values[i]!;
    }
    if (values[player]! >= bestShown) return true;
  }
  return false;
}
