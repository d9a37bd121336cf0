import type { Card } from './cards.js';
import type {
  GameVariant,
  HandResult,
  HandSetup,
  HandState,
  PlayerAction,
  PotShare,
  RakeRules,
} from './hand-types.js';

/**
 * The engine's private representation of a hand. Outside src/engine it is the opaque HandState.
 *
 * Streets are numbers (0 preflop .. 3 river, 4 complete) and per-player flags are bit masks, so a
 * new state is one small object plus a few arrays of at most ten numbers: cheap to copy on every
 * action, which keeps states immutable without slowing the hot path.
 */

export const PREFLOP = 0;
export const RIVER = 3;
export const COMPLETE = 4;

/** What never changes during a hand: the validated setup and values derived from it. */
export interface HandConfig {
  /** A private copy of the setup, so later changes to the caller's object cannot reach the hand. */
  readonly setup: HandSetup;
  readonly variant: GameVariant;
  /** Hole cards per player: 2 in Hold'em, 4 in Omaha. */
  readonly holeCardCount: number;
  /** Deck position of the first board card: every hole card comes before it. */
  readonly boardStart: number;
  readonly playerCount: number;
  readonly deck: readonly Card[];
  readonly startingStacks: readonly number[];
  /** Antes and blinds per position, after PHH's heads-up reversal. */
  readonly antes: readonly number[];
  readonly blinds: readonly number[];
  /** Live blinds posted out of position (see HandSetup.livePosts), per position. */
  readonly livePosts: readonly number[];
  /** What each player actually posts as an ante (all-in for less when the stack is short). */
  readonly postedAntes: readonly number[];
  /** The blind came before the ante (HandSetup.blindBeforeAnte): a short ante caps no pot. */
  readonly blindBeforeAnte: boolean;
  readonly minBet: number;
  readonly rake: RakeRules;
  /** The first position to act before the flop: the player after the largest blind or straddle. */
  readonly firstPreflopActor: number;
  /** The smallest preflop raise increment: the larger of minBet and the largest blind or straddle. */
  readonly preflopRaiseIncrement: number;
}

/** Applied actions as a persistent list, newest first: appending never copies the history. */
export interface ActionRecord {
  readonly action: PlayerAction;
  readonly previous: ActionRecord | null;
}

export class EngineState implements HandState {
  declare readonly __brand: 'HandState';
  readonly config: HandConfig;
  street = PREFLOP;
  /** Board cards dealt so far: 0, 3, 4 or 5. */
  boardCount = 0;
  /** Chips behind, by position. */
  stacks: number[];
  /** Chips put in during the current street. */
  streetBets: number[];
  /** Chips put in before the current street (antes included). */
  priorBets: number[];
  /** The street's bet level each player last acted at, or -1 if they have not acted this street. */
  actedLevels: number[];
  foldedMask = 0;
  /** Players who still have to act in this betting round. */
  pendingMask = 0;
  toAct = -1;
  /** The highest street total so far. */
  currentBet = 0;
  /** The largest bet or raise increment this street: the minimum for the next raise. */
  raiseIncrement = 0;
  /** Position of the last bettor or raiser in the current betting round, or -1. */
  lastAggressor = -1;
  history: ActionRecord | null = null;
  uncalled: PotShare | null = null;
  result: HandResult | null = null;
  /** Betting is over with cards to come, and the hand waits for runOut (HandSetup.pauseForRunout). */
  awaitingRunout = false;
  /** Hands shown when betting ended with someone all-in, by position (null: not shown). */
  exposed: readonly (readonly Card[] | null)[] | null = null;

  constructor(
    config: HandConfig,
    stacks: number[],
    streetBets: number[],
    priorBets: number[],
    actedLevels: number[],
  ) {
    this.config = config;
    this.stacks = stacks;
    this.streetBets = streetBets;
    this.priorBets = priorBets;
    this.actedLevels = actedLevels;
  }

  /** A copy whose arrays the engine may change; the original stays untouched. */
  copy(): EngineState {
    const next = new EngineState(
      this.config,
      this.stacks.slice(),
      this.streetBets.slice(),
      this.priorBets.slice(),
      this.actedLevels.slice(),
    );
    next.street = this.street;
    next.boardCount = this.boardCount;
    next.foldedMask = this.foldedMask;
    next.pendingMask = this.pendingMask;
    next.toAct = this.toAct;
    next.currentBet = this.currentBet;
    next.raiseIncrement = this.raiseIncrement;
    next.lastAggressor = this.lastAggressor;
    next.history = this.history;
    next.uncalled = this.uncalled;
    next.result = this.result;
    next.awaitingRunout = this.awaitingRunout;
    next.exposed = this.exposed;
    return next;
  }
}

/** A player's hole cards: the deck positions of their position (see HandSetup.deck). */
export function holeCardsOf(config: HandConfig, player: number): Card[] {
  const first = config.holeCardCount * player;
  return config.deck.slice(first, first + config.holeCardCount);
}

/** The engine's view of an opaque HandState handed back by a caller. */
export function engineState(state: HandState): EngineState {
  return state as EngineState;
}

export function isFolded(state: EngineState, player: number): boolean {
  return (state.foldedMask & (1 << player)) !== 0;
}

/** Players still holding cards. */
export function activeCount(state: EngineState): number {
  let count = 0;
  for (let i = 0; i < state.config.playerCount; i++) if ((state.foldedMask & (1 << i)) === 0) count++;
  return count;
}

/** Players still holding cards with chips behind: those who can still act. */
export function playersWithChipsMask(state: EngineState): number {
  let mask = 0;
  for (let i = 0; i < state.config.playerCount; i++) {
    if ((state.foldedMask & (1 << i)) === 0 && state.stacks[i]! > 0) mask |= 1 << i;
  }
  return mask;
}

/** Whether anyone but `player` could still answer a bet (holds cards and has chips behind). */
export function otherPlayerHasChips(state: EngineState, player: number): boolean {
  return (playersWithChipsMask(state) & ~(1 << player)) !== 0;
}

/**
 * Whether anyone but `player` could still put in more than the current bet: a player holding cards
 * whose stack and street bet together exceed it. Only then can a bet or raise be answered; an all-in
 * player cannot, and neither can a short stack the bet already covers (PokerKit's rule too).
 */
export function otherPlayerCanExceedBet(state: EngineState, player: number): boolean {
  for (let i = 0; i < state.config.playerCount; i++) {
    if (i === player || (state.foldedMask & (1 << i)) !== 0) continue;
    if (state.stacks[i]! + state.streetBets[i]! > state.currentBet) return true;
  }
  return false;
}

export function bitCount(mask: number): number {
  let count = 0;
  while (mask !== 0) {
    mask &= mask - 1;
    count++;
  }
  return count;
}
