import { describe, expect, it } from 'vitest';
import {
  ACK_SCHEMAS,
  SERVER_EVENT_SCHEMAS,
  TableNoticeSchema,
  TableUpdateSchema,
  TableViewSchema,
} from '../../src/protocol/server-message-schemas.js';
import type { TableView } from '../../src/protocol/table-view.js';

const TABLE_ID = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';

function view(): TableView {
  return {
    tableId: TABLE_ID,
    seq: 12,
    name: 'Table 1',
    stakes: {
      variant: 'NT',
      runItTwice: false,
      smallBlind: '0.5',
      bigBlind: '1',
      ante: '0',
      chipUnit: '0.01',
      minBuyIn: '20',
      maxBuyIn: '200',
    },
    maxSeats: 6,
    status: 'running',
    seats: [
      {
        seat: 1,
        player: {
          userId: 'u1',
          username: 'alice',
          stack: '99.5',
          status: 'active',
          connected: true,
          timeBankMs: 30_000,
          awayUntilMs: null,
        },
      },
      {
        seat: 2,
        player: {
          userId: 'u2',
          username: 'bob',
          stack: '99',
          status: 'active',
          connected: false,
          timeBankMs: 0,
          awayUntilMs: 1_767_225_600_000,
        },
      },
      { seat: 3, player: null },
    ],
    hand: {
      number: 4,
      deckCommitment: 'f'.repeat(64),
      buttonSeat: 1,
      smallBlindSeat: 1,
      bigBlindSeat: 2,
      phase: 'flop',
      board: ['As', 'Td', '2c'],
      secondBoard: null,
      runout: null,
      equity: null,
      pot: '2',
      players: [
        {
          seat: 1,
          stack: '98',
          streetCommitted: '0',
          totalCommitted: '1',
          folded: false,
          allIn: false,
          holeCards: ['Kh', 'Kd'],
          lastAction: null,
        },
        {
          seat: 2,
          stack: '98',
          streetCommitted: '0',
          totalCommitted: '1',
          folded: false,
          allIn: false,
          holeCards: null,
          lastAction: null,
        },
      ],
      toActSeat: 1,
      turn: 3,
      clock: {
        seat: 1,
        deadlineMs: 1_700_000_015_000,
        timeBankDeadlineMs: 1_700_000_045_000,
        usingTimeBank: false,
      },
      legal: {
        actions: ['check', 'bet', 'all-in'],
        callAmount: null,
        betOrRaise: { kind: 'bet', minTo: '1', maxTo: '98' },
      },
      result: null,
      proof: null,
    },
    you: { userId: 'u1', seat: 1 },
    serverTimeMs: 1_700_000_000_000,
  };
}

