import { orderedDeck } from '../engine/cards.js';
import { applyAction, handPhase, handResult, legalActions, startHand } from '../engine/hand.js';
import type { HandSetup } from '../engine/hand-types.js';
import { Money, ZERO } from '../money/index.js';
import type { BlindLevel } from '../protocol/tournament-structure.js';
import { chooseHandSeating } from '../tables/hand-seating.js';
import { TournamentDirector } from '../tournaments/director.js';
import type { DirectorCommand, DirectorEvent, HandReportLine } from '../tournaments/director-types.js';
import { placesPaid } from '../tournaments/payout-table.js';
import { type RandomInt, shuffle } from '../tournaments/random-source.js';
import { EMPTY } from '../tournaments/seating.js';
import { type PresetName, presetStructure } from '../tournaments/structure.js';
import { MinHeap } from './min-heap.js';
import { pushFoldAction } from './push-fold-player.js';
import { seededInt, seededRandom } from './seeded-random.js';

/**
 * `tournament:sim`: a whole multi-table tournament in one process, through the real director
 * (src/tournaments) and the real hand engine, with a simulated clock and push-or-fold random
 * players; no sockets, no database. It is a discrete-event simulation: each table's hand is played
 * when the director deals it and reported when its simulated time is up, so tables finish out of
 * step as they do live. Besides the director's own checks, it checks from the tables' side:
 * every hand conserves chips, nobody is moved out of a hand, a broken table is empty, the stacks
 * at all tables add up to the chips issued, the prizes add up to the pool, and every entry has a
 * place at the end. A failure is counted, never thrown.
 */

export interface SimulationOptions {
  readonly entrants: number;
  readonly seed: number;
  readonly structure: PresetName;
  /** Players who register during late registration rather than before the start (0..1). */
  readonly lateShare: number;
}

export interface SimulationReport {
  entrants: number;
  hands: number;
  tablesAtStart: number;
  moves: number;
  seconds: number;
  playHours: number;
  prizePool: string;
  payoutsTotal: string;
  payoutsMatchPool: boolean;
  placesPaid: number;
  chipChecks: number;
  chipCheckFailures: number;
  maxTableSizeDiff: number;
  invariantFailures: number;
  reloads: number;
  finished: boolean;
}

const SEATS = 9;
const BUY_IN = '10.00';
const MONEY_UNIT = '0.01';
const LATE_LEVELS = 6;
const MAX_ENTRIES = 2;
/** How often the whole state goes through JSON and a new director, as a live runner's would. */
const RELOAD_EVERY_HANDS = 10_000;
/** How often every stack at every table is added up (it is O(players)). */
const FULL_COUNT_EVERY_HANDS = 2_000;
const STEPS_MAX = 1_000;

interface SimTable {
  readonly seats: number[];
  lastBigBlindSeat: number;
  inHand: boolean;
  broken: boolean;
  /** The report of the hand in play, sent when its time is up. */
  report: DirectorEvent | null;
}

