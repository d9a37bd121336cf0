import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../src/money/index.js';
import { TournamentStructureSchema } from '../../../src/protocol/tournament-structure.js';
import { dealOffers } from '../../../src/tournaments/deal-offers.js';
import type { TournamentDirector } from '../../../src/tournaments/director.js';
import type {
  DirectorCommand,
  EntryState,
  TournamentState,
} from '../../../src/tournaments/director-types.js';
import { EMPTY, nextBigBlindSeat, worstOpenSeat } from '../../../src/tournaments/seating.js';
import { mttConfig, TournamentDriver } from '../../support/tournament-driver.js';

const MINUTE = 60_000;
/** Two-minute levels of 10/20, 20/40, a break, 40/80, ...: short, to test the clock. */
const structure = TournamentStructureSchema.parse({
  name: 'test',
  startingStack: 1000,
  steps: [
    { kind: 'level', smallBlind: 10, bigBlind: 20, ante: 0, durationMs: 2 * MINUTE },
    { kind: 'level', smallBlind: 20, bigBlind: 40, ante: 40, durationMs: 2 * MINUTE },
    { kind: 'break', durationMs: MINUTE },
    { kind: 'level', smallBlind: 40, bigBlind: 80, ante: 80, durationMs: 2 * MINUTE },
  ],
});
const sitAndGo = (capacity: number) =>
  mttConfig({ kind: 'sit-and-go', capacity, structure, seatsPerTable: 9, buyIn: '10.00' });
const ofType = <T extends DirectorCommand['type']>(commands: readonly DirectorCommand[], type: T) =>
  commands.filter((command): command is Extract<DirectorCommand, { type: T }> => command.type === type);

function registerAll(driver: TournamentDriver, count: number, prefix = 'p'): DirectorCommand[] {
  const commands: DirectorCommand[] = [];
  for (let i = 0; i < count; i++)
    commands.push(...driver.send({ type: 'register', userId: `${prefix}${i}` }));
  return commands;
}

function refusal(director: TournamentDirector, userId: string, type: 'register' | 'unregister' = 'register') {
  const result = director.apply({ type, userId }, () => 0);
  return result.ok ? null : result.error.code;
}

/** The checks that hold after every event of any tournament. */
function checkInvariants(state: TournamentState): void {
  let chips = 0;
  let seated = 0;
  for (const table of state.tables) {
    const players = table.seats.filter((entry) => entry !== EMPTY);
    expect(players.length).toBe(table.players);
    if (table.status === 'broken') expect(players).toEqual([]);
    for (const entryId of players) {
      const entry = state.entries[entryId]!;
      expect(entry.status).toBe('playing');
      expect(state.tables[entry.tableId - 1]!.seats[entry.seat - 1]).toBe(entryId);
      chips += entry.stack;
      seated++;
    }
  }
  expect(seated).toBe(state.alive);
  expect(chips).toBe(state.chipsIssued);
  expect(state.stats.invariantFailures).toBe(0);
  expect(state.stats.maxTableSizeDiff).toBeLessThanOrEqual(1);
}

