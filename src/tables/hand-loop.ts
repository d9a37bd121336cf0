import { cardsToString } from '../engine/cards.js';
import { sharePercent } from '../engine/equity.js';
import type { HandResult, HandSetup, HandStep, PlayerAction } from '../engine/hand-types.js';
import { exportPhh } from '../engine/phh/phh-export.js';
import { commitDeck, joinSalts } from '../fairness/deck-commitment.js';
import { formatAmount } from '../money/index.js';
import { ackOk } from '../protocol/ack.js';
import { checkLiveHand, checkResult } from './hand-invariants.js';
import { chooseHandSeating } from './hand-seating.js';
import { callLedger } from './ledger-call.js';
import { cashOutSeat, topUpSeat } from './seat-money.js';
import { settlementRecord } from './settlement-record.js';
import { clockOf } from './table-config.js';
import type { TableCore } from './table-core.js';
import { type TableResult, tableError } from './table-errors.js';
import { haltIfNotOwner, haltTable } from './table-halt.js';
import { EquityDeclined } from './table-ports.js';
import type { LiveHand, RunoutState, SeatState } from './table-state.js';
import { afterTournamentHand, recordTournamentHand, tournamentLevelForDeal } from './tournament-hand.js';

/**
 * The life of a hand: deal, run the action clock, apply actions, settle through the ledger, then
 * the seat chores that wait for the end of a hand (leaving, top-ups).
 */

const NO_RAKE_CAP = Number.MAX_SAFE_INTEGER;

/** Deals the next hand if two or more players can play. */
export async function startNextHand(core: TableCore): Promise<void> {
  if (core.halted || core.closing || core.liveHand() || core.tournament?.pause || core.tournament?.held)
    return;
  const dealOnly = core.tournament?.dealOnly;
  const candidates = dealOnly
    ? core.dealableSeats().filter((seat) => dealOnly.has(seat.userId))
    : core.dealableSeats();
  const seating = chooseHandSeating(candidates, core.lastBigBlindSeat);
  if (!seating) return;
  const { config, engine, deckSource, observer, clock } = core.deps;
  const seats = seating.positions.map((number) => core.seats.get(number)!);
  for (const seat of seats) {
    seat.waitingForBigBlind = false;
    seat.postsBigBlindNow = false;
  }
  const { deck, salts } = deckSource();
  const level = tournamentLevelForDeal(core);
  const bigBlind = level ? level.bigBlind : config.bigBlind;
  const setup: HandSetup = {
    variant: config.variant,
    // The table shows the all-in hands and their equity before the board runs out (beginRunout).
    pauseForRunout: true,
    runItTwice: config.runItTwice,
    players: seats.map((seat) => ({ seat: seat.seat, stack: seat.stack })),
    // A tournament's ante is a big-blind ante: PHH's [0, ante] is the big blind's at any table
    // size, heads-up included (hand-types.ts); a big blind short of both posts the blind first.
    // The big blind antes for the table; short of both, it pays the ante first (POKER-RULES.md).
    ...(level ? { antes: [0, level.ante] } : { antes: seats.map(() => config.ante) }),
    blindsOrStraddles: level ? [level.smallBlind, level.bigBlind] : [config.smallBlind, config.bigBlind],
    ...(seating.livePostSeats.length > 0 && {
      livePosts: seats.map((seat) => (seating.livePostSeats.includes(seat.seat) ? bigBlind : 0)),
    }),
    minBet: bigBlind,
    rake: {
      basisPoints: config.rakeBasisPoints,
      capUnits: config.rakeCap > 0 ? config.rakeCap : NO_RAKE_CAP,
      noFlopNoDrop: true,
    },
    deck,
  };
  const started = engine.startHand(setup);
  if (!started.ok) {
    await haltTable(core, `the engine refused a hand setup: ${started.error.code}`);
    return;
  }
  const number = core.handNumber + 1;
  const committed = commitDeck(deck, salts);
  const userIds = seats.map((seat) => seat.userId);
  const startingStacks = seats.map((seat) => seat.stack);
  // The hand's record comes first: once its commitment is published, its number must end in a
  // settled or voided record even if this process dies now, and is never dealt again.
  const opened = await callLedger(() =>
    core.handRecords.openHand({
      tableId: core.tableId,
      handNumber: number,
      ownerEpoch: core.deps.ownerEpoch,
      deckCommitment: committed.commitment,
      deck: cardsToString(deck),
      salt: joinSalts(salts),
      seating: {
        userIds,
        seats: seating.positions,
        buttonSeat: seating.buttonSeat,
        startingStacks,
        variant: config.variant,
      },
    }),
  );
  if (!opened.ok) {
    await haltIfNotOwner(core, opened);
    if (core.halted) return;
    // Nobody saw this deal: try again (with another deck) after the usual pause.
    core.deps.logger.warn({ hand: number, error: opened.error }, 'could not record a deal');
    core.setTimer('next-hand', core.now() + core.deps.settings.handPauseMs, () => startNextHand(core));
    return;
  }
  core.hand = {
    number,
    seating,
    userIds,
    committed,
    startingStacks,
    startedAtMs: clock.now(),
    state: started.value.state,
    events: [...started.value.events],
    turn: 0,
    clock: null,
    settled: false,
    runout: null,
  };
  core.dirty = true;
  // A table that deals when told waits for its director's next dealHand after this one.
  if (core.tournament?.dealsWhenTold) {
    core.tournament.held = true;
    core.tournament.dealOnly = null;
  }
  observer.handStarted(core.tableId);
  if (!(await checkInvariants(core, core.hand))) return;
  await progress(core, core.hand);
}

