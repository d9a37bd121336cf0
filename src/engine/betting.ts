import { type EngineState, otherPlayerCanExceedBet, playersWithChipsMask } from './hand-state.js';
import type {
  HandEvent,
  LegalActions,
  PlayerAction,
  RuleViolation,
  RuleViolationCode,
} from './hand-types.js';

const TABLE = Object.freeze({ to: 'table' } as const);

function violation(code: RuleViolationCode, message: string): RuleViolation {
  return { code, message };
}

/** Why `player` may not bet or raise now, or null when they may. */
type BetOrRaiseBar = 'short-stack' | 'uncallable' | 'closed';

/**
 * Three rules meet here:
 * - the player must have chips beyond the current bet;
 * - someone else must be able to answer: another player holding cards who could put in more than
 *   the current bet. When every other player is all-in, or covered by the bet (their stack and
 *   street bet add up to no more than it), the player may only call or fold;
 * - a player who already acted this street may raise again only when facing at least a full raise
 *   since their last action. A short all-in therefore does not reopen the betting for them, while
 *   several short all-ins that add up to a full raise do (the usual TDA reading).
 */
function betOrRaiseBar(state: EngineState, player: number): BetOrRaiseBar | null {
  const allInTo = state.streetBets[player]! + state.stacks[player]!;
  if (allInTo <= state.currentBet) return 'short-stack';
  if (!otherPlayerCanExceedBet(state, player)) return 'uncallable';
  const acted = state.actedLevels[player]!;
  return acted < 0 || state.currentBet - acted >= state.raiseIncrement ? null : 'closed';
}

/** Whether `player` may bet or raise now (see betOrRaiseBar). */
export function mayBetOrRaise(state: EngineState, player: number): boolean {
  return betOrRaiseBar(state, player) === null;
}

/** The refusal of a bet or raise that betOrRaiseBar bars. */
function barredBetOrRaise(bar: BetOrRaiseBar, kind: 'bet' | 'raise'): RuleViolation {
  if (bar === 'uncallable') {
    return violation(
      'engine/raise-uncallable',
      'nobody left in the hand can put in more than the current bet: call or fold',
    );
  }
  return kind === 'bet'
    ? violation('engine/bet-not-allowed', 'betting is closed')
    : violation('engine/raise-not-allowed', 'raising is closed to you: call or fold');
}

/** The smallest legal bet or raise total: a full increment over the current bet, or all-in if less. */
export function minBetOrRaiseTo(state: EngineState, player: number): number {
  const allInTo = state.streetBets[player]! + state.stacks[player]!;
  const fullTo = state.currentBet + state.raiseIncrement;
  return Math.min(fullTo, allInTo);
}

/**
 * The largest legal bet or raise total. No-Limit: all-in. Pot-Limit: the pot, counted as if the
 * player had called first: every bet on the table and everything already in the middle (antes
 * included), plus the call; the raise-to is then the call plus that pot. All-in when that is less.
 */
export function maxBetOrRaiseTo(state: EngineState, player: number): number {
  const allInTo = state.streetBets[player]! + state.stacks[player]!;
  if (state.config.variant !== 'PO') return allInTo;
  const toCall = Math.max(0, state.currentBet - state.streetBets[player]!);
  let pot = 0;
  for (let i = 0; i < state.config.playerCount; i++) pot += state.priorBets[i]! + state.streetBets[i]!;
  return Math.min(allInTo, state.streetBets[player]! + toCall + pot + toCall);
}

export function legalActionsOf(state: EngineState): LegalActions | null {
  const player = state.toAct;
  if (player < 0) return null;
  const stack = state.stacks[player]!;
  const toCall = state.currentBet - state.streetBets[player]!;
  const allInTo = state.streetBets[player]! + stack;
  const maxTo = maxBetOrRaiseTo(state, player);
  const mayRaise = mayBetOrRaise(state, player);
  const callTakesWholeStack = toCall > 0 && toCall >= stack;
  return {
    player,
    canFold: toCall > 0,
    canCheck: toCall <= 0,
    callAmount: toCall > 0 ? Math.min(toCall, stack) : null,
    canAllIn: stack > 0 && ((mayRaise && maxTo === allInTo) || callTakesWholeStack),
    betOrRaise: mayRaise
      ? {
          kind: state.currentBet === 0 ? 'bet' : 'raise',
          minTo: Math.min(minBetOrRaiseTo(state, player), maxTo),
          maxTo,
        }
      : null,
  };
}

function checkAmount(state: EngineState, player: number, to: unknown): RuleViolation | null {
  if (to === undefined || to === null)
    return violation('engine/amount-required', 'a bet or raise needs a `to` amount');
  if (typeof to !== 'number' || !Number.isSafeInteger(to)) {
    return violation('engine/amount-not-integer', 'amounts are whole chip units');
  }
  const maxTo = maxBetOrRaiseTo(state, player);
  const minTo = Math.min(minBetOrRaiseTo(state, player), maxTo);
  if (to < minTo) return violation('engine/amount-too-small', `the smallest total is ${minTo}`);
  if (to > maxTo) {
    const limit = maxTo < state.streetBets[player]! + state.stacks[player]! ? 'the pot limit' : 'all-in';
    return violation('engine/amount-too-large', `the largest total is ${maxTo} (${limit})`);
  }
  return null;
}

