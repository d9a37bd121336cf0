import { describe, expect, it } from 'vitest';
import { betPresets, type SizingInput } from '../../client/web/src/money/amounts.js';
import { describeChange, lastActionLabel, resultLines } from '../../client/web/src/table/dealer-log.js';
import { livePots } from '../../client/web/src/table/live-pots.js';
import {
  canPreAct,
  preActionKey,
  preActionMove,
  stillHolds,
  toCallNow,
} from '../../client/web/src/table/pre-actions.js';
import type { HandViewWire, TableView } from '../../src/protocol/table-view.js';
import { handPlayerWire } from '../support/wire-fixtures.js';

/** The table page's logic without a browser: presets, live pots, pre-actions, the dealer log. */

const player = handPlayerWire;

function hand(fields: Partial<HandViewWire> = {}): HandViewWire {
  return {
    number: 3,
    deckCommitment: 'a'.repeat(64),
    buttonSeat: 1,
    smallBlindSeat: 2,
    bigBlindSeat: 3,
    phase: 'preflop',
    board: [],
    secondBoard: null,
    runout: null,
    equity: null,
    pot: '0',
    players: [player(2), player(3), player(1)],
    toActSeat: 1,
    turn: 2,
    clock: null,
    legal: null,
    result: null,
    proof: null,
    ...fields,
  };
}

function view(h: HandViewWire | null, seq = 1): TableView {
  return {
    tableId: '00000000-0000-4000-8000-000000000000',
    seq,
    name: 'T',
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
    seats: [],
    hand: h,
    you: { userId: null, seat: null },
    serverTimeMs: 0,
  };
}

describe('bet presets', () => {
  const preflop: SizingInput = {
    pot: '0',
    streetBets: ['1', '2', '0'],
    ownStreetBet: '0',
    callAmount: '2',
    minTo: '4',
    maxTo: '100',
    chipUnit: '1',
    bigBlind: '2',
  };

  it('offers 2.5x, 3x and 4x before the flop, then the maximum', () => {
    expect(betPresets(preflop, true).map((p) => [p.label, p.amount])).toEqual([
      ['2.5x', '5'],
      ['3x', '6'],
      ['4x', '8'],
      ['Max', '100'],
    ]);
    // Facing a raise to 6, 3x is a re-raise to 18.
    expect(betPresets({ ...preflop, streetBets: ['1', '2', '6'], minTo: '10' }, true)[1]!.amount).toBe('18');
  });

  it('offers a third, half, two thirds and the pot after it', () => {
    const flop = { ...preflop, pot: '30', streetBets: ['0', '0', '0'], callAmount: null, minTo: '2' };
    expect(betPresets(flop, false).map((p) => [p.label, p.amount])).toEqual([
      ['⅓ pot', '10'],
      ['½ pot', '15'],
      ['⅔ pot', '20'],
      ['Pot', '30'],
      ['Max', '100'],
    ]);
  });

  it('keeps every preset inside the legal range: a pot limit below the pot preset wins', () => {
    const flop = {
      ...preflop,
      pot: '30',
      streetBets: ['0', '0', '0'],
      callAmount: null,
      minTo: '2',
      maxTo: '24',
    };
    expect(betPresets(flop, false).map((p) => p.amount)).toEqual(['10', '15', '20', '24', '24']);
    expect(betPresets({ ...preflop, maxTo: '5' }, true).map((p) => p.amount)).toEqual(['5', '5', '5', '5']);
  });

  it("at a pot limit, ends with Pot: the server's maximum, on every street, and drops what reaches it", () => {
    const omaha = { ...preflop, potLimit: true, maxTo: '7' };
    expect(betPresets(omaha, true).map((p) => [p.label, p.amount])).toEqual([
      ['2.5x', '5'],
      ['3x', '6'],
      ['Pot', '7'],
    ]);
    const flop = {
      ...omaha,
      pot: '30',
      streetBets: ['0', '0', '0'],
      callAmount: null,
      minTo: '2',
      maxTo: '30',
    };
    expect(betPresets(flop, false).map((p) => [p.label, p.amount])).toEqual([
      ['⅓ pot', '10'],
      ['½ pot', '15'],
      ['⅔ pot', '20'],
      ['Pot', '30'],
    ]);
  });
});