/** Takes the hand to the engine's new state, keeping the events that led there. */
function recordStep(hand: LiveHand, step: HandStep): void {
  hand.state = step.state;
  for (const event of step.events) hand.events.push(event);
  hand.turn += 1;
}

/** Applies an action that the engine accepted; then moves the hand on. */
export async function commitTransition(core: TableCore, hand: LiveHand, step: HandStep) {
  recordStep(hand, step);
  hand.clock = null;
  core.cancelTimer('clock');
  core.dirty = true;
  if (!(await checkInvariants(core, hand))) return;
  await progress(core, hand);
}

/**
 * A player who will not act: sat out by the clock or while away, or leaving. Their turns are played
 * at once. At a tournament table every player is dealt in, and one sitting out (by choice, after
 * the disconnect grace, or after a turn that timed out) is absent.
 */
function isAbsent(core: TableCore, seat: SeatState): boolean {
  if (core.tournament && seat.sittingOut) return true;
  return (
    seat.leaving ||
    seat.awayUntilMs !== null ||
    seat.missedTurns >= core.deps.settings.missedTurnsBeforeSitOut
  );
}

/** Runs the hand forward: finishes it, plays absent players' turns, or starts the next player's clock. */
async function progress(core: TableCore, hand: LiveHand): Promise<void> {
  const { engine } = core.deps;
  for (;;) {
    if (core.hand !== hand || core.halted) return;
    const toAct = engine.playerToAct(hand.state);
    if (toAct === null) {
      if (engine.isAwaitingRunout(hand.state)) await beginRunout(core, hand);
      else await finishHand(core, hand);
      return;
    }
    const seat = core.seats.get(hand.seating.positions[toAct]!)!;
    if (!isAbsent(core, seat)) {
      armClock(core, hand, toAct, seat);
      return;
    }
    const applied = engine.applyAction(hand.state, passiveAction(core, hand, toAct));
    if (!applied.ok) {
      await haltTable(core, `the engine refused a check or fold: ${applied.error.code}`);
      return;
    }
    recordStep(hand, applied.value);
    core.dirty = true;
    if (!(await checkInvariants(core, hand))) return;
  }
}

/**
 * Betting is over with cards to come: the hands are face up (the engine turned them), the players
 * see their equity, and, where the table allows it, decide whether to run the board twice. The board
 * runs out at the deadline, or as soon as the decisions settle it. Without a pause, at once.
 */