/**
 * Checks an action against the rules and resolves it to the form the engine records: 'all-in'
 * becomes a call, bet or raise, and only bets and raises keep a `to`. Returns a violation instead
 * when the action is not legal. It never throws, whatever the caller sends.
 */
export function resolveAction(state: EngineState, action: PlayerAction): PlayerAction | RuleViolation {
  if (state.toAct < 0) return violation('engine/hand-complete', 'the hand is over');
  if (typeof action !== 'object' || action === null)
    return violation('engine/unknown-action', 'not an action');
  const player = action.player;
  if (!Number.isInteger(player) || player < 0 || player >= state.config.playerCount) {
    return violation('engine/unknown-player', `no player at position ${String(player)}`);
  }
  if (player !== state.toAct) return violation('engine/not-your-turn', `position ${state.toAct} is to act`);
  const toCall = state.currentBet - state.streetBets[player]!;
  switch (action.kind) {
    case 'fold':
      if (toCall <= 0) return violation('engine/cannot-fold', 'nothing to call: check instead of folding');
      return { player, kind: 'fold' };
    case 'check':
      if (toCall > 0) return violation('engine/cannot-check', `facing a bet of ${toCall}`);
      return { player, kind: 'check' };
    case 'call':
      if (toCall <= 0) return violation('engine/nothing-to-call', 'there is no bet to call');
      return { player, kind: 'call' };
    case 'bet': {
      if (state.currentBet > 0)
        return violation('engine/bet-not-allowed', 'there is already a bet: raise instead');
      const bar = betOrRaiseBar(state, player);
      if (bar !== null) return barredBetOrRaise(bar, 'bet');
      const problem = checkAmount(state, player, action.to);
      return problem ?? { player, kind: 'bet', to: action.to! };
    }
    case 'raise': {
      if (state.currentBet === 0)
        return violation('engine/raise-not-allowed', 'there is no bet to raise: bet instead');
      const bar = betOrRaiseBar(state, player);
      if (bar !== null) return barredBetOrRaise(bar, 'raise');
      const problem = checkAmount(state, player, action.to);
      return problem ?? { player, kind: 'raise', to: action.to! };
    }
    case 'all-in': {
      const bar = betOrRaiseBar(state, player);
      // Short of the call, all-in is a call for less. When nobody could answer more, the chips
      // beyond the call would only come back: all-in then means the call (a check if none is due).
      if (bar === 'short-stack' || (bar === 'uncallable' && toCall > 0)) return { player, kind: 'call' };
      if (bar === 'uncallable') return { player, kind: 'check' };
      if (bar !== null) return barredBetOrRaise(bar, state.currentBet === 0 ? 'bet' : 'raise');
      const allInTo = state.streetBets[player]! + state.stacks[player]!;
      const maxTo = maxBetOrRaiseTo(state, player);
      if (allInTo > maxTo) {
        return violation('engine/amount-too-large', `pot limit: the largest total is ${maxTo}, not all-in`);
      }
      return { player, kind: state.currentBet === 0 ? 'bet' : 'raise', to: allInTo };
    }
    default:
      return violation('engine/unknown-action', `unknown action kind ${String(action.kind)}`);
  }
}

/**
 * Applies a resolved, legal action to a state the caller owns (a fresh copy), and records its event.
 * It updates who still has to act; moving on to the next player or street is the caller's job.
 */
export function commitAction(state: EngineState, action: PlayerAction, events: HandEvent[]): void {
  const player = action.player;
  const bit = 1 << player;
  state.history = { action, previous: state.history };
  state.pendingMask &= ~bit;
  switch (action.kind) {
    case 'fold':
      state.foldedMask |= bit;
      events.push({ type: 'PlayerFolded', player, visibility: TABLE });
      return;
    case 'check':
      state.actedLevels[player] = state.currentBet;
      events.push({ type: 'PlayerChecked', player, visibility: TABLE });
      return;
    case 'call': {
      const stack = state.stacks[player]!;
      const toCall = state.currentBet - state.streetBets[player]!;
      const amount = Math.min(toCall, stack);
      state.stacks[player] = stack - amount;
      state.streetBets[player] = state.streetBets[player]! + amount;
      state.actedLevels[player] = state.currentBet;
      events.push({ type: 'PlayerCalled', player, amount, allIn: amount === stack, visibility: TABLE });
      return;
    }
    default: {
      // A bet or a raise to `to` (already validated).
      const to = action.to!;
      const added = to - state.streetBets[player]!;
      const increment = to - state.currentBet;
      state.stacks[player] = state.stacks[player]! - added;
      state.streetBets[player] = to;
      // The largest increment so far: a short all-in never lowers the next minimum raise.
      if (increment > state.raiseIncrement) state.raiseIncrement = increment;
      state.currentBet = to;
      state.actedLevels[player] = to;
      state.lastAggressor = player;
      // Everyone else who can still act must answer the new bet.
      state.pendingMask = playersWithChipsMask(state) & ~bit;
      const allIn = state.stacks[player] === 0;
      events.push(
        action.kind === 'bet'
          ? { type: 'PlayerBet', player, to, allIn, visibility: TABLE }
          : { type: 'PlayerRaised', player, to, allIn, visibility: TABLE },
      );
    }
  }
}