describe('live pots', () => {
  it('is one pot without an all-in', () => {
    expect(livePots([player(1, { totalCommitted: '10' }), player(2, { totalCommitted: '10' })])).toEqual([
      { label: 'Pot', amount: '20', eligibleSeats: [1, 2] },
    ]);
  });

  it('splits a main pot and side pots at each all-in level, folded chips included', () => {
    const pots = livePots([
      player(1, { totalCommitted: '5', allIn: true, stack: '0' }),
      player(2, { totalCommitted: '20', allIn: true, stack: '0' }),
      player(3, { totalCommitted: '50' }),
      player(4, { totalCommitted: '50' }),
      player(5, { totalCommitted: '3', folded: true }),
    ]);
    expect(pots).toEqual([
      { label: 'Main pot', amount: '23', eligibleSeats: [1, 2, 3, 4] },
      { label: 'Side pot 1', amount: '45', eligibleSeats: [2, 3, 4] },
      { label: 'Side pot 2', amount: '60', eligibleSeats: [3, 4] },
    ]);
  });

  it('keeps a bet nobody has matched yet in the last pot', () => {
    const pots = livePots([
      player(1, { totalCommitted: '10', allIn: true, stack: '0' }),
      player(2, { totalCommitted: '40' }),
      player(3, { totalCommitted: '10' }),
    ]);
    expect(pots).toEqual([{ label: 'Pot', amount: '60', eligibleSeats: [1, 2, 3] }]);
  });
});

describe('pre-actions', () => {
  const facing = hand({
    players: [player(2, { streetCommitted: '1' }), player(3, { streetCommitted: '2' }), player(1)],
  });

  it('knows what is to call and when one may act in advance', () => {
    expect(toCallNow(facing, 1).toFixed()).toBe('2');
    expect(canPreAct(facing, 1)).toBe(false); // it is seat 1's turn
    expect(canPreAct({ ...facing, toActSeat: 2 }, 1)).toBe(true);
    expect(canPreAct({ ...facing, toActSeat: 2 }, 9)).toBe(false);
  });

  it('check holds only while there is nothing to call; check/fold and call any for the street', () => {
    const flop = hand({ phase: 'flop', toActSeat: 2 });
    const check = { kind: 'check' as const, key: preActionKey('check', flop, 1) };
    const checkFold = { kind: 'check-fold' as const, key: preActionKey('check-fold', flop, 1) };
    const callAny = { kind: 'call-any' as const, key: preActionKey('call-any', flop, 1) };
    const bet = hand({ ...flop, players: [player(2, { streetCommitted: '10' }), player(3), player(1)] });
    expect(stillHolds(check, flop, 1)).toBe(true);
    expect(stillHolds(check, bet, 1)).toBe(false);
    expect(stillHolds(checkFold, bet, 1)).toBe(true);
    expect(stillHolds(callAny, bet, 1)).toBe(true);
    const turn = hand({ phase: 'turn' });
    for (const chosen of [check, checkFold, callAny]) expect(stillHolds(chosen, turn, 1)).toBe(false);
  });

  it('plays the action it stands for, if legal', () => {
    const facingBet = {
      actions: ['fold', 'call', 'raise', 'all-in'] as const,
      callAmount: '10',
      betOrRaise: null,
    };
    const free = { actions: ['check', 'bet', 'all-in'] as const, callAmount: null, betOrRaise: null };
    expect(preActionMove('check-fold', facingBet)).toBe('fold');
    expect(preActionMove('check-fold', free)).toBe('check');
    expect(preActionMove('call-any', facingBet)).toBe('call');
    expect(preActionMove('call-any', free)).toBe('check');
    expect(preActionMove('check', facingBet)).toBeNull();
  });
});