export function simulateTournament(
  options: SimulationOptions,
  elapsedSeconds: () => number,
): SimulationReport {
  const rand = seededRandom(options.seed);
  const randomInt: RandomInt = (max) => seededInt(rand, max);
  const structure = presetStructure(options.structure);
  let director = TournamentDirector.create({
    kind: 'multi-table',
    seatsPerTable: SEATS,
    structure,
    buyIn: BUY_IN,
    moneyUnit: MONEY_UNIT,
    guarantee: '0',
    capacity: options.entrants,
    minEntrants: 2,
    lateRegistrationLevels: options.lateShare > 0 ? LATE_LEVELS : 0,
    maxEntriesPerPlayer: options.lateShare > 0 ? MAX_ENTRIES : 1,
  });
  const tables: SimTable[] = [];
  const stacks: number[] = [];
  const queue = new MinHeap<number>();
  const failures: string[] = [];
  const failed = (message: string) => {
    if (failures.length < 20) failures.push(message);
  };
  let now = 0;
  let nextStepAtMs: number | null = null;
  let payouts = ZERO;
  let prizePool = '0';
  let tablesAtStart = 0;
  let hands = 0;
  let reloads = 0;
  let sideChipCheckFailures = 0;
  let lateRegistered = 0;
  let entriesMade = 0;
  let registrationOpen = true;
  /** Players who busted while registration was open: some come back (re-entry). */
  const bustedUsers: string[] = [];
  const lateTarget = Math.floor(options.entrants * options.lateShare);

  const run = (command: DirectorCommand) => {
    switch (command.type) {
      case 'openTable':
        tables[command.tableId - 1] = {
          seats: new Array<number>(SEATS).fill(EMPTY),
          lastBigBlindSeat: 0,
          inHand: false,
          broken: false,
          report: null,
        };
        if (now === 0) tablesAtStart++;
        return;
      case 'seatPlayer': {
        const table = tables[command.tableId - 1]!;
        if (table.seats[command.seat - 1] !== EMPTY) failed(`seat ${command.tableId}/${command.seat} taken`);
        table.seats[command.seat - 1] = command.entryId;
        stacks[command.entryId] = command.stack;
        return;
      }
      case 'movePlayer': {
        const from = tables[command.fromTableId - 1]!;
        const to = tables[command.toTableId - 1]!;
        if (from.inHand) failed(`entry ${command.entryId} moved out of a hand`);
        if (from.seats[command.fromSeat - 1] !== command.entryId)
          failed(`entry ${command.entryId} not there`);
        if (to.seats[command.toSeat - 1] !== EMPTY)
          failed(`seat ${command.toTableId}/${command.toSeat} taken`);
        if (stacks[command.entryId] !== command.stack)
          failed(`entry ${command.entryId} moved with another stack`);
        from.seats[command.fromSeat - 1] = EMPTY;
        to.seats[command.toSeat - 1] = command.entryId;
        return;
      }
      case 'breakTable': {
        const table = tables[command.tableId - 1]!;
        if (table.inHand || table.seats.some((entryId) => entryId !== EMPTY))
          failed(`table ${command.tableId} broken full`);
        table.broken = true;
        return;
      }
      case 'dealHand':
        deal(command.tableId, command.level);
        return;
      case 'levelChanged':
        nextStepAtMs = command.endsAtMs;
        return;
      case 'registrationClosed':
        registrationOpen = false;
        prizePool = command.prizePool;
        if (command.prizes.length !== placesPaid(command.entries))
          failed('a payout list of the wrong length');
        return;
      case 'payPrize':
        payouts = payouts.plus(command.amount);
        return;
      case 'halted':
        failed(`halted: ${command.reason}`);
        return;
      case 'handForHand':
      case 'eliminated':
      case 'finished':
      case 'cancelled':
        return;
    }
  };

  const deal = (tableId: number, blinds: BlindLevel) => {
    const table = tables[tableId - 1]!;
    if (table.inHand || table.broken) failed(`table ${tableId} dealt twice`);
    const candidates = table.seats.flatMap((entryId, index) =>
      entryId === EMPTY ? [] : [{ seat: index + 1, waitingForBigBlind: false, postsBigBlindNow: false }],
    );
    const seating = chooseHandSeating(
      candidates,
      table.lastBigBlindSeat === 0 ? null : table.lastBigBlindSeat,
    );
    if (seating === null) {
      failed(`table ${tableId} dealt with fewer than two players`);
      return;
    }
    const entryIds = seating.positions.map((seat) => table.seats[seat - 1]!);
    const setup: HandSetup = {
      players: seating.positions.map((seat, position) => ({ seat, stack: stacks[entryIds[position]!]! })),
      antes: blinds.ante > 0 ? [0, blinds.ante] : [],
      blindsOrStraddles: [blinds.smallBlind, blinds.bigBlind],
      minBet: blinds.bigBlind,
      rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
      deck: shuffle(orderedDeck(), randomInt),
    };
    const finalStacks = playHand(setup, blinds.bigBlind);
    const before = setup.players.reduce((sum, player) => sum + player.stack, 0);
    const after = finalStacks.reduce((sum, stack) => sum + stack, 0);
    if (before !== after) {
      sideChipCheckFailures++;
      failed(`a hand at table ${tableId} made ${after - before} chips`);
    }
    const lines: HandReportLine[] = entryIds.map((entryId, position) => ({
      entryId,
      stackBefore: setup.players[position]!.stack,
      stackAfter: finalStacks[position]!,
    }));
    table.inHand = true;
    table.lastBigBlindSeat = seating.bigBlindSeat;
    table.report = { type: 'handFinished', tableId, bigBlindSeat: seating.bigBlindSeat, stacks: lines };
    // Some 20 to 80 seconds a hand, longer with more players.
    queue.push(now + 15_000 + 5_000 * entryIds.length + seededInt(rand, 20_000), tableId);
  };

  const playHand = (setup: HandSetup, bigBlind: number): readonly number[] => {
    const started = startHand(setup);
    if (!started.ok) throw new Error(`a tournament hand was refused: ${started.error.message}`);
    let state = started.value.state;
    for (let step = 0; step < STEPS_MAX; step++) {
      const result = handResult(state);
      if (result) return result.finalStacks;
      const legal = legalActions(state);
      if (legal === null) throw new Error('a hand without a result has nobody to act');
      const action = pushFoldAction(rand, legal, bigBlind, handPhase(state) === 'preflop');
      const applied = applyAction(state, action);
      if (!applied.ok) throw new Error(`a legal action was refused: ${applied.error.message}`);
      state = applied.value.state;
    }
    throw new Error('a tournament hand did not end');
  };

  const send = (event: DirectorEvent) => {
    const result = director.apply(event, randomInt);
    if (!result.ok) {
      if (event.type !== 'register')
        failed(`${event.type} refused: ${result.error.code} ${result.error.message}`);
      return false;
    }
    for (const command of result.value) run(command);
    return true;
  };

  const advanceTo = (time: number) => {
    if (time > now) send({ type: 'timePassed', ms: time - now });
    now = Math.max(now, time);
  };

  const register = (userId: string) => {
    if (send({ type: 'register', userId })) entriesMade++;
  };

  const countAllStacks = () => {
    let total = 0;
    for (const table of tables) {
      if (!table || table.broken) continue;
      for (const entryId of table.seats) if (entryId !== EMPTY) total += stacks[entryId]!;
    }
    if (total !== director.state.chipsIssued) {
      sideChipCheckFailures++;
      failed(`the tables hold ${total} chips, ${director.state.chipsIssued} were issued`);
    }
  };

  for (let player = 0; player < options.entrants - lateTarget; player++) register(`player-${player}`);
  send({ type: 'start' });
  while (director.state.phase === 'running') {
    // Late registration: new players and re-entries arrive while it is open.
    if (registrationOpen && lateRegistered < lateTarget && entriesMade < options.entrants && rand() < 0.5) {
      // Now and then a busted player re-enters (the director refuses a player out of entries).
      const busted =
        bustedUsers.length > 0 && rand() < 0.3 ? bustedUsers[seededInt(rand, bustedUsers.length)] : undefined;
      register(busted ?? `late-${lateRegistered}`);
      lateRegistered++;
    }
    const next = queue.pop();
    if (next === undefined) {
      // Every table is idle: a break, or a table waiting for players. Time moves on.
      if (nextStepAtMs === null) {
        failed('nothing to deal and no level to wait for');
        break;
      }
      advanceTo(nextStepAtMs);
      continue;
    }
    advanceTo(next.key);
    const table = tables[next.value - 1]!;
    const report = table.report!;
    table.inHand = false;
    table.report = null;
    if (report.type === 'handFinished') {
      for (const line of report.stacks) {
        stacks[line.entryId] = line.stackAfter;
        if (line.stackAfter > 0) continue;
        table.seats[table.seats.indexOf(line.entryId)] = EMPTY;
        if (registrationOpen) bustedUsers.push(director.state.entries[line.entryId]!.userId);
      }
    }
    hands++;
    send(report);
    if (hands % FULL_COUNT_EVERY_HANDS === 0) countAllStacks();
    if (hands % RELOAD_EVERY_HANDS === 0) {
      director = TournamentDirector.fromState(JSON.parse(JSON.stringify(director.state)));
      reloads++;
    }
  }
  countAllStacks();
  const state = director.state;
  const places = state.entries.filter((entry) => entry.status !== 'unregistered');
  if (state.phase !== 'finished') failed(`the tournament ended ${state.phase}`);
  if (places.some((entry) => entry.place < 1)) failed('an entry without a place');
  if (places.filter((entry) => entry.place === 1).length !== 1) failed('not one winner');
  const invariantFailures = state.stats.invariantFailures + failures.length;
  if (failures.length > 0) process.stderr.write(`${failures.join('\n')}\n`);
  return {
    entrants: state.entrants,
    hands,
    tablesAtStart,
    moves: state.stats.moves,
    seconds: Math.round(elapsedSeconds() * 10) / 10,
    playHours: Math.round((state.clockMs / 3_600_000) * 100) / 100,
    prizePool,
    payoutsTotal: payouts.toFixed(2),
    payoutsMatchPool: payouts.equals(new Money(prizePool)),
    placesPaid: state.prizes.length,
    chipChecks: state.stats.chipChecks,
    chipCheckFailures: state.stats.chipCheckFailures + sideChipCheckFailures,
    maxTableSizeDiff: state.stats.maxTableSizeDiff,
    invariantFailures,
    reloads,
    finished: state.phase === 'finished',
  };
}
