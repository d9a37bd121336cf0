import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../client/bots/random.js';
import {
  amountBetween,
  callingStrategy,
  type DecisionContext,
  decisionContextOf,
  hasMadeHand,
  isPlayable,
  isPremium,
  randomStrategy,
  STRATEGIES,
  STRATEGY_NAMES,
  tightStrategy,
} from '../../client/bots/strategies.js';
import { Money, toUnits } from '../../src/money/index.js';
import type { ActionKindWire } from '../../src/protocol/client-payloads.js';
import type { LegalActionsWire, TableView } from '../../src/protocol/table-view.js';

const RANKS = '23456789TJQKA';
const SUITS = 'cdhs';
const card = fc.tuple(fc.constantFrom(...RANKS), fc.constantFrom(...SUITS)).map(([r, s]) => r + s);

/** A legal-action set as the server builds one: facing a bet, or not. */
const legalActions = fc
  .record({
    unit: fc.constantFrom('1', '0.01', '0.25'),
    facingBet: fc.boolean(),
    callUnits: fc.integer({ min: 1, max: 500 }),
    minUnits: fc.integer({ min: 1, max: 1_000 }),
    spanUnits: fc.integer({ min: 0, max: 100_000 }),
    canRaise: fc.boolean(),
  })
  .map(({ unit, facingBet, callUnits, minUnits, spanUnits, canRaise }) => {
    const u = new Money(unit);
    const money = (units: number) => u.times(units).toFixed();
    const actions: ActionKindWire[] = ['fold'];
    if (!facingBet) actions.push('check');
    if (facingBet) actions.push('call');
    const kind = facingBet ? 'raise' : 'bet';
    if (canRaise) actions.push(kind);
    actions.push('all-in');
    const legal: LegalActionsWire = {
      actions,
      callAmount: facingBet ? money(callUnits) : null,
      betOrRaise: canRaise ? { kind, minTo: money(minUnits), maxTo: money(minUnits + spanUnits) } : null,
    };
    return { legal, unit: u };
  });

