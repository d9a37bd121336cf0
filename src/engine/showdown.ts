import { splitUnits } from '../money/split.js';
import type { Card } from './cards.js';
import { evaluate7 } from './evaluator.js';
import { COMPLETE, type EngineState, type HandConfig, holeCardsOf } from './hand-state.js';
import type { HandEvent, PotResult, PotShare } from './hand-types.js';
import { evaluateOmaha } from './omaha-evaluator.js';
import { buildPots, type PotLevel, positionsOf } from './pots.js';
import { rakePots } from './rake.js';

const TABLE = Object.freeze({ to: 'table' } as const);
const FLOP_SIZE = 3;

/**
 * A player's hand value on a full board (1..7462, higher is better): the best five of seven in
 * Hold'em; in Omaha, exactly two of the four hole cards with exactly three of the board.
 */
function handValue(config: HandConfig, player: number, board: readonly Card[]): number {
  const { deck, holeCardCount } = config;
  const h = holeCardCount * player;
  if (config.variant === 'PO') {
    return evaluateOmaha(
      deck[h]!,
      deck[h + 1]!,
      deck[h + 2]!,
      deck[h + 3]!,
      board[0]!,
      board[1]!,
      board[2]!,
      board[3]!,
      board[4]!,
    );
  }
  return evaluate7(deck[h]!, deck[h + 1]!, board[0]!, board[1]!, board[2]!, board[3]!, board[4]!);
}

/** The pots of a hand whose bets are all collected (see pots.ts for how antes count). */
export function handPots(state: EngineState): PotLevel[] {
  const { playerCount, postedAntes, antes, blindBeforeAnte } = state.config;
  const live = new Array<number>(playerCount);
  let anteCappedMask = 0;
  for (let i = 0; i < playerCount; i++) {
    live[i] = state.priorBets[i]! - postedAntes[i]!;
    // A big-blind ante short because the blind came first is the only ante: it is the whole ante
    // round (pots.ts), and its poster's blind still counts, so it caps nothing.
    if (postedAntes[i]! < antes[i]! && !blindBeforeAnte) anteCappedMask |= 1 << i;
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

/** A pot's share for each of its winners among `values`, `amount` divided as splitUnits does. */
function sharesOf(mask: number, values: readonly number[], amount: number, playerCount: number): PotShare[] {
  const winners = bestOf(mask, values, playerCount);
  const shares = splitUnits(amount, winners.length);
  return winners.map((player, k) => ({ player, amount: shares[k]! }));
}

/** Each player's total over the runs, in position order. */
function mergeShares(runs: readonly (readonly PotShare[])[], playerCount: number): PotShare[] {
  const totals = new Array<number>(playerCount).fill(0);
  for (const run of runs)
    for (const share of run) totals[share.player] = totals[share.player]! + share.amount;
  const merged: PotShare[] = [];
  for (let player = 0; player < playerCount; player++)
    if (totals[player]! > 0) merged.push({ player, amount: totals[player]! });
  return merged;
}

/**
 * Splits every pot among its winners and completes the hand. Pots are awarded one by one, the last
 * side pot first and the main pot last. Each pot is raked first (rake.ts), then divided in whole
 * units: the odd chips go to the first winners clockwise from the button, so nothing is lost.
 * `valuesByRun` holds, per run of the board, the hand values of the players who reached showdown
 * (0 for the others). A pot run twice is halved first, the odd chip to the first run, and each half
 * is divided among that run's winners.
 */
function awardPots(
  state: EngineState,
  events: HandEvent[],
  pots: readonly PotLevel[],
  valuesByRun: readonly (readonly number[])[],
  shown: readonly (readonly Card[] | null)[],
  secondBoard: readonly Card[] | null,
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
    const net = pot.amount - rake;
    const halves = valuesByRun.length === 1 ? [net] : [net - Math.floor(net / 2), Math.floor(net / 2)];
    const runs = valuesByRun.map((values, run) => ({
      amount: halves[run]!,
      winners: sharesOf(pot.eligibleMask, values, halves[run]!, playerCount),
    }));
    const potShares =
      runs.length === 1
        ? runs[0]!.winners
        : mergeShares(
            runs.map((run) => run.winners),
            playerCount,
          );
    for (const share of potShares) state.stacks[share.player] = state.stacks[share.player]! + share.amount;
    rakeTotal += rake;
    results.push({
      amount: pot.amount,
      rake,
      eligible: positionsOf(pot.eligibleMask, playerCount),
      winners: potShares,
      runs: runs.length > 1 ? runs : undefined,
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
    secondBoard: secondBoard === null ? null : secondBoard.slice(),
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
  awardPots(state, events, pots, [values], new Array<Card[] | null>(playerCount).fill(null), null);
}

/**
 * Showdown, on one board or, for a hand run twice, on two. The last bettor or raiser on the river
 * shows first; without a river bet, the first active player clockwise from the button does, and the
 * others follow clockwise. A player beaten by a hand already shown in every pot they could win
 * mucks, unless someone is all-in: then every hand is shown (already at the runout, when the hand
 * paused there). Hands are valued by handValue (Hold'em or Omaha rules).
 */
export function showdown(
  state: EngineState,
  events: HandEvent[],
  boards: readonly (readonly Card[])[],
): void {
  const { playerCount } = state.config;
  const valuesByRun = boards.map(() => new Array<number>(playerCount).fill(0));
  let someoneAllIn = false;
  let first = -1;
  for (let i = 0; i < playerCount; i++) {
    if ((state.foldedMask & (1 << i)) !== 0) continue;
    for (let run = 0; run < boards.length; run++)
      valuesByRun[run]![i] = handValue(state.config, i, boards[run]!);
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
    const exposed = state.exposed?.[player];
    if (exposed) {
      shown[player] = exposed.slice();
      shownMask |= bit;
    } else if (someoneAllIn || canStillWin(player, pots, valuesByRun[0]!, shownMask, playerCount)) {
      const cards = holeCardsOf(state.config, player);
      shown[player] = cards;
      shownMask |= bit;
      events.push({ type: 'CardsShown', player, cards, visibility: TABLE });
    } else {
      events.push({ type: 'CardsMucked', player, visibility: TABLE });
    }
  }
  awardPots(state, events, pots, valuesByRun, shown, boards.length > 1 ? boards[1]! : null);
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