async function beginRunout(core: TableCore, hand: LiveHand): Promise<void> {
  const { settings, config } = core.deps;
  const runItTwice = config.runItTwice;
  const waitMs = runItTwice ? settings.runItTwiceDecisionMs : settings.runoutPauseMs;
  if (waitMs === 0) {
    await runBoard(core, hand, 1);
    return;
  }
  const runout = {
    deadlineMs: core.now() + waitMs,
    runItTwice,
    decisions: new Map<number, boolean>(),
    equity: null,
  };
  hand.runout = runout;
  hand.clock = null;
  core.cancelTimer('clock');
  core.dirty = true;
  requestEquity(core, hand, runout);
  core.setTimer('runout', runout.deadlineMs, () => runBoard(core, hand, 1));
}

/** Asks for the equity away from this turn of the loop, and shows it if the runout still waits. */
function requestEquity(core: TableCore, hand: LiveHand, runout: RunoutState): void {
  const { engine, equity, logger } = core.deps;
  const spot = engine.equityInputOf(hand.state);
  if (!spot) return;
  equity(spot.input).then(
    (result) =>
      core.enqueueInternal('equity', () => {
        if (core.hand !== hand || hand.runout !== runout) return;
        const percent = (units: number) => sharePercent(result, units);
        runout.equity = {
          players: result.players.map((player, index) => ({
            position: spot.positions[index]!,
            winPercent: (100 * player.wins) / result.runouts,
            tiePercent: (100 * player.ties) / result.runouts,
            sharePercent: percent(player.shareUnits),
          })),
          pots: result.pots.map((pot, index) => ({
            amount: spot.potAmounts[index]!,
            shares: pot.eligible.map((player) => ({
              position: spot.positions[player]!,
              percent: percent(pot.shareUnits[player]!),
            })),
          })),
        };
        core.dirty = true;
      }),
    (error: unknown) => {
      if (error instanceof EquityDeclined)
        logger.debug({ tableId: core.tableId, hand: hand.number, reason: error.message }, 'no equity shown');
      else logger.warn({ tableId: core.tableId, hand: hand.number, err: error }, 'equity failed');
    },
  );
}

/** Deals the rest of the board, once or twice, and settles the hand. */
async function runBoard(core: TableCore, hand: LiveHand, runs: 1 | 2): Promise<void> {
  if (core.hand !== hand || core.halted || !core.deps.engine.isAwaitingRunout(hand.state)) return;
  core.cancelTimer('runout');
  hand.runout = null;
  const ran = core.deps.engine.runOut(hand.state, runs);
  if (!ran.ok) {
    await haltTable(core, `the engine refused to run the board out: ${ran.error.code}`);
    return;
  }
  recordStep(hand, ran.value);
  core.dirty = true;
  if (!(await checkInvariants(core, hand))) return;
  await finishHand(core, hand);
}

/**
 * A player still in the hand answers whether to run the board twice. One "no" runs it once at
 * once; when every player still in has said yes, it runs twice at once.
 */
export async function decideRunout(
  core: TableCore,
  request: { userId: string; deckCommitment: string; agree: boolean },
): Promise<TableResult<null>> {
  const hand = core.liveHand();
  const runout = hand?.runout;
  if (!hand || !runout) return tableError('table/no-runout', 'no board is waiting to run out');
  if (request.deckCommitment !== hand.committed.commitment)
    return tableError('table/wrong-deal', 'this answer was for another deal');
  if (!runout.runItTwice) return tableError('table/no-run-it-twice', 'this table does not run it twice');
  const position = hand.userIds.indexOf(request.userId);
  const view = core.deps.engine.viewFor(hand.state, { kind: 'spectator' });
  if (position < 0 || view.players[position]!.folded)
    return tableError('table/not-in-hand', 'only the players still in the hand decide');
  if (runout.decisions.has(position)) return tableError('table/already-decided', 'you answered already');
  runout.decisions.set(position, request.agree);
  core.dirty = true;
  const stillIn = view.players.filter((player) => !player.folded).length;
  if (!request.agree) await runBoard(core, hand, 1);
  else if (runout.decisions.size === stillIn) await runBoard(core, hand, 2);
  return ackOk(null);
}

/** Check if possible, else fold: what a player who does not act does. */
export function passiveAction(core: TableCore, hand: LiveHand, player: number): PlayerAction {
  const legal = core.deps.engine.legalActions(hand.state);
  return { player, kind: legal?.canCheck ? 'check' : 'fold' };
}

