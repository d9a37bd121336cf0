import { describe, expect, it } from 'vitest';
import { parseBotArgs } from '../../client/bots/cli-args.js';
import { RunStats } from '../../client/bots/run-stats.js';
import { chipsOnTable, TableCrew } from '../../client/bots/table-crew.js';
import { Timeline } from '../../client/bots/timeline.js';
import { checkTournament, netFees, type TournamentBotResult } from '../../client/bots/tournament-check.js';
import { createTournamentRequest, customFastStructure } from '../../client/bots/tournament-setup.js';
import { Money } from '../../src/money/index.js';
import { CreateTournamentBody, type TournamentDetailResponse } from '../../src/protocol/http-tournaments.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { TournamentStructureSchema } from '../../src/protocol/tournament-structure.js';

const ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

function parse(args: string[]) {
  return parseBotArgs(['--url', 'http://127.0.0.1:3000', ...args], {}, () => 12345);
}

describe('bots command line, tournaments', () => {
  it('is a cash run without a tournament option', () => {
    const result = parse([]);
    expect(result.ok && result.options.tournament).toBe(null);
  });

  it('enters an existing tournament', () => {
    const result = parse(['--tournament', ID, '--entrants', '9']);
    if (!result.ok) throw new Error(result.error);
    expect(result.options.tournament).toMatchObject({ id: ID, create: null, entrants: 9 });
  });

  it('creates an MTT with a fast structure', () => {
    const result = parse([
      '--create-tournament',
      'mtt',
      '--entrants',
      '200',
      '--level-s',
      '3',
      '--fee',
      '0.50',
    ]);
    if (!result.ok) throw new Error(result.error);
    expect(result.options.tournament).toMatchObject({
      id: null,
      create: 'MTT',
      entrants: 200,
      structure: 'custom-fast',
      levelS: 3,
      buyIn: '10',
      fee: '0.50',
    });
  });

  it('refuses what makes no sense', () => {
    const errorOf = (args: string[]) => {
      const result = parse(args);
      return result.ok ? null : result.error;
    };
    expect(errorOf(['--tournament', ID, '--create-tournament', 'sng'])).toMatch(/exclude each other/);
    expect(errorOf(['--tournament', 'nope'])).toMatch(/UUID/);
    expect(errorOf(['--create-tournament', 'freeroll'])).toMatch(/sng or mtt/);
    expect(errorOf(['--entrants', '6'])).toMatch(/needs --tournament/);
    expect(errorOf(['--create-tournament', 'sng', '--entrants', '1'])).toMatch(/between 2/);
    expect(errorOf(['--create-tournament', 'sng', '--entrants', '10001'])).toMatch(/between 2/);
    expect(errorOf(['--create-tournament', 'sng', '--buy-in', '1e3'])).toMatch(/amount/);
    expect(errorOf(['--create-tournament', 'sng', '--structure', 'slow'])).toMatch(/--structure/);
  });
});

