import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../client/bots/api-client.js';
import { RunStats } from '../../client/bots/run-stats.js';
import { TableCrew } from '../../client/bots/table-crew.js';
import { Timeline } from '../../client/bots/timeline.js';
import type { TableView } from '../../src/protocol/table-view.js';

const TABLE_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
const INFO: TableInfo = {
  id: TABLE_ID,
  name: 't',
  variant: 'NT',
  runItTwice: false,
  status: 'open',
  smallBlind: '1',
  bigBlind: '2',
  ante: '0',
  minBuyIn: '40',
  maxBuyIn: '400',
  chipUnit: '1',
  maxSeats: 6,
  seatsTaken: 0,
  rakeBasisPoints: 500,
  rakeCap: '10',
  actionTimeoutMs: null,
  timeBankMs: null,
  createdAt: '2030-01-01T00:00:00.000Z',
};

function viewOf(handNumber: number | null, rake: string | null, userIds: string[] = ['a', 'b']): TableView {
  return {
    tableId: TABLE_ID,
    seq: 1,
    name: 't',
    stakes: {
      variant: 'NT',
      runItTwice: false,
      smallBlind: '1',
      bigBlind: '2',
      ante: '0',
      chipUnit: '1',
      minBuyIn: '40',
      maxBuyIn: '400',
    },
    maxSeats: 6,
    status: 'running',
    seats: userIds.map((userId, index) => ({
      seat: index + 1,
      player: {
        userId,
        username: userId,
        stack: '100',
        status: 'active',
        connected: true,
        timeBankMs: 0,
        awayUntilMs: null,
      },
    })),
    hand:
      handNumber === null
        ? null
        : {
            number: handNumber,
            deckCommitment: '0'.repeat(64),
            buttonSeat: 1,
            smallBlindSeat: 1,
            bigBlindSeat: 2,
            phase: rake === null ? 'flop' : 'complete',
            board: [],
            secondBoard: null,
            runout: null,
            equity: null,
            pot: '0',
            players: [],
            toActSeat: null,
            turn: 0,
            clock: null,
            legal: null,
            result: rake === null ? null : { pots: [], rake, uncalled: null, shown: [] },
            proof: null,
          },
    you: { userId: 'a', seat: 1 },
    serverTimeMs: 0,
  };
}

function crew(target = 3) {
  const stats = new RunStats(new Timeline(0, 1_000));
  const table = new TableCrew(INFO.id, target, stats);
  table.botUserIds.add('a');
  table.botUserIds.add('b');
  return { table, stats };
}

describe('table crew', () => {
  it('counts hands from the table’s count when the bots sat down, each hand once', async () => {
    const { table, stats } = crew(3);
    await table.establishBase(async () => viewOf(7, '1'));
    expect(table.baseHandNumber).toBe(7);
    table.observe(viewOf(7, '1')); // before the bots: not theirs
    table.observe(viewOf(8, null));
    table.observe(viewOf(8, '2'));
    table.observe(viewOf(8, '2')); // the same hand seen by another bot
    expect(table.handsPlayed).toBe(1);
    expect(stats.handsCompleted).toBe(1);
    table.observe(viewOf(10, '3'));
    expect(table.handsPlayed).toBe(3);
    expect(table.goalReached).toBe(true);
    // Hand 9 finished unseen (a reconnect): its rake must be looked up.
    expect(table.missingHands()).toEqual([9]);
    expect(table.rakeSeen().toFixed()).toBe('5');
  });

  it('lists a hand seen live but never seen finished as missing', async () => {
    const { table } = crew();
    await table.establishBase(async () => viewOf(null, null));
    table.observe(viewOf(1, '1'));
    table.observe(viewOf(2, null));
    expect(table.missingHands()).toEqual([2]);
  });

  it('establishes the base once, and lets the next bot retry after a failure', async () => {
    const { table } = crew();
    await expect(table.establishBase(async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    let joins = 0;
    const join = async () => {
      joins += 1;
      return viewOf(2, '0');
    };
    await Promise.all([table.establishBase(join), table.establishBase(join), table.establishBase(join)]);
    expect(joins).toBe(1);
    expect(table.baseHandNumber).toBe(2);
  });

  it('notices a player who is not one of the bots', async () => {
    const { table } = crew();
    await table.establishBase(async () => viewOf(null, null));
    table.observe(viewOf(1, null, ['a', 'b']));
    expect(table.foreignPlayerSeen).toBe(false);
    table.observe(viewOf(1, null, ['a', 'stranger']));
    expect(table.foreignPlayerSeen).toBe(true);
  });
});