describe('the dealer log', () => {
  const names = (seat: number) => ['', 'alice', 'bob', 'carol'][seat] ?? `Seat ${seat}`;

  it('tells a new hand with its posts, each new move, each street with the pot, and the result', () => {
    const started = hand({
      players: [
        player(2, {
          streetCommitted: '1',
          totalCommitted: '1',
          lastAction: { kind: 'blind', amount: '1', allIn: false, street: 'preflop', index: 0 },
        }),
        player(3, {
          streetCommitted: '2',
          totalCommitted: '2',
          lastAction: { kind: 'blind', amount: '2', allIn: false, street: 'preflop', index: 1 },
        }),
        player(1),
      ],
    });
    expect(describeChange(null, view(started), names).map((e) => e.text)).toEqual([
      'Hand #3 · alice has the button',
      'bob posts the small blind 1',
      'carol posts the big blind 2',
    ]);
    const raised = hand({
      ...started,
      players: [
        started.players[0]!,
        started.players[1]!,
        player(1, {
          streetCommitted: '6',
          totalCommitted: '6',
          lastAction: { kind: 'raise', amount: '6', allIn: false, street: 'preflop', index: 2 },
        }),
      ],
    });
    expect(describeChange(view(started), view(raised, 2), names).map((e) => e.text)).toEqual([
      'alice raises to 6',
    ]);
    expect(lastActionLabel(raised.players[2]!.lastAction!, raised, 1)).toBe('Raise to 6');
    expect(lastActionLabel(started.players[1]!.lastAction!, started, 3)).toBe('BB 2');
    const flop = hand({
      ...raised,
      phase: 'flop',
      board: ['As', 'Td', '2c'],
      players: raised.players.map((p) =>
        p.seat === 3
          ? {
              ...p,
              streetCommitted: '0',
              totalCommitted: '6',
              lastAction: { kind: 'call', amount: '4', allIn: false, street: 'preflop', index: 4 },
            }
          : p.seat === 2
            ? {
                ...p,
                folded: true,
                streetCommitted: '0',
                lastAction: { kind: 'fold', amount: null, allIn: false, street: 'preflop', index: 3 },
              }
            : { ...p, streetCommitted: '0' },
      ),
    });
    expect(describeChange(view(raised), view(flop, 3), names).map((e) => e.text)).toEqual([
      'bob folds',
      'carol calls 4',
      'Flop: A♠ 10♦ 2♣ (pot 13)',
    ]);
  });

  it('names the winner, with the hand, even when they left (the names come from the hand)', () => {
    const done = hand({
      phase: 'complete',
      result: {
        pots: [
          { amount: '300', rake: '0', winners: [{ seat: 2, amount: '300' }] },
          { amount: '112', rake: '0', winners: [{ seat: 3, amount: '112' }] },
        ],
        rake: '0',
        uncalled: { seat: 3, amount: '20' },
        shown: [
          {
            seat: 2,
            cards: ['Ah', 'Kh'],
            hand: { name: 'a flush, ace high', cards: ['Ah', 'Kh', '9h', '5h', '2h'] },
          },
          {
            seat: 3,
            cards: ['Qs', 'Qd'],
            hand: { name: 'a pair of queens', cards: ['Qs', 'Qd', 'Ah', 'Kh', '9h'] },
          },
        ],
      },
    });
    expect(resultLines(done, names, 3)).toEqual([
      'Main pot: bob wins 300 with a flush, ace high',
      'Side pot 1: You win 112 with a pair of queens',
      '20 returned to you',
    ]);
  });

  it('says who took each run of a board run twice', () => {
    const done = hand({
      phase: 'complete',
      result: {
        pots: [
          {
            amount: '13',
            rake: '0',
            winners: [
              { seat: 2, amount: '7' },
              { seat: 3, amount: '6' },
            ],
            runs: [
              { amount: '7', winners: [{ seat: 2, amount: '7' }] },
              { amount: '6', winners: [{ seat: 3, amount: '6' }] },
            ],
          },
        ],
        rake: '0',
        uncalled: null,
        shown: [],
      },
    });
    expect(resultLines(done, names, 3)).toEqual([
      'bob wins 7, You win 6',
      'run 1 of 7: bob 7',
      'run 2 of 6: you 6',
    ]);
  });
});