describe('a Sit & Go', () => {
  it('starts when full: the draw seats everyone, the prizes are fixed, every table is dealt the first level', () => {
    const driver = new TournamentDriver(sitAndGo(9), 1);
    expect(registerAll(driver, 8)).toEqual([]);
    expect(driver.state.phase).toBe('registering');
    const commands = driver.send({ type: 'register', userId: 'p8' });
    expect(ofType(commands, 'openTable')).toHaveLength(1);
    expect(ofType(commands, 'seatPlayer')).toHaveLength(9);
    expect(ofType(commands, 'registrationClosed')[0]).toMatchObject({
      entries: 9,
      prizePool: '90',
      prizes: ['45', '27', '18'],
    });
    expect(ofType(commands, 'dealHand')).toEqual([
      { type: 'dealHand', tableId: 1, handNumber: 1, stepIndex: 0, level: structure.steps[0] },
    ]);
    expect(driver.state.chipsIssued).toBe(9000);
    expect(refusal(driver.director, 'late')).toBe('tournament/registration-closed');
  });

  it('of 18 starts at two tables of nine', () => {
    const driver = new TournamentDriver(sitAndGo(18), 2);
    const commands = registerAll(driver, 18);
    expect(ofType(commands, 'openTable')).toHaveLength(2);
    expect(driver.state.tables.map((table) => table.players)).toEqual([9, 9]);
    expect(ofType(commands, 'dealHand')).toHaveLength(2);
  });

  it('refuses a second registration, lets a player unregister before the start and makes room', () => {
    const driver = new TournamentDriver(sitAndGo(3), 3);
    driver.send({ type: 'register', userId: 'a' });
    expect(refusal(driver.director, 'a')).toBe('tournament/already-registered');
    expect(refusal(driver.director, 'b', 'unregister')).toBe('tournament/not-registered');
    driver.send({ type: 'unregister', userId: 'a' });
    driver.send({ type: 'register', userId: 'b' });
    driver.send({ type: 'register', userId: 'c' });
    expect(driver.state.phase).toBe('registering');
    driver.send({ type: 'register', userId: 'a' });
    expect(driver.state.phase).toBe('running');
    expect(driver.state.entrants).toBe(3);
    expect(refusal(driver.director, 'a', 'unregister')).toBe('tournament/registration-closed');
  });

  it('plays to the end: one winner, everyone placed, the prizes paid add up to the pool', () => {
    const driver = new TournamentDriver(sitAndGo(9), 4);
    registerAll(driver, 9);
    driver.playToEnd(0.2, 10_000, () => checkInvariants(driver.state));
    expect(driver.state.phase).toBe('finished');
    const places = driver.state.entries.map((entry) => entry.place).sort((a, b) => a - b);
    expect(places[0]).toBe(1);
    expect(places.every((place) => place >= 1 && place <= 9)).toBe(true);
    const paid = ofType(driver.commands, 'payPrize').reduce((sum, pay) => sum.plus(pay.amount), new Money(0));
    expect(paid.toFixed()).toBe('90');
    expect(ofType(driver.commands, 'finished')).toHaveLength(1);
  });
});

