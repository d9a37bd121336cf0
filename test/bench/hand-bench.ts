/**
 * Hand throughput of our engine against npm's poker-ts, in the same process and run.
 *
 * Both engines play complete hands with the same random policy: uniform over fold (when facing a
 * bet), check or call, a minimum bet or raise, and all-in (when a bet or raise is allowed). Every
 * hand starts from fresh 100-big-blind stacks. Our side includes what a real table pays per hand:
 * a CSPRNG shuffle (src/tables/secure-random.ts), setup validation, 5% rake, and a chip-conservation
 * check. poker-ts shuffles with its own generator; its hands are bounded in actions (a hand that
 * exceeds the bound or throws is counted, and the table replaced) and its chips are counted too.
 *
 * Run directly: `npx tsx test/bench/hand-bench.ts [durationMs]`. The last line printed is JSON.
 */
import { pathToFileURL } from 'node:url';
import pokerTs from 'poker-ts';
import { applyAction, handResult, legalActions, startHand } from '../../src/engine/hand.js';
import type { GameVariant, HandPlayerSetup, HandSetup, PlayerAction } from '../../src/engine/hand-types.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { secureRandomInt } from '../../src/fairness/secure-random.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

const SMALL_BLIND = 50;
const BIG_BLIND = 100;
const STACK = 100 * BIG_BLIND;
const MAX_ACTIONS_PER_HAND = 1000;

export interface HandBenchOptions {
  /** Measured time per engine and table size. */
  readonly durationMs?: number;
  /** Unmeasured time per engine and table size, so both run optimized code. */
  readonly warmupMs?: number;
  /** Seed of the (non-cryptographic) policy generator shared by both engines. */
  readonly seed?: number;
}

export interface ThroughputComparison {
  readonly oursPerSecond: number;
  readonly pokerTsPerSecond: number;
  readonly ratio: number;
  /** Average player actions per hand on each side: the policies should make them similar. */
  readonly oursActionsPerHand: number;
  readonly pokerTsActionsPerHand: number;
}

/** Pot-Limit Omaha hands per second (no npm engine deals PLO: compared with our own Hold'em). */
export interface OmahaThroughput {
  readonly oursPerSecond: number;
  /** Our PLO hands per second divided by our Hold'em hands per second at the same table size. */
  readonly ratioToHoldem: number;
  readonly actionsPerHand: number;
}

export interface HandBenchResult {
  readonly headsUp: ThroughputComparison;
  readonly sixMax: ThroughputComparison;
  readonly ploHeadsUp: OmahaThroughput;
  readonly ploSixMax: OmahaThroughput;
  /** Our hands where final stacks + rake differed from the starting stacks (must be 0). */
  readonly conservationViolations: number;
  /** Our actions the engine rejected although the policy chose them from legalActions (must be 0). */
  readonly rejectedLegalActions: number;
  /** Share of poker-ts hands whose chip total changed. */
  readonly pokerTsChipLossRate: number;
  /** poker-ts hands abandoned: too many actions, or an exception. */
  readonly pokerTsAbortedHands: number;
}

interface Counters {
  oursHands: number;
  oursActions: number;
  pokerTsActions: number;
  conservationViolations: number;
  rejectedLegalActions: number;
  pokerTsHands: number;
  pokerTsChipLosses: number;
  pokerTsAborted: number;
}

const FOLD = 0;
const CHECK_OR_CALL = 1;
const MIN_RAISE = 2;
const ALL_IN = 3;

/** The shared policy: uniform over the choices available (fold only when facing a bet). */
function pickChoice(canFold: boolean, canRaise: boolean, rand: () => number): number {
  const first = canFold ? FOLD : CHECK_OR_CALL;
  const last = canRaise ? ALL_IN : CHECK_OR_CALL;
  return first + seededInt(rand, last - first + 1);
}

/** Runs `playOne` repeatedly for `durationMs`; returns complete hands per second. */
function measure(durationMs: number, playOne: () => void): number {
  const start = performance.now();
  let hands = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < 64; i++) playOne();
    hands += 64;
    elapsed = performance.now() - start;
  } while (elapsed < durationMs);
  return (hands * 1000) / elapsed;
}

