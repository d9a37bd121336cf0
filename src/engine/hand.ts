/**
 * The No-Limit Hold'em hand state machine: the public API of the rules engine.
 *
 * A hand is a value. startHand and applyAction return a new state and the events it produced, or a
 * rule violation as a value; they never throw on a bad action and never change a state they were
 * given. Nothing here reads a clock or a random source: the deck comes in with the setup.
 */
import { commitAction, legalActionsOf, resolveAction } from './betting.js';
import type { EquityInput } from './equity.js';
import { advance, runBoardOut } from './hand-flow.js';
import { checkSetup, MAX_PLAYERS } from './hand-setup.js';
import { COMPLETE, EngineState, engineState, holeCardsOf, playersWithChipsMask } from './hand-state.js';
import type {
  ApplyResult,
  HandEvent,
  HandResult,
  HandSetup,
  HandState,
  HandView,
  LegalActions,
  Phase,
  PlayerAction,
  Viewer,
  Visibility,
} from './hand-types.js';
import { buildView } from './hand-view.js';
import { positionsOf } from './pots.js';
import { handPots } from './showdown.js';

const TABLE = Object.freeze({ to: 'table' } as const);
/** Shared, frozen visibility values, one per position: dealing allocates nothing for them. */
const PRIVATE_TO: readonly Visibility[] = Array.from({ length: MAX_PLAYERS }, (_, player) =>
  Object.freeze({ to: 'player', player } as const),
);
const PHASES: readonly Phase[] = ['preflop', 'flop', 'turn', 'river', 'complete'];

/**
 * Starts a hand: validates the setup, posts the antes, then the blinds and straddles, then any live
 * blinds (a player who cannot cover one posts all-in for less), deals the hole cards, and stops at the first player to
 * act. If nobody can act, the board runs out and the hand completes at once.
 */
export function startHand(setup: HandSetup): ApplyResult {
  const checked = checkSetup(setup);
  if (!checked.ok) return checked;
  const config = checked.value;
  const playerCount = config.playerCount;
  const state = new EngineState(
    config,
    config.startingStacks.slice(),
    new Array<number>(playerCount).fill(0),
    new Array<number>(playerCount).fill(0),
    new Array<number>(playerCount).fill(-1),
  );
  const events: HandEvent[] = [{ type: 'HandStarted', visibility: TABLE }];

  for (let player = 0; player < playerCount; player++) {
    const amount = config.postedAntes[player]!;
    if (amount === 0) continue;
    state.stacks[player] = state.stacks[player]! - amount;
    state.priorBets[player] = amount;
    events.push({ type: 'AntePosted', player, amount, visibility: TABLE });
  }
  let currentBet = 0;
  for (let entry = 0; entry < playerCount; entry++) {
    // Posted in PHH entry order: heads-up the button (position 1) posts the small blind first.
    const player = playerCount === 2 ? 1 - entry : entry;
    currentBet = Math.max(currentBet, postBlind(state, events, player, config.blinds[player]!));
  }
  // Live blinds come last: their posters post no other blind (checkSetup), so none adds up.
  for (let player = 0; player < playerCount; player++) {
    currentBet = Math.max(currentBet, postBlind(state, events, player, config.livePosts[player]!));
  }
  for (let player = 0; player < playerCount; player++) {
    events.push({
      type: 'HoleCardsDealt',
      player,
      cards: holeCardsOf(config, player),
      visibility: PRIVATE_TO[player]!,
    });
  }
  state.currentBet = currentBet;
  state.raiseIncrement = config.preflopRaiseIncrement;
  state.pendingMask = playersWithChipsMask(state);
  advance(state, events, (config.firstPreflopActor + playerCount - 1) % playerCount);
  return { ok: true, value: { state, events } };
}

/** Posts a blind as the player's street bet, all-in for less when short; returns what was posted. */
function postBlind(state: EngineState, events: HandEvent[], player: number, blind: number): number {
  const amount = Math.min(blind, state.stacks[player]!);
  if (amount === 0) return 0;
  state.stacks[player] = state.stacks[player]! - amount;
  state.streetBets[player] = amount;
  events.push({ type: 'BlindPosted', player, amount, visibility: TABLE });
  return amount;
}