describe('a multi-table tournament', () => {
  it('is cancelled at its start with too few players', () => {
    const driver = new TournamentDriver(mttConfig({ minEntrants: 5 }), 5);
    registerAll(driver, 4);
    expect(driver.send({ type: 'start' })).toEqual([{ type: 'cancelled' }]);
    expect(driver.state.phase).toBe('cancelled');
  });

  it('can be cancelled during play: nothing more is dealt or taken', () => {
    const driver = new TournamentDriver(mttConfig(), 16);
    registerAll(driver, 20);
    driver.send({ type: 'start' });
    expect(driver.send({ type: 'cancel' })).toEqual([{ type: 'cancelled' }]);
    const late = driver.director.apply({ type: 'timePassed', ms: 1 }, () => 0);
    expect(!late.ok && late.error.code).toBe('tournament/not-running');
  });

  it('pays the overlay of a guaranteed pool', () => {
    const driver = new TournamentDriver(mttConfig({ guarantee: '1000' }), 6);
    registerAll(driver, 20);
    const closed = ofType(driver.send({ type: 'start' }), 'registrationClosed')[0]!;
    expect(closed).toMatchObject({ buyInsTotal: '200', overlay: '800', prizePool: '1000' });
  });

  it('takes late registrations and re-entries until the last late level ends, up to the entry limit', () => {
    const driver = new TournamentDriver(
      mttConfig({ structure, lateRegistrationLevels: 2, maxEntriesPerPlayer: 2 }),
      7,
    );
    registerAll(driver, 30);
    const started = driver.send({ type: 'start' });
    expect(ofType(started, 'registrationClosed')).toEqual([]);
    const late = driver.send({ type: 'register', userId: 'late' });
    expect(ofType(late, 'seatPlayer')).toHaveLength(1);
    expect(driver.state.entries.at(-1)!.status).toBe('playing');
    expect(refusal(driver.director, 'late')).toBe('tournament/already-registered');
    // Bust "late" (and only them) at their table, then re-enter twice: the second re-entry is refused.
    const lateEntry = driver.state.entries.at(-1)!;
    const tableId = lateEntry.tableId;
    if (driver.state.tables[tableId - 1]!.status === 'in-hand') {
      const dealt = driver.state.tables[tableId - 1]!.dealt;
      const lines = dealt.map((entryId) => ({ entryId, stackBefore: 1000, stackAfter: 1000 }));
      driver.report(tableId, driver.state.entries[dealt[0]!]!.seat, lines);
    }
    const table = driver.state.tables[tableId - 1]!;
    expect(table.dealt).toContain(lateEntry.entryId);
    const other = table.dealt.find((entryId) => entryId !== lateEntry.entryId)!;
    const lines = table.dealt.map((entryId) => ({
      entryId,
      stackBefore: 1000,
      stackAfter: entryId === lateEntry.entryId ? 0 : entryId === other ? 2000 : 1000,
    }));
    driver.report(tableId, driver.state.entries[other]!.seat, lines);
    expect(lateEntry.status).toBe('busted');
    driver.send({ type: 'register', userId: 'late' });
    expect(driver.state.entries.filter((entry) => entry.userId === 'late')).toHaveLength(2);
    expect(refusal(driver.director, 'late')).toBe('tournament/already-registered');
    // Two levels (4 minutes) later registration closes, with the field and the prizes.
    const closed = driver.send({ type: 'timePassed', ms: 4 * MINUTE });
    expect(ofType(closed, 'registrationClosed')[0]).toMatchObject({ entries: 32, prizePool: '320' });
    expect(refusal(driver.director, 'someone')).toBe('tournament/registration-closed');
    // The early bust is placed last now that the field is known.
    expect(lateEntry.place).toBe(32);
  });

  it('changes the level at the next hand of each table, never in one, and deals nothing in a break', () => {
    const driver = new TournamentDriver(mttConfig({ structure }), 8);
    registerAll(driver, 18);
    driver.send({ type: 'start' });
    const changed = driver.send({ type: 'timePassed', ms: 2 * MINUTE });
    expect(ofType(changed, 'levelChanged')).toEqual([
      { type: 'levelChanged', stepIndex: 1, level: structure.steps[1], endsAtMs: 4 * MINUTE },
    ]);
    expect(ofType(changed, 'dealHand')).toEqual([]); // both tables are in a hand: they keep its level
    const next = driver.finishHand(1, 0);
    expect(ofType(next, 'dealHand')[0]).toMatchObject({
      tableId: 1,
      stepIndex: 1,
      level: { bigBlind: 40, ante: 40 },
    });
    // The break: a table that finishes waits, and all deal when it is over.
    driver.send({ type: 'timePassed', ms: 2 * MINUTE });
    expect(ofType(driver.finishHand(1, 0), 'dealHand')).toEqual([]);
    expect(ofType(driver.finishHand(2, 0), 'dealHand')).toEqual([]);
    const after = driver.send({ type: 'timePassed', ms: MINUTE });
    expect(ofType(after, 'dealHand').map((deal) => [deal.tableId, deal.stepIndex])).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });

  it('moves the next big blind of the largest table, between its hands, to the worst seat of the smallest', () => {
    const driver = new TournamentDriver(mttConfig(), 9);
    registerAll(driver, 18);
    driver.send({ type: 'start' });
    // Table 1 loses three players; table 2, still in its hand, owes one (then a second) player.
    const table1 = driver.state.tables[0]!;
    const dealt = table1.dealt.slice();
    const lines = dealt.map((entryId, index) => ({
      entryId,
      stackBefore: 10_000,
      stackAfter: index < 3 ? 0 : index === 3 ? 40_000 : 10_000,
    }));
    const first = driver.report(1, driver.state.entries[dealt[4]!]!.seat, lines);
    expect(ofType(first, 'movePlayer')).toEqual([]);
    expect(driver.state.tables[1]!.outgoing).toEqual([1]);
    const table2 = driver.state.tables[1]!;
    const seatsBefore = table2.seats.slice();
    const table1Seats = table1.seats.slice();
    const bigBlind = driver.state.entries[table2.dealt[0]!]!.seat;
    const second = driver.report(
      2,
      bigBlind,
      table2.dealt.map((entryId) => ({ entryId, stackBefore: 10_000, stackAfter: 10_000 })),
    );
    const [move] = ofType(second, 'movePlayer');
    expect(move).toMatchObject({
      fromTableId: 2,
      fromSeat: nextBigBlindSeat(seatsBefore, bigBlind),
      toTableId: 1,
      toSeat: worstOpenSeat(table1Seats, table1.lastBigBlindSeat),
      stack: 10_000,
    });
    expect(driver.state.tables.map((table) => table.players)).toEqual([7, 8]);
    expect(driver.problems).toEqual([]);
  });

  it('halts on a hand report whose chips do not add up, or whose stacks are not the director’s', () => {
    for (const change of [{ after: 10_001 }, { before: 9_999 }]) {
      const driver = new TournamentDriver(mttConfig(), 10);
      registerAll(driver, 9);
      driver.send({ type: 'start' });
      const dealt = driver.state.tables[0]!.dealt;
      const lines = dealt.map((entryId, index) => ({
        entryId,
        stackBefore: index === 0 && change.before ? change.before : 10_000,
        stackAfter: index === 0 && change.after ? change.after : 10_000,
      }));
      const commands = driver.send({ type: 'handFinished', tableId: 1, bigBlindSeat: 3, stacks: lines });
      expect(commands[0]).toMatchObject({ type: 'halted' });
      expect(driver.state.phase).toBe('halted');
      expect(driver.state.stats.chipCheckFailures).toBe(1);
    }
  });

  it('plays hand for hand on the bubble: each round dealt only when every table has finished the last', () => {
    let roundsDealt = 0;
    for (const seed of [11, 12, 13]) {
      const driver = new TournamentDriver(mttConfig({ capacity: 200 }), seed);
      registerAll(driver, 120);
      driver.send({ type: 'start' });
      driver.playToEnd(0.02, 200_000, () => {
        const deals = ofType(driver.lastCommands, 'dealHand').length;
        if (driver.state.handForHand && deals > 0) {
          // Every table in a hand now was dealt by this event: none was still playing the last round.
          expect(driver.inHand.size).toBe(deals);
          roundsDealt++;
        }
      });
      expect(driver.state.phase).toBe('finished');
      expect(ofType(driver.commands, 'handForHand').map((command) => command.active)).toEqual([true, false]);
      const total = ofType(driver.commands, 'payPrize').reduce(
        (sum, pay) => sum.plus(pay.amount),
        new Money(0),
      );
      expect(total.equals(driver.state.prizePool)).toBe(true);
      expect(driver.problems).toEqual([]);
    }
    expect(roundsDealt).toBeGreaterThan(3);
  });

  it('is the same tournament when its state goes through JSON after every event', () => {
    const play = (reload: boolean) => {
      const driver = new TournamentDriver(mttConfig(), 14);
      registerAll(driver, 60);
      driver.send({ type: 'start' });
      driver.playToEnd(0.2, 20_000, () => {
        if (reload) driver.reload();
      });
      return driver.commands;
    };
    expect(play(true)).toEqual(play(false));
  });

  it('pays a deal the players agreed, and the part left to play for to the winner', () => {
    const driver = new TournamentDriver(sitAndGo(9), 15);
    registerAll(driver, 9);
    while (driver.state.alive > 3) driver.finishHand(1, 0.15);
    driver.send({ type: 'dealProposed' });
    // The hand in play ends; no other is dealt while the players talk.
    expect(ofType(driver.finishHand(1, 0), 'dealHand')).toEqual([]);
    const alive = driver.state.entries.filter((entry) => entry.status === 'playing');
    const offers = dealOffers({
      stacks: alive.map((entry) => entry.stack),
      prizes: driver.state.prizes.slice(0, alive.length).map((prize) => new Money(prize)),
      leftToPlayFor: new Money(5),
      unit: new Money('0.01'),
    });
    if (!offers.ok) throw new Error(offers.error.message);
    const wrong = driver.director.apply(
      {
        type: 'dealAgreed',
        shares: alive.map((entry) => ({ entryId: entry.entryId, amount: '1' })),
        leftToPlayFor: '5',
      },
      () => 0,
    );
    expect(!wrong.ok && wrong.error.code).toBe('tournament/invalid-deal');
    const paid = driver.send({
      type: 'dealAgreed',
      shares: alive.map((entry, index) => ({
        entryId: entry.entryId,
        amount: offers.value.icm[index]!.toFixed(),
      })),
      leftToPlayFor: '5',
    });
    expect(ofType(paid, 'payPrize').every((pay) => pay.reason === 'deal')).toBe(true);
    driver.playToEnd(0.3);
    const total = ofType(driver.commands, 'payPrize').reduce(
      (sum, pay) => sum.plus(pay.amount),
      new Money(0),
    );
    expect(total.toFixed()).toBe('90');
    const winnerPay = ofType(driver.commands, 'payPrize').filter((pay) => pay.reason === 'place');
    expect(winnerPay).toEqual([expect.objectContaining({ place: 1, amount: '5' })]);
  });

  it('ends the tournament at once when a deal leaves nothing to play for: places by chips, ties shared', () => {
    const driver = new TournamentDriver(sitAndGo(9), 15);
    registerAll(driver, 9);
    while (driver.state.alive > 3) driver.finishHand(1, 0.15);
    driver.send({ type: 'dealProposed' });
    driver.finishHand(1, 0);
    const alive = driver.state.entries.filter((entry) => entry.status === 'playing');
    // Two of the three hold the same stack (chips moved between them, still conserved): they tie.
    const [a, b, c] = alive as [EntryState, EntryState, EntryState];
    const total = a.stack + b.stack + c.stack;
    b.stack = Math.floor(total / 4);
    c.stack = b.stack;
    a.stack = total - 2 * b.stack;
    const prizesLeft = driver.state.prizes.slice(0, 3).map((prize) => new Money(prize));
    const offers = dealOffers({
      stacks: alive.map((entry) => entry.stack),
      prizes: prizesLeft,
      leftToPlayFor: new Money(0),
      unit: new Money('0.01'),
    });
    if (!offers.ok) throw new Error(offers.error.message);
    const ended = driver.send({
      type: 'dealAgreed',
      shares: alive.map((entry, index) => ({
        entryId: entry.entryId,
        amount: offers.value.chipChop[index]!.toFixed(),
      })),
      leftToPlayFor: '0',
    });
    expect(ended.map((command) => command.type)).toEqual([
      'payPrize',
      'payPrize',
      'payPrize',
      'eliminated',
      'eliminated',
      'eliminated',
      'finished',
    ]);
    expect(ofType(ended, 'eliminated')).toEqual([
      expect.objectContaining({ entryId: a.entryId, place: 1, tiedWith: 1 }),
      expect.objectContaining({ entryId: Math.min(b.entryId, c.entryId), place: 2, tiedWith: 2 }),
      expect.objectContaining({ entryId: Math.max(b.entryId, c.entryId), place: 2, tiedWith: 2 }),
    ]);
    expect(driver.state.phase).toBe('finished');
    expect(driver.state.entries.every((entry) => entry.place > 0)).toBe(true);
    const paid = ofType(driver.commands, 'payPrize').reduce((sum, pay) => sum.plus(pay.amount), new Money(0));
    expect(paid.equals(driver.state.prizePool)).toBe(true);
    // Nothing is dealt after it: the director takes no more events.
    const after = driver.director.apply({ type: 'timePassed', ms: 1_000 }, () => 0);
    expect(!after.ok && after.error.code).toBe('tournament/not-running');
  });
});

describe('balancing, as a property', () => {
  it('keeps tables within one player after every step, for any field and any order of busts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(0.05, 0.15, 0.35),
        fc.constantFrom(6, 9, 10),
        (entrants, seed, bustChance, seats) => {
          const driver = new TournamentDriver(mttConfig({ seatsPerTable: seats }), seed);
          registerAll(driver, entrants);
          driver.send({ type: 'start' });
          driver.playToEnd(bustChance, 100_000, () => checkInvariants(driver.state));
          expect(driver.problems).toEqual([]);
          expect(driver.state.phase).toBe('finished');
          expect(driver.state.entries.every((entry) => entry.place >= 1)).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