function oursPlayer(
  playerCount: number,
  rand: () => number,
  counters: Counters,
  variant: GameVariant = 'NT',
): () => void {
  const players: HandPlayerSetup[] = Array.from({ length: playerCount }, (_, i) => ({
    seat: i,
    stack: STACK,
  }));
  const startTotal = playerCount * STACK;
  const antes: number[] = [];
  const blinds = [SMALL_BLIND, BIG_BLIND];
  const rake = { basisPoints: 500, capUnits: 3 * BIG_BLIND, noFlopNoDrop: true };
  return () => {
    // A literal rather than a spread of a shared object: V8 builds it with a stable shape.
    const setup: HandSetup = {
      variant,
      players,
      antes,
      blindsOrStraddles: blinds,
      minBet: BIG_BLIND,
      rake,
      deck: shuffleDeck(secureRandomInt),
    };
    const started = startHand(setup);
    if (!started.ok) throw new Error(started.error.message);
    let state = started.value.state;
    counters.oursHands++;
    for (let legal = legalActions(state); legal !== null; legal = legalActions(state)) {
      counters.oursActions++;
      const player = legal.player;
      const range = legal.betOrRaise;
      const choice = pickChoice(legal.canFold, range !== null, rand);
      let action: PlayerAction;
      if (choice === FOLD) action = { player, kind: 'fold' };
      else if (choice === CHECK_OR_CALL) action = { player, kind: legal.canCheck ? 'check' : 'call' };
      else if (choice === MIN_RAISE) action = { player, kind: range!.kind, to: range!.minTo };
      // All-in; where the pot limit keeps the stack out of reach (Omaha), the largest raise: a pot.
      else if (legal.canAllIn) action = { player, kind: 'all-in' };
      else action = { player, kind: range!.kind, to: range!.maxTo };
      const applied = applyAction(state, action);
      if (!applied.ok) {
        counters.rejectedLegalActions++;
        break;
      }
      state = applied.value.state;
    }
    const result = handResult(state);
    let total = result === null ? -1 : result.rakeTotal;
    if (result !== null) for (const stack of result.finalStacks) total += stack;
    if (total !== startTotal) counters.conservationViolations++;
  };
}

type PokerTable = InstanceType<typeof pokerTs.Table>;

function pokerTsPlayer(playerCount: number, rand: () => number, counters: Counters): () => void {
  const newTable = (): PokerTable =>
    new pokerTs.Table({ smallBlind: SMALL_BLIND, bigBlind: BIG_BLIND }, playerCount);
  let table = newTable();
  const reseat = () => {
    const seats = table.seats();
    for (let seat = 0; seat < playerCount; seat++) {
      if (seats[seat] !== null) table.standUp(seat);
      table.sitDown(seat, STACK);
    }
  };
  reseat();
  const startTotal = playerCount * STACK;
  return () => {
    counters.pokerTsHands++;
    let actions = 0;
    try {
      table.startHand();
      while (table.isHandInProgress()) {
        while (table.isBettingRoundInProgress()) {
          if (++actions > MAX_ACTIONS_PER_HAND) throw new Error('too many actions');
          counters.pokerTsActions++;
          const legal = table.legalActions();
          const canFold = legal.actions.includes('call');
          const canCheck = legal.actions.includes('check');
          const raiseKind = legal.actions.includes('raise')
            ? 'raise'
            : legal.actions.includes('bet')
              ? 'bet'
              : null;
          const range = legal.chipRange;
          const canRaise = raiseKind !== null && range !== undefined;
          const choice = pickChoice(canFold, canRaise, rand);
          if (choice === FOLD) table.actionTaken('fold');
          else if (choice === CHECK_OR_CALL) table.actionTaken(canCheck ? 'check' : 'call');
          else if (choice === MIN_RAISE) table.actionTaken(raiseKind!, range!.min);
          else table.actionTaken(raiseKind!, range!.max);
        }
        table.endBettingRound();
        if (table.areBettingRoundsCompleted()) table.showdown();
      }
      let total = 0;
      for (const seat of table.seats()) if (seat !== null) total += seat.totalChips;
      if (total !== startTotal) counters.pokerTsChipLosses++;
      reseat();
    } catch {
      counters.pokerTsAborted++;
      table = newTable();
      reseat();
    }
  };
}