describe('the tournament a run creates', () => {
  it('has a valid fast structure whose levels last the seconds asked for', () => {
    const structure = customFastStructure(2);
    expect(TournamentStructureSchema.safeParse(structure).success).toBe(true);
    expect(structure.steps.every((step) => step.durationMs === 2_000)).toBe(true);
  });

  it('is a valid admin request, an MTT with its start', () => {
    const result = parse(['--create-tournament', 'mtt', '--entrants', '200', '--players-per-table', '9']);
    if (!result.ok) throw new Error(result.error);
    const body = createTournamentRequest(
      result.options,
      result.options.tournament!,
      Date.parse('2030-01-01T00:00:00Z'),
    );
    expect(CreateTournamentBody.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({
      kind: 'MTT',
      maxEntrants: 200,
      tableSize: 9,
      scheduledStart: '2030-01-01T00:00:30.000Z',
    });
  });
});

function view(stacks: number[], hand: { stack: number; committed: number }[] | null): TableView {
  return {
    tableId: ID,
    seq: 1,
    name: 't',
    stakes: {
      variant: 'NT',
      runItTwice: false,
      smallBlind: '10',
      bigBlind: '20',
      ante: '0',
      chipUnit: '1',
      minBuyIn: '0',
      maxBuyIn: '0',
    },
    maxSeats: 6,
    status: 'running',
    seats: stacks.map((stack, index) => ({
      seat: index + 1,
      player: {
        userId: `u${index}`,
        username: `u${index}`,
        stack: String(stack),
        status: 'active',
        connected: true,
        timeBankMs: 0,
        awayUntilMs: null,
      },
    })),
    hand:
      hand === null
        ? null
        : {
            number: 1,
            deckCommitment: '0'.repeat(64),
            buttonSeat: 1,
            smallBlindSeat: 1,
            bigBlindSeat: 2,
            phase: 'flop',
            board: [],
            secondBoard: null,
            runout: null,
            equity: null,
            pot: '0',
            players: hand.map((player, index) => ({
              seat: index + 1,
              stack: String(player.stack),
              streetCommitted: '0',
              totalCommitted: String(player.committed),
              folded: false,
              allIn: false,
              holeCards: null,
              lastAction: null,
            })),
            toActSeat: null,
            turn: 0,
            clock: null,
            legal: null,
            result: null,
            proof: null,
          },
    you: { userId: null, seat: null },
    serverTimeMs: 0,
  };
}

describe('chips at a tournament table', () => {
  it('counts the settled stacks, or the live stacks and what went in during a hand', () => {
    expect(chipsOnTable(view([1000, 1000, 500], null))).toBe(2500);
    // Seat 3 sits the hand out: its stack counts as it is.
    expect(
      chipsOnTable(
        view(
          [1000, 1000, 500],
          [
            { stack: 900, committed: 100 },
            { stack: 700, committed: 300 },
          ],
        ),
      ),
    ).toBe(2500);
    // Chips made out of nothing show.
    expect(
      chipsOnTable(
        view(
          [1000, 1000],
          [
            { stack: 1000, committed: 100 },
            { stack: 900, committed: 100 },
          ],
        ),
      ),
    ).toBe(2100);
  });

  it('keeps the most a tournament table ever showed, and counts its hands from the first', () => {
    const crew = TableCrew.fromFirstHand(ID, new RunStats(new Timeline(0, 1_000)));
    crew.observe(view([1000, 1000], null));
    crew.observe(view([1500, 400], null));
    expect(crew.maxChipsSeen).toBe(2000);
    expect(crew.baseHandNumber).toBe(0);
  });
});

function detail(overrides: Partial<TournamentDetailResponse['tournament']> = {}): TournamentDetailResponse {
  return {
    tournament: {
      id: ID,
      name: 'sng',
      kind: 'SNG',
      variant: 'NT',
      status: 'finished',
      buyIn: '10.00',
      fee: '1.00',
      guarantee: '0.00',
      chipUnit: '0.01',
      tableSize: 6,
      minEntrants: 3,
      maxEntrants: 3,
      maxEntriesPerPlayer: 1,
      entries: 3,
      playersLeft: 0,
      prizePool: '30.00',
      startingStack: 1000,
      structureName: 'custom-fast',
      scheduledStart: null,
      lateRegistrationLevels: 0,
      startedAt: null,
      endedAt: null,
      createdAt: '2030-01-01T00:00:00.000Z',
      ...overrides,
    },
    structure: customFastStructure(5),
    payouts: [
      { place: 1, amount: '20.00' },
      { place: 2, amount: '10.00' },
    ],
    entrants: [
      {
        username: 'a',
        entryNumber: 1,
        status: 'finished',
        stack: null,
        tableId: null,
        place: 1,
        prize: '20.00',
      },
      {
        username: 'b',
        entryNumber: 1,
        status: 'eliminated',
        stack: null,
        tableId: null,
        place: 2,
        prize: '10.00',
      },
      {
        username: 'c',
        entryNumber: 1,
        status: 'eliminated',
        stack: null,
        tableId: null,
        place: 3,
        prize: '0.00',
      },
    ],
    live: null,
    you: null,
  };
}

function bot(username: string, wallet: string, place: number, prize: string): TournamentBotResult {
  return {
    username,
    entered: true,
    deposited: new Money('11'),
    finalWallet: new Money(wallet),
    outcome: { kind: place === 1 ? 'finished' : 'eliminated', place, prize },
  };
}

const HONEST = [bot('a', '20', 1, '20'), bot('b', '10', 2, '10'), bot('c', '0', 3, '0')];

describe('tournament conservation', () => {
  it('holds when the prizes make the pool, the fees reached the house and each wallet moved exactly', () => {
    const check = checkTournament({
      detail: detail(),
      bots: HONEST,
      tables: 1,
      maxChipsSeen: 3000,
      feesBefore: new Money('5'),
      feesAfter: new Money('8'),
    });
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({
      holds: true,
      payoutsMatchPool: true,
      prizesPaid: '30',
      expectedPool: '30',
    });
  });

  it('fails on a pool short of the buy-ins, wrong fees, a wrong wallet, a wrong notice, chips made up', () => {
    const check = checkTournament({
      detail: detail({ prizePool: '29.00' }),
      bots: [bot('a', '21', 1, '20'), bot('b', '10', 2, '9'), bot('c', '0', 3, '0')],
      tables: 1,
      maxChipsSeen: 3001,
      feesBefore: new Money('5'),
      feesAfter: new Money('7'),
    });
    expect(check.holds).toBe(false);
    expect(check.payoutsMatchPool).toBe(false);
    expect(check.feesToHouse.holds).toBe(false);
    expect(check.wallets.wrong).toBe(1);
    expect(check.notices.disagree).toBe(1);
    expect(check.chips.holds).toBe(false);
    expect(check.problems).toHaveLength(5);
  });

  it('takes the guarantee as the pool when the buy-ins fall short (the overlay)', () => {
    const check = checkTournament({
      detail: detail({ guarantee: '50.00', prizePool: '30.00' }),
      bots: HONEST,
      tables: 1,
      maxChipsSeen: 3000,
      feesBefore: null,
      feesAfter: null,
    });
    expect(check.expectedPool).toBe('50');
    expect(check.payoutsMatchPool).toBe(false);
    expect(check.feesToHouse.holds).toBe(null);
  });

  it('counts the fees net of refunds', () => {
    expect(
      netFees([
        { kind: 'TOURNAMENT_FEE', count: 3, total: '3.00' },
        { kind: 'TOURNAMENT_FEE_REFUND', count: 1, total: '1.00' },
        { kind: 'DEPOSIT', count: 1, total: '100.00' },
      ]).toFixed(),
    ).toBe('2');
  });
});
