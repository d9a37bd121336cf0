import { orderedDeck } from '../engine/cards.js';
import {
  applyAction,
  handResult,
  isAwaitingRunout,
  legalActions,
  runOut,
  startHand,
} from '../engine/hand.js';
import type {
  GameVariant,
  HandSetup,
  HandStep,
  LegalActions,
  PlayerAction,
  RakeRules,
} from '../engine/hand-types.js';
import { seededInt } from './seeded-random.js';

/**
 * Random hands for simulations and property tests: a random setup with ragged stacks (many short
 * stacks, so multi-way all-ins and side pots are common) and random legal actions until the hand
 * ends. Randomness comes from the caller's generator, so a seed reproduces a hand. A third of the
 * hands pause for their all-in runout as a table's do, and half of those may run the board twice.
 */

type Rand = () => number;

const BIG_BLINDS = [2, 10, 50, 100, 200];
const SEATS_MAX = 10;
const STEPS_MAX = 10_000;

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[seededInt(rand, items.length)]!;
}

/** A whole number in min..max. */
function between(rand: Rand, min: number, max: number): number {
  return min + seededInt(rand, max - min + 1);
}

function shuffled<T>(rand: Rand, items: readonly T[]): T[] {
  const result = items.slice();
  for (let i = result.length - 1; i > 0; i--) {
    const j = seededInt(rand, i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** Stacks from a fraction of a big blind to 300 of them, skewed short. */
function raggedStack(rand: Rand, bigBlind: number): number {
  const roll = rand();
  if (roll < 0.3) return between(rand, 1, 5 * bigBlind);
  if (roll < 0.8) return between(rand, 10 * bigBlind, 100 * bigBlind);
  return between(rand, 100 * bigBlind, 300 * bigBlind);
}

export function randomSetup(rand: Rand, playerCount: number, variant: GameVariant = 'NT'): HandSetup {
  const bigBlind = pick(rand, BIG_BLINDS);
  const smallBlind = bigBlind / 2;
  const blinds = [smallBlind, bigBlind];
  if (playerCount >= 3 && rand() < 0.1) blinds.push(2 * bigBlind);
  const anteRoll = rand();
  const ante = Math.max(1, bigBlind / 10);
  const antes =
    anteRoll < 0.2
      ? new Array<number>(playerCount).fill(ante)
      : anteRoll < 0.3
        ? [0, bigBlind] // a big-blind ante
        : [];
  const rake: RakeRules =
    rand() < 0.25
      ? { basisPoints: pick(rand, [250, 500, 1000]), capUnits: 3 * bigBlind, noFlopNoDrop: rand() < 0.7 }
      : { basisPoints: 0, capUnits: 0, noFlopNoDrop: true };
  const seats = shuffled(
    rand,
    Array.from({ length: SEATS_MAX }, (_, i) => i + 1),
  ).slice(0, playerCount);
  // Now and then a player who joined posts a big blind at once, live, from a position without one.
  const livePosts = new Array<number>(playerCount).fill(0);
  const posting = playerCount > blinds.length && rand() < 0.15;
  if (posting) livePosts[between(rand, blinds.length, playerCount - 1)] = bigBlind;
  const pauseForRunout = rand() < 1 / 3;
  const runItTwice = pauseForRunout && rand() < 0.5;
  return {
    ...(variant !== 'NT' && { variant }),
    ...(pauseForRunout && { pauseForRunout }),
    ...(runItTwice && { runItTwice }),
    players: seats.map((seat) => ({ seat, stack: raggedStack(rand, bigBlind) })),
    antes,
    blindsOrStraddles: blinds,
    ...(posting && { livePosts }),
    minBet: bigBlind,
    rake,
    deck: shuffled(rand, orderedDeck()),
  };
}

/** A random legal action: folds, checks and calls, and bets or raises skewed small, often all-in. */
export function randomAction(rand: Rand, legal: LegalActions): PlayerAction {
  const player = legal.player;
  const range = legal.betOrRaise;
  const roll = rand();
  if (range && roll < (legal.canCheck ? 0.4 : 0.3)) {
    const to =
      rand() < 0.35 ? range.maxTo : range.minTo + Math.floor(rand() ** 2 * (range.maxTo - range.minTo + 1));
    return { player, kind: range.kind, to: Math.min(to, range.maxTo) };
  }
  if (legal.canCheck) return { player, kind: 'check' };
  if (legal.canFold && rand() < 0.35) return { player, kind: 'fold' };
  return { player, kind: 'call' };
}

/** Plays a hand to its end with random legal actions: its final state and every event on the way. */
export function playRandomHand(rand: Rand, setup: HandSetup): HandStep {
  const started = startHand(setup);
  if (!started.ok) throw new Error(`random setup refused: ${started.error.message}`);
  let state = started.value.state;
  const events = [...started.value.events];
  for (let step = 0; step < STEPS_MAX && handResult(state) === null; step++) {
    if (isAwaitingRunout(state)) {
      const ran = runOut(state, setup.runItTwice === true && rand() < 0.5 ? 2 : 1);
      if (!ran.ok) throw new Error(`a runout was refused: ${ran.error.message}`);
      state = ran.value.state;
      events.push(...ran.value.events);
      continue;
    }
    const legal = legalActions(state);
    if (legal === null) throw new Error('a hand without a result has nobody to act');
    const applied = applyAction(state, randomAction(rand, legal));
    if (!applied.ok) throw new Error(`a legal action was refused: ${applied.error.message}`);
    state = applied.value.state;
    events.push(...applied.value.events);
  }
  if (handResult(state) === null) throw new Error('a random hand did not end');
  return { state, events };
}
