import type { Card } from './cards.js';
import {
  activeCount,
  bitCount,
  type EngineState,
  holeCardsOf,
  isFolded,
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
  const first = state.config.boardStart + state.boardCount;
  const size = BOARD_SIZE[street]!;
  const cards = state.config.deck.slice(first, first + size - state.boardCount);
  state.street = street;
  state.boardCount = size;
  // Nobody has bet on a street just dealt (so after a run-out, nobody bet on the river).
  state.lastAggressor = -1;
  events.push({ type: 'BoardDealt', street: STREET_NAMES[street]!, cards, visibility: TABLE });
}

/** The board as dealt so far. */
function boardOf(state: EngineState): Card[] {
  const { deck, boardStart } = state.config;
  return deck.slice(boardStart, boardStart + state.boardCount);
}

/**
 * Betting is over with cards to come (someone is all-in): every hand still in is turned face up,
 * as in any room, and the hand waits for runOut. Nothing more is dealt until then.
 */
function pauseForRunout(state: EngineState, events: HandEvent[]): void {
  const { playerCount, setup } = state.config;
  const exposed: (Card[] | null)[] = new Array(playerCount).fill(null);
  for (let player = 0; player < playerCount; player++) {
    if (isFolded(state, player)) continue;
    const cards = holeCardsOf(state.config, player);
    exposed[player] = cards;
    events.push({ type: 'CardsShown', player, cards, visibility: TABLE });
  }
  state.exposed = exposed;
  state.awaitingRunout = true;
  state.toAct = -1;
  state.pendingMask = 0;
  events.push({ type: 'RunoutPending', runItTwice: setup.runItTwice === true, visibility: TABLE });
}

/**
 * Deals the rest of the board, once or twice, then the showdown. A second run deals the same number
 * of cards from the next deck positions after the first run's last card; both runs share the cards
 * already on the board.
 */
export function runBoardOut(state: EngineState, events: HandEvent[], runs: 1 | 2): void {
  const dealtBefore = state.boardCount;
  while (state.street < RIVER) dealNextStreet(state, events);
  const first = boardOf(state);
  if (runs === 1) {
    showdown(state, events, [first]);
    return;
  }
  const { deck, boardStart } = state.config;
  const second = first.slice(0, dealtBefore);
  let next = boardStart + BOARD_SIZE[RIVER]!;
  for (let street = STREET_NAMES.indexOf('flop'); street <= RIVER; street++) {
    const size = BOARD_SIZE[street]!;
    if (size <= dealtBefore) continue;
    const cards = deck.slice(next, next + size - second.length);
    next += cards.length;
    second.push(...cards);
    events.push({ type: 'BoardDealt', street: STREET_NAMES[street]!, cards, run: 2, visibility: TABLE });
  }
  showdown(state, events, [first, second]);
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
    if (bitCount(playersWithChipsMask(state)) < 2) {
      // Nobody can bet any more: the rest of the board is dealt without betting.
      if (state.config.setup.pauseForRunout) {
        pauseForRunout(state, events);
        return;
      }
      break;
    }
    dealNextStreet(state, events);
    openPostflopRound(state);
    if (state.toAct >= 0) return;
  }
  state.toAct = -1;
  state.pendingMask = 0;
  runBoardOut(state, events, 1);
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