describe('server message schemas', () => {
  it('accept a table view exactly as the interface describes it', () => {
    expect(TableViewSchema.parse(view())).toEqual(view());
    expect(TableViewSchema.safeParse({ ...view(), hand: null }).success).toBe(true);
  });

  it('refuse anything the protocol does not define: a hidden deck is an invalid message', () => {
    const leaky = { ...view(), hand: { ...view().hand!, deck: ['As', 'Kd'] } };
    expect(TableViewSchema.safeParse(leaky).success).toBe(false);
    expect(TableViewSchema.safeParse({ ...view(), extra: 1 }).success).toBe(false);
  });

  it('refuse malformed values: amounts as numbers, bad cards, unknown statuses', () => {
    expect(TableViewSchema.safeParse({ ...view(), stakes: { ...view().stakes, bigBlind: 1 } }).success).toBe(
      false,
    );
    expect(
      TableViewSchema.safeParse({ ...view(), hand: { ...view().hand!, board: ['1s', 'Td', '2c'] } }).success,
    ).toBe(false);
    expect(TableViewSchema.safeParse({ ...view(), status: 'paused' }).success).toBe(false);
    expect(TableViewSchema.safeParse({ ...view(), seq: -1 }).success).toBe(false);
    expect(TableViewSchema.safeParse({ ...view(), tableId: 'not-a-uuid' }).success).toBe(false);
  });

  it('validate notices with known kinds and error codes only', () => {
    expect(
      TableNoticeSchema.safeParse({ tableId: TABLE_ID, kind: 'cashed-out', message: 'cashed out 10' })
        .success,
    ).toBe(true);
    expect(
      TableNoticeSchema.safeParse({
        tableId: TABLE_ID,
        kind: 'top-up-failed',
        message: 'no',
        code: 'ledger/insufficient-funds',
      }).success,
    ).toBe(true);
    expect(
      TableNoticeSchema.safeParse({
        tableId: TABLE_ID,
        kind: 'top-up-failed',
        message: 'no',
        code: 'made/up',
      }).success,
    ).toBe(false);
    expect(TableNoticeSchema.safeParse({ tableId: TABLE_ID, kind: 'party', message: '' }).success).toBe(
      false,
    );
  });

  it('validate the ack envelope of each client event', () => {
    expect(ACK_SCHEMAS['table:act'].safeParse({ ok: true, data: null }).success).toBe(true);
    expect(ACK_SCHEMAS['table:act'].safeParse({ ok: true, data: view() }).success).toBe(false);
    expect(ACK_SCHEMAS['table:sync'].safeParse({ ok: true, data: view() }).success).toBe(true);
    expect(
      ACK_SCHEMAS['table:act'].safeParse({
        ok: false,
        error: { code: 'table/not-your-turn', message: 'wait' },
      }).success,
    ).toBe(true);
    expect(ACK_SCHEMAS['table:act'].safeParse({ ok: true, data: { when: 'now' } }).success).toBe(false);
    expect(
      ACK_SCHEMAS['table:act'].safeParse({ ok: false, error: { code: 'nope', message: 'x' } }).success,
    ).toBe(false);
    expect(ACK_SCHEMAS['table:act'].safeParse({ ok: true }).success).toBe(false);
    expect(ACK_SCHEMAS['table:leave'].safeParse({ ok: true, data: { when: 'after-hand' } }).success).toBe(
      true,
    );
    expect(ACK_SCHEMAS['table:part'].safeParse({ ok: true, data: null }).success).toBe(true);
    expect(ACK_SCHEMAS['lobby:subscribe'].safeParse({ ok: true, data: { tables: [] } }).success).toBe(true);
  });

  it('cover exactly the server events', () => {
    expect(Object.keys(SERVER_EVENT_SCHEMAS).sort()).toEqual([
      'lobby:table',
      'system:error',
      'table:chat',
      'table:notice',
      'table:update',
      'tournament:notice',
    ]);
  });

  it('accept an update of only what changed, and nothing the protocol does not define', () => {
    const hand = view().hand!;
    const base = { tableId: TABLE_ID, seq: 13, serverTimeMs: 1_700_000_000_000 };
    const valid = [
      base,
      { ...base, status: 'waiting', seats: { '3': null, '1': view().seats[0]!.player } },
      { ...base, hand },
      { ...base, hand: null },
      { ...base, handChanges: { turn: 5, toActSeat: null, players: { '1': hand.players[1] } } },
      {
        ...base,
        handChanges: { board: ['As', 'Td', '2c', '9h'] },
        private: { handNumber: 4, seat: 2, turn: 5, holeCards: ['Kd', 'Kc'], legal: null, proof: null },
      },
    ];
    for (const update of valid)
      expect(TableUpdateSchema.safeParse(update).success, JSON.stringify(update)).toBe(true);
    const invalid = [
      { ...base, seq: -1 },
      { ...base, deck: 'AsAd' },
      { ...base, handChanges: { number: 5 } },
      { ...base, handChanges: { players: { first: hand.players[0] } } },
      { ...base, handChanges: { players: { '0': { ...hand.players[0], holeCards: ['As'] } } } },
      { ...base, seats: { '1': { userId: 'u1' } } },
      { ...base, private: { handNumber: 4, seat: 2, turn: 5, holeCards: ['Kd', 'Kc'], legal: null } },
      {
        ...base,
        private: {
          handNumber: 4,
          seat: 2,
          turn: 5,
          holeCards: ['Kd', 'Kc'],
          lastAction: null,
          legal: null,
          proof: null,
          salt: 'x',
        },
      },
    ];
    for (const update of invalid)
      expect(TableUpdateSchema.safeParse(update).success, JSON.stringify(update)).toBe(false);
  });
});
