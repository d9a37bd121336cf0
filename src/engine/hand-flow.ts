import {
  activeCount,
  bitCount,
  type EngineState,
  otherPlayerHasChips,
  playersWithChipsMask,
  RIVER,
} from './hand-state.js';
import type { HandEvent, Street } from './hand-types.js';
import { awardWithoutShowdown, showdown } from './showdown.js';

const TABLE = Object.freeze({ to: 'table' } as const);
const STREET_NAMES: readonly Street[] = ['preflop', 'flop', 'turn', 'river'];
/** Board size once each street is dealt. */
const BOARD_SIZE: readonly number[] = [0, 3, 4, 5];

/**
 * The next player who has to act after position `from`, clockwise, or -1 when the round is over.
 * A player who owes nothing while nobody else has chips has no decision to make (a bet could not be
 * answered), so they are skipped.
 */
function nextActor(state: EngineState, from: number): number {
  const playerCount = state.config.playerCount;
  for (let step = 1; step <= playerCount; step++) {
    const player = (from + step) % playerCount;
    const bit = 1 << player;
    if ((state.pendingMask & bit) === 0) continue;
    if (state.streetBets[player]! >= state.currentBet && !otherPlayerHasChips(state, player)) {
      state.pendingMask &= ~bit;
      continue;
    }
    return player;
  }
  return -1;
}

/**
 * Returns the part of the largest street bet that nobody matched. It goes back to the bettor before
 * any pot is formed, so it is never raked and never won by anyone else.
 */
function returnUncalledBet(state: EngineState, events: HandEvent[]): void {
  const playerCount = state.config.playerCount;
  let top = -1;
  let topBet = 0;
  let secondBet = 0;
  for (let i = 0; i < playerCount; i++) {
    const bet = state.streetBets[i]!;
    if (bet > topBet) {
      secondBet = topBet;
      topBet = bet;
      top = i;
    } else if (bet > secondBet) {
      secondBet = bet;
    }
  }
  const amount = topBet - secondBet;
  if (top < 0 || amount === 0) return;
  state.streetBets[top] = secondBet;
  state.stacks[top] = state.stacks[top]! + amount;
  state.uncalled = { player: top, amount };
  events.push({ type: 'UncalledBetReturned', player: top, amount, visibility: TABLE });
}

/** Moves the street's bets into the middle. */
function collectBets(state: EngineState): void {
  for (let i = 0; i < state.config.playerCount; i++) {
    state.priorBets[i] = state.priorBets[i]! + state.streetBets[i]!;
    state.streetBets[i] = 0;
  }
  state.currentBet = 0;
}

function dealNextStreet(state: EngineState, events: HandEvent[]): void {
  const street = state.street + 1;
  const first = 2 * state.config.playerCount + state.boardCount;
  const size = BOARD_SIZE[street]!;
  const cards = state.config.deck.slice(first, first + size - state.boardCount);
  state.street = street;
  state.boardCount = size;
  // Nobody has bet on a street just dealt (so after a run-out, nobody bet on the river).
  state.lastAggressor = -1;
  events.push({ type: 'BoardDealt', street: STREET_NAMES[street]!, cards, visibility: TABLE });
}

/** Opens a betting round after the flop: the first active player clockwise from the button acts first. */
function openPostflopRound(state: EngineState): void {
  const playerCount = state.config.playerCount;
  state.currentBet = 0;
  state.raiseIncrement = state.config.minBet;
  for (let i = 0; i < playerCount; i++) state.actedLevels[i] = -1;
  state.pendingMask = playersWithChipsMask(state);
  state.toAct = nextActor(state, playerCount - 1);
}

/**
 * Closes the betting round: returns any uncalled bet, then deals the next street and opens its
 * betting, or runs the board out when fewer than two players can still bet, or goes to showdown.
 */
function endBettingRound(state: EngineState, events: HandEvent[]): void {
  returnUncalledBet(state, events);
  collectBets(state);
  while (state.street < RIVER) {
    dealNextStreet(state, events);
    if (bitCount(playersWithChipsMask(state)) >= 2) {
      openPostflopRound(state);
      if (state.toAct >= 0) return;
    }
  }
  state.toAct = -1;
  state.pendingMask = 0;
  showdown(state, events);
}

/** After an action by `from` (or the forced bets, with `from` just before the first actor). */
export function advance(state: EngineState, events: HandEvent[], from: number): void {
  if (activeCount(state) === 1) {
    state.toAct = -1;
    state.pendingMask = 0;
    returnUncalledBet(state, events);
    collectBets(state);
    awardWithoutShowdown(state, events);
    return;
  }
  const next = nextActor(state, from);
  if (next >= 0) {
    state.toAct = next;
    return;
  }
  endBettingRound(state, events);
}