const contexts = fc
  .record({
    legal: legalActions,
    hole: fc.tuple(card, card),
    board: fc.array(card, { maxLength: 5 }),
    phase: fc.constantFrom('preflop' as const, 'flop' as const, 'turn' as const, 'river' as const),
    pot: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(
    ({ legal, hole, board, phase, pot }): DecisionContext => ({
      legal: legal.legal,
      holeCards: hole,
      board,
      phase,
      pot: legal.unit.times(pot),
      bigBlind: legal.unit.times(2),
      chipUnit: legal.unit,
    }),
  );

describe('bot strategies', () => {
  it.each(STRATEGY_NAMES)('%s only ever picks a legal action, with a legal amount', (name) => {
    const strategy = STRATEGIES[name];
    fc.assert(
      fc.property(contexts, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (context, seed) => {
        const decision = strategy(context, seededRandom(seed));
        expect(context.legal.actions).toContain(decision.kind);
        if (decision.kind === 'bet' || decision.kind === 'raise') {
          const range = context.legal.betOrRaise!;
          expect(decision.kind).toBe(range.kind);
          const amount = new Money(decision.amount!);
          expect(amount.greaterThanOrEqualTo(range.minTo)).toBe(true);
          expect(amount.lessThanOrEqualTo(range.maxTo)).toBe(true);
          expect(toUnits(amount, context.chipUnit).ok).toBe(true);
          expect(decision.amount).toMatch(/^(0|[1-9]\d*)(\.\d+)?$/);
        } else {
          expect(decision.amount).toBeUndefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random and calling never fold when a check is free', () => {
    fc.assert(
      fc.property(contexts, fc.integer(), (context, seed) => {
        if (!context.legal.actions.includes('check')) return;
        expect(randomStrategy(context, seededRandom(seed)).kind).not.toBe('fold');
        expect(callingStrategy(context, seededRandom(seed)).kind).toBe('check');
      }),
    );
  });

  it('random uses every kind of legal action over many decisions', () => {
    const random = seededRandom(7);
    const seen = new Set<string>();
    const facing: DecisionContext = {
      legal: {
        actions: ['fold', 'call', 'raise', 'all-in'],
        callAmount: '2',
        betOrRaise: { kind: 'raise', minTo: '4', maxTo: '200' },
      },
      holeCards: ['2c', '7d'],
      board: [],
      phase: 'preflop',
      pot: new Money(3),
      bigBlind: new Money(2),
      chipUnit: new Money(1),
    };
    for (let i = 0; i < 500; i++) seen.add(randomStrategy(facing, random).kind);
    expect([...seen].sort()).toEqual(['all-in', 'call', 'fold', 'raise']);
  });

  it('calling calls a bet, and goes all-in only when calling is not offered', () => {
    const base: DecisionContext = {
      legal: { actions: ['fold', 'call', 'all-in'], callAmount: '10', betOrRaise: null },
      holeCards: null,
      board: [],
      phase: 'flop',
      pot: new Money(20),
      bigBlind: new Money(2),
      chipUnit: new Money(1),
    };
    expect(callingStrategy(base, Math.random)).toEqual({ kind: 'call' });
    expect(
      callingStrategy(
        { ...base, legal: { actions: ['fold', 'all-in'], callAmount: null, betOrRaise: null } },
        Math.random,
      ),
    ).toEqual({
      kind: 'all-in',
    });
  });

  it('tight raises premium hands, limps cheaply with playable ones, folds junk facing a bet', () => {
    const facing = (hole: string[], call = '2'): DecisionContext => ({
      legal: {
        actions: ['fold', 'call', 'raise', 'all-in'],
        callAmount: call,
        betOrRaise: { kind: 'raise', minTo: '4', maxTo: '200' },
      },
      holeCards: hole,
      board: [],
      phase: 'preflop',
      pot: new Money(3),
      bigBlind: new Money(2),
      chipUnit: new Money(1),
    });
    expect(tightStrategy(facing(['As', 'Kd']), Math.random)).toEqual({ kind: 'raise', amount: '4' });
    expect(tightStrategy(facing(['8s', '8d']), Math.random)).toEqual({ kind: 'raise', amount: '4' });
    expect(tightStrategy(facing(['Ts', 'Jd']), Math.random)).toEqual({ kind: 'call' });
    expect(tightStrategy(facing(['Ts', 'Jd'], '20'), Math.random)).toEqual({ kind: 'fold' });
    expect(tightStrategy(facing(['2s', '7d']), Math.random)).toEqual({ kind: 'fold' });
    const flop: DecisionContext = {
      ...facing(['Ks', '7d']),
      phase: 'flop',
      board: ['7c', '2h', '9s'],
      legal: {
        actions: ['fold', 'check', 'bet', 'all-in'],
        callAmount: null,
        betOrRaise: { kind: 'bet', minTo: '2', maxTo: '180' },
      },
    };
    expect(tightStrategy(flop, Math.random)).toEqual({ kind: 'bet', amount: '2' });
    expect(tightStrategy({ ...flop, holeCards: ['Ks', '3d'] }, Math.random)).toEqual({ kind: 'check' });
  });

  it('classifies starting hands', () => {
    expect(isPremium(['Ah', 'Kh'])).toBe(true);
    expect(isPremium(['Ah', 'Qc'])).toBe(true);
    expect(isPremium(['Ah', 'Jh'])).toBe(true);
    expect(isPremium(['Ah', 'Jc'])).toBe(false);
    expect(isPremium(['7h', '7c'])).toBe(false);
    expect(isPremium(['8h', '8c'])).toBe(true);
    expect(isPlayable(['2h', '2c'])).toBe(true);
    expect(isPlayable(['Th', 'Jc'])).toBe(true);
    expect(isPlayable(['Ah', '3h'])).toBe(true);
    expect(isPlayable(['Ah', '3c'])).toBe(false);
    expect(hasMadeHand(['Ah', '3c'], ['3d', '9s', 'Kc'])).toBe(true);
    expect(hasMadeHand(['Ah', '4c'], ['3d', '9s', 'Kc'])).toBe(false);
  });

  it('classifies Omaha starting hands by how the four cards work together', () => {
    expect(isPremium(['Ah', 'As', 'Kh', '7c'])).toBe(true); // aces with a suited ace
    expect(isPremium(['Ah', 'Ac', '7d', '2s'])).toBe(false); // bare aces, nothing else
    expect(isPremium(['Qh', 'Qs', 'Kd', 'Jc'])).toBe(true); // queens with two more broadway cards
    expect(isPremium(['Qh', 'Qs', 'Kd', '4c'])).toBe(false);
    expect(isPremium(['Ah', 'Kh', 'Qd', 'Jc'])).toBe(true); // four broadway cards, suited ace
    expect(isPremium(['Ah', 'Kc', 'Qd', 'Js'])).toBe(false); // the same, rainbow
    expect(isPlayable(['9h', '8c', '7d', '6s'])).toBe(true); // a rundown
    expect(isPlayable(['9h', '8c', '7d', '3s'])).toBe(false);
    expect(isPlayable(['Ah', '2h', '7d', '9c'])).toBe(true); // suited ace
    expect(isPlayable(['Th', 'Jc', 'Qd', '2s'])).toBe(true); // three broadway cards
    expect(isPlayable(['5h', '5c', '9d', '2s'])).toBe(false);
    expect(isPlayable(['Ah', 'Kh'])).toBe(true); // two cards stay Hold'em
    expect(isPremium(['Ah', 'Kh', 'Qh'])).toBe(false); // neither game
  });

  it('sees an Omaha hand made with the board: a hole card paired, or a pocket pair above it', () => {
    expect(hasMadeHand(['Ah', '3c', '7d', '8s'], ['3d', '9s', 'Kc'])).toBe(true);
    expect(hasMadeHand(['Ah', 'Ac', '7d', '8s'], ['3d', '9s', 'Kc'])).toBe(true);
    expect(hasMadeHand(['5h', '5c', '7d', '8s'], ['3d', '9s', 'Kc'])).toBe(false);
    expect(hasMadeHand(['5h', '4c', '7d', '8s'], ['3d', '9s', 'Kc'])).toBe(false);
  });

  it('picks bet amounts near the minimum more often than near the maximum', () => {
    const context: DecisionContext = {
      legal: {
        actions: ['check', 'bet'],
        callAmount: null,
        betOrRaise: { kind: 'bet', minTo: '2', maxTo: '1002' },
      },
      holeCards: null,
      board: [],
      phase: 'flop',
      pot: new Money(4),
      bigBlind: new Money(2),
      chipUnit: new Money(1),
    };
    const random = seededRandom(3);
    const amounts = Array.from({ length: 2_000 }, () => Number(amountBetween(context, random)));
    const low = amounts.filter((a) => a < 502).length;
    expect(low).toBeGreaterThan(amounts.length * 0.7);
    expect(Math.max(...amounts)).toBeLessThanOrEqual(1002);
    expect(Math.min(...amounts)).toBeGreaterThanOrEqual(2);
  });

  it('sees its turn only in a view where it is to act with legal actions', () => {
    const view = {
      tableId: '00000000-0000-4000-8000-000000000000',
      seq: 3,
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
      seats: [],
      hand: {
        number: 1,
        deckCommitment: 'a'.repeat(64),
        buttonSeat: 1,
        smallBlindSeat: 1,
        bigBlindSeat: 2,
        phase: 'preflop',
        board: [],
        secondBoard: null,
        runout: null,
        equity: null,
        pot: '0',
        players: [
          {
            seat: 1,
            stack: '199',
            streetCommitted: '1',
            totalCommitted: '1',
            folded: false,
            allIn: false,
            holeCards: ['As', 'Kd'],
            lastAction: null,
          },
          {
            seat: 2,
            stack: '198',
            streetCommitted: '2',
            totalCommitted: '2',
            folded: false,
            allIn: false,
            holeCards: null,
            lastAction: null,
          },
        ],
        toActSeat: 1,
        turn: 0,
        clock: null,
        legal: {
          actions: ['fold', 'call', 'raise', 'all-in'],
          callAmount: '1',
          betOrRaise: { kind: 'raise', minTo: '4', maxTo: '200' },
        },
        result: null,
        proof: null,
      },
      you: { userId: 'u1', seat: 1 },
      serverTimeMs: 0,
    } satisfies TableView;
    const context = decisionContextOf(view);
    expect(context?.holeCards).toEqual(['As', 'Kd']);
    expect(context?.bigBlind.toFixed()).toBe('2');
    expect(decisionContextOf({ ...view, you: { userId: 'u2', seat: 2 } })).toBeNull();
    expect(decisionContextOf({ ...view, hand: { ...view.hand, legal: null } })).toBeNull();
    expect(decisionContextOf({ ...view, hand: null })).toBeNull();
  });
});