function compare(
  playerCount: number,
  options: Required<HandBenchOptions>,
  counters: Counters,
): ThroughputComparison {
  const ours = oursPlayer(playerCount, seededRandom(options.seed), counters);
  const theirs = pokerTsPlayer(playerCount, seededRandom(options.seed), counters);
  measure(options.warmupMs, ours);
  measure(options.warmupMs, theirs);
  const before = { ...counters };
  const oursPerSecond = measure(options.durationMs, ours);
  const pokerTsPerSecond = measure(options.durationMs, theirs);
  const oursHands = counters.oursHands - before.oursHands;
  const pokerTsHands = counters.pokerTsHands - before.pokerTsHands;
  return {
    oursPerSecond,
    pokerTsPerSecond,
    ratio: oursPerSecond / pokerTsPerSecond,
    oursActionsPerHand: (counters.oursActions - before.oursActions) / oursHands,
    pokerTsActionsPerHand: (counters.pokerTsActions - before.pokerTsActions) / pokerTsHands,
  };
}

/** Our PLO hands per second, and against our own Hold'em at the same size, in one run. */
function omahaThroughput(
  playerCount: number,
  options: Required<HandBenchOptions>,
  counters: Counters,
  holdemPerSecond: number,
): OmahaThroughput {
  const ours = oursPlayer(playerCount, seededRandom(options.seed), counters, 'PO');
  measure(options.warmupMs, ours);
  const before = { ...counters };
  const oursPerSecond = measure(options.durationMs, ours);
  return {
    oursPerSecond,
    ratioToHoldem: oursPerSecond / holdemPerSecond,
    actionsPerHand: (counters.oursActions - before.oursActions) / (counters.oursHands - before.oursHands),
  };
}

export async function runHandBench(options: HandBenchOptions = {}): Promise<HandBenchResult> {
  const settings: Required<HandBenchOptions> = {
    durationMs: options.durationMs ?? 3000,
    warmupMs: options.warmupMs ?? 500,
    seed: options.seed ?? 20_240_601,
  };
  const counters: Counters = {
    oursHands: 0,
    oursActions: 0,
    pokerTsActions: 0,
    conservationViolations: 0,
    rejectedLegalActions: 0,
    pokerTsHands: 0,
    pokerTsChipLosses: 0,
    pokerTsAborted: 0,
  };
  const headsUp = compare(2, settings, counters);
  const sixMax = compare(6, settings, counters);
  const ploHeadsUp = omahaThroughput(2, settings, counters, headsUp.oursPerSecond);
  const ploSixMax = omahaThroughput(6, settings, counters, sixMax.oursPerSecond);
  return {
    headsUp,
    sixMax,
    ploHeadsUp,
    ploSixMax,
    conservationViolations: counters.conservationViolations,
    rejectedLegalActions: counters.rejectedLegalActions,
    pokerTsChipLossRate: counters.pokerTsHands === 0 ? 0 : counters.pokerTsChipLosses / counters.pokerTsHands,
    pokerTsAbortedHands: counters.pokerTsAborted,
  };
}

function format(name: string, figures: ThroughputComparison): string {
  const rate = (value: number) => Math.round(value).toLocaleString('en-US').padStart(9);
  return (
    `${name}: ours ${rate(figures.oursPerSecond)} hands/s, poker-ts ${rate(figures.pokerTsPerSecond)} hands/s, ` +
    `ratio ${figures.ratio.toFixed(2)}x (actions per hand: ours ${figures.oursActionsPerHand.toFixed(2)}, ` +
    `poker-ts ${figures.pokerTsActionsPerHand.toFixed(2)})`
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationArg = Number(process.argv[2]);
  const result = await runHandBench(
    Number.isFinite(durationArg) && durationArg > 0 ? { durationMs: durationArg } : {},
  );
  console.log(format('heads-up', result.headsUp));
  console.log(format('6-max   ', result.sixMax));
  console.log(
    `conservation violations: ${result.conservationViolations}, rejected legal actions: ${result.rejectedLegalActions}, ` +
      `poker-ts chip loss rate: ${(result.pokerTsChipLossRate * 100).toFixed(3)}%, poker-ts aborted hands: ${result.pokerTsAbortedHands}`,
  );
  console.log(JSON.stringify(result));
}