function armClock(core: TableCore, hand: LiveHand, position: number, seat: SeatState): void {
  const { settings, config } = core.deps;
  const now = core.now();
  const deadlineMs = now + clockOf(config, settings).actionTimeoutMs;
  hand.clock = {
    seat: seat.seat,
    position,
    turn: hand.turn,
    startedAtMs: now,
    deadlineMs,
    timeBankDeadlineMs: deadlineMs + seat.timeBankMs,
    usingTimeBank: false,
  };
  core.setTimer('clock', deadlineMs, () => onClockExpired(core, hand, hand.turn));
}

/** The regular time ran out: start the time bank, or, if that is spent too, check or fold. */
async function onClockExpired(core: TableCore, hand: LiveHand, turn: number): Promise<void> {
  const clock = hand.clock;
  if (core.hand !== hand || hand.settled || !clock || clock.turn !== turn || hand.turn !== turn) return;
  const seat = core.seats.get(clock.seat)!;
  if (!clock.usingTimeBank && clock.timeBankDeadlineMs > clock.deadlineMs) {
    clock.usingTimeBank = true;
    core.dirty = true;
    core.setTimer('clock', clock.timeBankDeadlineMs, () => onClockExpired(core, hand, turn));
    return;
  }
  if (clock.usingTimeBank) seat.timeBankMs = 0;
  seat.missedTurns += 1;
  const { settings, engine, logger } = core.deps;
  // At a tournament table one turn run out of time makes the player absent (isAbsent).
  const missedTurnsLimit = core.tournament ? 1 : settings.missedTurnsBeforeSitOut;
  if (seat.missedTurns >= missedTurnsLimit && !seat.sittingOut) {
    seat.sittingOut = true;
    core.notify(seat.userId, {
      kind: 'sat-out-missed-turns',
      message: `sat out after ${seat.missedTurns} turns without acting; sit in to play again`,
    });
  }
  const applied = engine.applyAction(hand.state, passiveAction(core, hand, clock.position));
  if (!applied.ok) {
    await haltTable(core, `the engine refused a timed-out check or fold: ${applied.error.code}`);
    return;
  }
  logger.info({ seat: seat.seat, hand: hand.number }, 'turn timed out');
  await commitTransition(core, hand, applied.value);
}

/** Charges the time bank for time used past the regular deadline. */
export function chargeTimeBank(core: TableCore, hand: LiveHand, seat: SeatState): void {
  const clock = hand.clock;
  if (!clock?.usingTimeBank) return;
  seat.timeBankMs = Math.max(0, seat.timeBankMs - (core.now() - clock.deadlineMs));
}

async function checkInvariants(core: TableCore, hand: LiveHand): Promise<boolean> {
  const view = core.deps.engine.viewFor(hand.state, { kind: 'spectator' });
  if (view.phase === 'complete') return true;
  const check = checkLiveHand(view, hand.startingStacks);
  if (check.ok) return true;
  await haltTable(core, `invariant broken during hand ${hand.number}: ${check.error}`);
  return false;
}

/**
 * Settles the hand through the ledger (or records it for the tournament) BEFORE anything else can
 * happen at the table.
 */
async function finishHand(core: TableCore, hand: LiveHand): Promise<void> {
  const { engine, config } = core.deps;
  const result = engine.handResult(hand.state);
  if (!result) {
    await haltTable(core, `hand ${hand.number} ended without a result`);
    return;
  }
  const check = checkResult(result, hand.startingStacks);
  if (!check.ok) {
    await haltTable(core, `invariant broken at the end of hand ${hand.number}: ${check.error}`);
    return;
  }
  const seats = hand.seating.positions.map((number) => core.seats.get(number)!);
  let history: string;
  try {
    history = exportPhh(hand.state, hand.events, {
      chipUnit: config.chipUnit,
      players: seats.map((seat) => seat.username),
      hand: hand.number,
    });
  } catch (error) {
    await haltTable(core, `hand ${hand.number} could not be written as PHH: ${String(error)}`);
    return;
  }
  if (core.tournament) {
    const report = await recordTournamentHand(core, hand, seats, result, history);
    if (!report) return;
    markSettled(core, hand, seats, result);
    afterTournamentHand(core, report);
    return;
  }
  if (!(await settleCashHand(core, hand, seats, result, history))) return;
  markSettled(core, hand, seats, result);
  await afterHandChores(core);
}