/** Applies one player action. An illegal action returns a RuleViolation and no new state. */
export function applyAction(state: HandState, action: PlayerAction): ApplyResult {
  const current = engineState(state);
  const resolved = resolveAction(current, action);
  if ('code' in resolved) return { ok: false, error: resolved };
  const next = current.copy();
  const events: HandEvent[] = [];
  commitAction(next, resolved, events);
  advance(next, events, resolved.player);
  return { ok: true, value: { state: next, events } };
}

/**
 * Deals the rest of the board of a hand waiting for it (HandSetup.pauseForRunout), once or, when
 * the table allows it and every player all-in agreed, twice; then the showdown. A runout is not a
 * player's action: the caller (a table) decides when, after showing the players where they stand.
 */
export function runOut(state: HandState, runs: 1 | 2): ApplyResult {
  const current = engineState(state);
  if (!current.awaitingRunout)
    return {
      ok: false,
      error: { code: 'engine/no-runout-pending', message: 'no board is waiting to run out' },
    };
  if (runs !== 1 && runs !== 2)
    return { ok: false, error: { code: 'engine/invalid-runs', message: 'the board runs once or twice' } };
  if (runs === 2 && current.config.setup.runItTwice !== true) {
    return { ok: false, error: { code: 'engine/invalid-runs', message: 'this hand cannot be run twice' } };
  }
  const next = current.copy();
  next.awaitingRunout = false;
  const events: HandEvent[] = [];
  runBoardOut(next, events, runs);
  return { ok: true, value: { state: next, events } };
}

/**
 * What the players' all-in equity is computed from, while the hand waits for runOut: the hands
 * turned up (the live players', in position order), the board, and each pot with the live players
 * eligible for it (as indexes into `players`), with `positions` to map them back. Only what every
 * player at the table can see goes in: folded cards stay unknown, so the equity reveals nothing.
 * Null when the hand is not waiting for a runout.
 */
export function equityInputOf(state: HandState): {
  readonly input: EquityInput;
  readonly positions: readonly number[];
  readonly potAmounts: readonly number[];
} | null {
  const current = engineState(state);
  if (!current.awaitingRunout || !current.exposed) return null;
  const positions: number[] = [];
  const players: (readonly number[])[] = [];
  current.exposed.forEach((cards, position) => {
    if (cards) {
      positions.push(position);
      players.push(cards);
    }
  });
  const index = (position: number) => positions.indexOf(position);
  const pots = handPots(current);
  const { deck, boardStart, variant } = current.config;
  return {
    input: {
      game: variant,
      players,
      board: deck.slice(boardStart, boardStart + current.boardCount),
      pots: pots.map((pot) => ({
        eligible: positionsOf(pot.eligibleMask, current.config.playerCount)
          .map(index)
          .filter((i) => i >= 0),
      })),
    },
    positions,
    potAmounts: pots.map((pot) => pot.amount),
  };
}

/** Whether the hand waits for runOut: betting is over with cards to come. */
export function isAwaitingRunout(state: HandState): boolean {
  return engineState(state).awaitingRunout;
}

/** What the player to act may do, or null when the hand is complete. */
export function legalActions(state: HandState): LegalActions | null {
  return legalActionsOf(engineState(state));
}

/** The hand as one viewer may see it: see hand-view.ts. */
export function viewFor(state: HandState, viewer: Viewer): HandView {
  return buildView(engineState(state), viewer);
}

export function handResult(state: HandState): HandResult | null {
  return engineState(state).result;
}

export function handPhase(state: HandState): Phase {
  return PHASES[engineState(state).street]!;
}

export function isHandComplete(state: HandState): boolean {
  return engineState(state).street === COMPLETE;
}

export function playerToAct(state: HandState): number | null {
  const toAct = engineState(state).toAct;
  return toAct >= 0 ? toAct : null;
}

export function handSetupOf(state: HandState): HandSetup {
  return engineState(state).config.setup;
}

/**
 * The player actions applied so far, in order, in resolved form: 'all-in' appears as the call, bet
 * or raise it became, and only bets and raises carry `to`. Replaying them reproduces the hand.
 */
export function actionsOf(state: HandState): readonly PlayerAction[] {
  const actions: PlayerAction[] = [];
  for (let record = engineState(state).history; record !== null; record = record.previous) {
    actions.push(record.action);
  }
  return actions.reverse();
}