/** The ledger moves the stacks and the rake; false when it did not (the table is halted). */
async function settleCashHand(
  core: TableCore,
  hand: LiveHand,
  seats: readonly SeatState[],
  result: HandResult,
  history: string,
): Promise<boolean> {
  const { config, observer, ownerEpoch } = core.deps;
  const ledger = core.ledger;
  const startedAt = performance.now();
  const outcome = await callLedger(() =>
    ledger.settleHand({
      tableId: core.tableId,
      handNumber: hand.number,
      ownerEpoch,
      stacks: seats.map((seat, position) => ({
        seat: seat.seat,
        stack: config.chipUnit.times(result.finalStacks[position]!),
      })),
      rake: config.chipUnit.times(result.rakeTotal),
      deckCommitment: hand.committed.commitment,
      deck: cardsToString(hand.committed.deck),
      salt: joinSalts(hand.committed.salts),
      history,
      result: settlementRecord(hand, seats, result),
    }),
  );
  if (!outcome.ok) {
    // Nothing was written, or we can no longer tell: either way the database is the truth, and a
    // restart (or another owner) restores from it. This table must not deal on guessed stacks.
    await haltTable(
      core,
      `settlement of hand ${hand.number} failed: ${outcome.error.code} ${outcome.error.message}`,
    );
    return false;
  }
  observer.handSettled(core.tableId, performance.now() - startedAt);
  const rake = config.chipUnit.times(result.rakeTotal);
  if (result.rakeTotal > 0) observer.moneyMoved('rake', rake);
  core.deps.logger.info(
    {
      hand: hand.number,
      pot: formatAmount(config.chipUnit.times(result.pots.reduce((sum, pot) => sum + pot.amount, 0))),
      rake: formatAmount(rake),
      players: seats.length,
    },
    'hand settled',
  );
  return true;
}

/** The table takes the hand's final stacks; the hand stays on display until the next one. */
function markSettled(core: TableCore, hand: LiveHand, seats: readonly SeatState[], result: HandResult): void {
  const { settings } = core.deps;
  seats.forEach((seat, position) => {
    seat.stack = result.finalStacks[position]!;
    seat.timeBankMs = Math.min(
      clockOf(core.deps.config, settings).timeBankMaxMs,
      seat.timeBankMs + settings.timeBankPerHandMs,
    );
  });
  hand.settled = true;
  hand.clock = null;
  core.handNumber = hand.number;
  core.lastBigBlindSeat = hand.seating.bigBlindSeat;
  core.lastHandEndedAtMs = core.now();
  core.stats.record(
    core.lastHandEndedAtMs,
    result.pots.reduce((total, pot) => total + pot.amount, 0),
  );
  core.dirty = true;
}

/** What waited for the hand to end: leaving players cash out, top-ups are applied, the broke sit out. */
async function afterHandChores(core: TableCore): Promise<void> {
  const seats = [...core.seats.values()].sort((a, b) => a.seat - b.seat);
  for (const seat of seats) {
    // A seat whose money is moving finishes its chores when the ledger answers (seat-commands.ts).
    if (seat.reservation || seat.topUpInFlight) continue;
    if (seat.leaving) {
      await cashOutSeat(core, seat);
      continue;
    }
    if (seat.pendingTopUp > 0) {
      const units = seat.pendingTopUp;
      seat.pendingTopUp = 0;
      const topUp = await topUpSeat(core, seat, units);
      core.notify(
        seat.userId,
        topUp.ok
          ? { kind: 'top-up-applied', message: 'your top-up was added' }
          : { kind: 'top-up-failed', message: topUp.error.message, code: topUp.error.code },
      );
    }
    if (seat.stack === 0 && !seat.sittingOut) {
      // Out of chips: sat out until a top-up (and sit-in) brings them back.
      seat.sittingOut = true;
      core.dirty = true;
    }
  }
}
