import { describe, expect, it } from 'vitest';
import { parseCards } from '../../src/engine/cards.js';
import {
  actionsOf,
  applyAction,
  handPhase,
  handResult,
  isAwaitingRunout,
  legalActions,
  playerToAct,
  runOut,
  startHand,
  viewFor,
} from '../../src/engine/hand.js';
import type {
  HandEvent,
  HandSetup,
  HandState,
  PlayerAction,
  RakeRules,
  RuleViolationCode,
} from '../../src/engine/hand-types.js';
import { fixedDeck } from '../support/fixed-deck.js';

const NO_RAKE: RakeRules = { basisPoints: 0, capUnits: 0, noFlopNoDrop: true };

interface SetupOptions {
  readonly variant?: 'NT' | 'PO';
  readonly pauseForRunout?: boolean;
  readonly runItTwice?: boolean;
  readonly blinds?: readonly number[];
  readonly antes?: readonly number[];
  readonly livePosts?: readonly number[];
  readonly minBet?: number;
  readonly rake?: RakeRules;
  readonly holes?: readonly string[];
  readonly board?: string;
}

/** Low, unconnected, rainbow filler hands so that only the cards a test names matter. */
const FILLER_HOLES = ['2c3d', '2d4c', '3c5d', '2h6c', '3h4d', '5c6d', '2s7c', '3s8d', '4s7h', '5s8h'];

/** Omaha filler: low, unconnected, rainbow four-card hands. */
const OMAHA_FILLER = ['2c3d4h7s', '2d3h5c8s', '2h4c5d9s', '3c4d6h8c', '2s4s6c9d', '3s5h6d8d'];

function setupFor(stacks: readonly number[], options: SetupOptions = {}): HandSetup {
  const filler = options.variant === 'PO' ? OMAHA_FILLER : FILLER_HOLES;
  const holes = options.holes ?? filler.slice(0, stacks.length);
  return {
    ...(options.variant && { variant: options.variant }),
    ...(options.pauseForRunout !== undefined && { pauseForRunout: options.pauseForRunout }),
    ...(options.runItTwice !== undefined && { runItTwice: options.runItTwice }),
    players: stacks.map((stack, position) => ({ seat: position + 1, stack })),
    antes: options.antes ?? [],
    blindsOrStraddles: options.blinds ?? [50, 100],
    ...(options.livePosts && { livePosts: options.livePosts }),
    minBet: options.minBet ?? 100,
    rake: options.rake ?? NO_RAKE,
    deck: fixedDeck(holes, options.board ?? 'AhKdQcJs9h'),
  };
}

interface Played {
  readonly state: HandState;
  readonly events: HandEvent[];
}

function start(setup: HandSetup): Played {
  const started = startHand(setup);
  if (!started.ok) throw new Error(`setup rejected: ${started.error.message}`);
  return { state: started.value.state, events: [...started.value.events] };
}

function act(played: Played, ...actions: PlayerAction[]): Played {
  let state = played.state;
  const events = [...played.events];
  for (const action of actions) {
    const result = applyAction(state, action);
    if (!result.ok) throw new Error(`${JSON.stringify(action)} rejected: ${result.error.code}`);
    state = result.value.state;
    events.push(...result.value.events);
  }
  return { state, events };
}

function play(setup: HandSetup, ...actions: PlayerAction[]): Played {
  return act(start(setup), ...actions);
}

function rejects(played: Played, action: PlayerAction, code: RuleViolationCode): void {
  const before = JSON.stringify(viewFor(played.state, { kind: 'player', player: action.player }));
  const result = applyAction(played.state, action);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.code).toBe(code);
  expect(JSON.stringify(viewFor(played.state, { kind: 'player', player: action.player }))).toBe(before);
}

const fold = (player: number): PlayerAction => ({ player, kind: 'fold' });
const check = (player: number): PlayerAction => ({ player, kind: 'check' });
const call = (player: number): PlayerAction => ({ player, kind: 'call' });
const bet = (player: number, to: number): PlayerAction => ({ player, kind: 'bet', to });
const raise = (player: number, to: number): PlayerAction => ({ player, kind: 'raise', to });
const allIn = (player: number): PlayerAction => ({ player, kind: 'all-in' });

function checksAround(...players: number[]): PlayerAction[] {
  return players.map(check);
}

function eventsOf<T extends HandEvent['type']>(played: Played, type: T): Extract<HandEvent, { type: T }>[] {
  return played.events.filter((event): event is Extract<HandEvent, { type: T }> => event.type === type);
}

function resultOf(played: Played) {
  const result = handResult(played.state);
  if (result === null) throw new Error('the hand is not complete');
  return result;
}

function expectChipsConserved(played: Played, stacks: readonly number[]): void {
  const result = resultOf(played);
  const total = result.finalStacks.reduce((sum, stack) => sum + stack, 0) + result.rakeTotal;
  expect(total).toBe(stacks.reduce((sum, stack) => sum + stack, 0));
  for (const pot of result.pots) {
    expect(pot.winners.reduce((sum, share) => sum + share.amount, 0) + pot.rake).toBe(pot.amount);
  }
}

describe('betting amounts', () => {
  it('minimum bet: a bet must be at least minBet, unless it is all-in for less', () => {
    const stacks = [2000, 2000, 160];
    const flop = play(setupFor(stacks), call(2), call(0), check(1));
    expect(handPhase(flop.state)).toBe('flop');
    expect(legalActions(flop.state)?.betOrRaise).toEqual({ kind: 'bet', minTo: 100, maxTo: 1900 });
    rejects(flop, bet(0, 99), 'engine/amount-too-small');
    const afterBet = act(flop, bet(0, 100));
    expect(eventsOf(afterBet, 'PlayerBet')).toHaveLength(1);

    // The short stack has 60 behind: it may bet all-in for less than minBet, and only that.
    const shortFlop = act(flop, check(0), check(1));
    expect(legalActions(shortFlop.state)?.betOrRaise).toEqual({ kind: 'bet', minTo: 60, maxTo: 60 });
    rejects(shortFlop, bet(2, 50), 'engine/amount-too-small');
    const shortBet = act(shortFlop, bet(2, 60));
    expect(eventsOf(shortBet, 'PlayerBet')[0]).toMatchObject({ player: 2, to: 60, allIn: true });
  });

  it('minimum raise: by at least the largest bet or raise increment of the round so far', () => {
    const stacks = [5000, 5000, 5000, 800];
    const opened = play(setupFor(stacks), raise(2, 600));
    // 600 raises the big blind by 500: a full raise would be to 1100, but position 3 only has 800.
    expect(legalActions(opened.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 800, maxTo: 800 });
    // Position 3 can only go all-in for 800, a short raise of 200.
    const short = act(opened, allIn(3));
    // The largest increment is still 500, so the next raise is to 800 + 500 and not 800 + 200.
    expect(legalActions(short.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 1300, maxTo: 5000 });
    rejects(short, raise(0, 1299), 'engine/amount-too-small');
    const reraised = act(short, raise(0, 1300));
    expect(legalActions(reraised.state)?.betOrRaise).toMatchObject({ minTo: 1800 });
    rejects(reraised, raise(1, 1799), 'engine/amount-too-small');
    const bigger = act(reraised, raise(1, 3000));
    // A raise of 1700 becomes the largest increment.
    expect(legalActions(bigger.state)).toMatchObject({ player: 2, betOrRaise: { minTo: 4700 } });
  });

  it('a short all-in does not reopen the betting for players who already acted: call or fold only', () => {
    const stacks = [2000, 2000, 280];
    const flop = play(setupFor(stacks), call(2), call(0), check(1));
    const shortAllIn = act(flop, bet(0, 100), call(1), allIn(2));
    expect(eventsOf(shortAllIn, 'PlayerRaised').at(-1)).toMatchObject({ player: 2, to: 180, allIn: true });
    const legal = legalActions(shortAllIn.state);
    expect(legal).toEqual({
      player: 0,
      canFold: true,
      canCheck: false,
      callAmount: 80,
      canAllIn: false,
      betOrRaise: null,
    });
    rejects(shortAllIn, raise(0, 280), 'engine/raise-not-allowed');
    rejects(shortAllIn, allIn(0), 'engine/raise-not-allowed');
    const called = act(shortAllIn, call(0));
    expect(legalActions(called.state)).toMatchObject({ player: 1, callAmount: 80, betOrRaise: null });
    const turn = act(called, call(1));
    expect(handPhase(turn.state)).toBe('turn');
  });

  it('after a short all-in, a player who has not acted may raise by a full increment', () => {
    const stacks = [2000, 280, 2000];
    const flop = play(setupFor(stacks), call(2), call(0), check(1));
    const shortAllIn = act(flop, bet(0, 100), allIn(1));
    // 180 is a short raise (80 < 100); position 2 has not acted and may raise to 180 + 100.
    expect(legalActions(shortAllIn.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 280, maxTo: 1900 });
    rejects(shortAllIn, raise(2, 279), 'engine/amount-too-small');
    const fullRaise = act(shortAllIn, raise(2, 280));
    // That full raise reopens the betting for position 0.
    expect(legalActions(fullRaise.state)).toMatchObject({ player: 0, betOrRaise: { minTo: 380 } });
  });

  it('a short all-in never lowers the minimum raise', () => {
    const stacks = [5000, 250, 5000, 5000];
    const flop = play(setupFor(stacks), call(2), call(3), call(0), check(1));
    // A bet of 100, then position 1 goes all-in for 150: a raise of only 50.
    const short = act(flop, bet(0, 100), allIn(1));
    expect(eventsOf(short, 'PlayerRaised').at(-1)).toMatchObject({ player: 1, to: 150, allIn: true });
    // The next raise is still by at least 100 (to 250), not by 50 (to 200).
    expect(legalActions(short.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 250, maxTo: 4900 });
    rejects(short, raise(2, 200), 'engine/amount-too-small');
  });

  it('short all-ins that add up to a full raise reopen the betting (facing a full raise)', () => {
    const stacks = [3000, 250, 300, 3000];
    const flop = play(setupFor(stacks), call(2), call(3), call(0), check(1));
    // Position 1 has 150 behind, position 2 has 200.
    const shorts = act(flop, bet(0, 100), allIn(1), allIn(2), call(3));
    expect(eventsOf(shorts, 'PlayerRaised').map((event) => event.to)).toEqual([150, 200]);
    // Position 0 acted at 100 and now faces 100 more: a full raise in total, so it may raise again.
    expect(legalActions(shorts.state)).toMatchObject({
      player: 0,
      callAmount: 100,
      betOrRaise: { minTo: 300 },
    });
  });

  it('calling all-in for less: the call is capped by the stack', () => {
    const stacks = [300, 1000];
    const played = start(setupFor(stacks));
    const raised = act(played, raise(1, 500));
    expect(legalActions(raised.state)).toEqual({
      player: 0,
      canFold: true,
      canCheck: false,
      callAmount: 200,
      canAllIn: true,
      betOrRaise: null,
    });
    const called = act(raised, call(0));
    expect(eventsOf(called, 'PlayerCalled').at(-1)).toMatchObject({ player: 0, amount: 200, allIn: true });
    expect(resultOf(called).uncalled).toEqual({ player: 1, amount: 200 });
    expect(resultOf(called).pots).toHaveLength(1);
    expect(resultOf(called).pots[0]!.amount).toBe(600);
    expectChipsConserved(called, stacks);
  });

  it('the uncalled part of a bet is returned before the pot is awarded, and never raked', () => {
    const stacks = [400, 2000];
    const rake = { basisPoints: 1000, capUnits: 10_000, noFlopNoDrop: true };
    const setup = setupFor(stacks, { rake, holes: ['AsAd', 'KsKd'], board: '2c7h9dJc3s' });
    const played = play(setup, call(1), check(0), check(0), bet(1, 1000), call(0));
    const types = played.events.map((event) => event.type);
    expect(types.indexOf('UncalledBetReturned')).toBeLessThan(types.indexOf('PotAwarded'));
    const result = resultOf(played);
    expect(result.uncalled).toEqual({ player: 1, amount: 700 });
    // Pot: 100 + 100 preflop, 300 + 300 on the flop. Rake 10% of 800, nothing of the 700 returned.
    expect(result.pots).toEqual([
      { amount: 800, rake: 80, eligible: [0, 1], winners: [{ player: 0, amount: 720 }] },
    ]);
    expect(result.finalStacks).toEqual([720, 1600]);
    expectChipsConserved(played, stacks);
  });

  it('an uncalled raise is returned when everyone folds', () => {
    const stacks = [1000, 1000, 1000];
    const played = play(setupFor(stacks), raise(2, 300), fold(0), fold(1));
    const result = resultOf(played);
    expect(result.uncalled).toEqual({ player: 2, amount: 200 });
    expect(result.pots).toEqual([
      { amount: 250, rake: 0, eligible: [2], winners: [{ player: 2, amount: 250 }] },
    ]);
    expect(result.finalStacks).toEqual([950, 900, 1150]);
    expect(result.shown).toEqual([null, null, null]);
    expect(eventsOf(played, 'CardsShown')).toHaveLength(0);
  });

  it('when every other player is all-in, the last player with chips may only call or fold', () => {
    const stacks = [300, 5000, 500];
    const played = play(setupFor(stacks), allIn(2), call(0));
    expect(legalActions(played.state)).toEqual({
      player: 1,
      canFold: true,
      canCheck: false,
      callAmount: 400,
      canAllIn: false,
      betOrRaise: null,
    });
    rejects(played, raise(1, 1000), 'engine/raise-uncallable');
    const called = act(played, call(1));
    expect(handPhase(called.state)).toBe('complete');
    expect(eventsOf(called, 'BoardDealt')).toHaveLength(3);
    // All-in can only mean the call here: the same 400, not a raise.
    const shoved = act(played, allIn(1));
    expect(eventsOf(shoved, 'PlayerCalled').at(-1)).toMatchObject({ player: 1, amount: 400, allIn: false });
    expect(resultOf(shoved).finalStacks).toEqual(resultOf(called).finalStacks);
  });

  it('a raise that nobody can call is refused: the only opponents with chips cannot put in more than the current bet', () => {
    // The button shoves 1000. The big blind has 700 behind its 100: it can call (all-in for less),
    // never put in more than 1000. The small blind, with 4950 behind, may therefore only call or fold.
    const stacks = [5000, 800, 1000];
    const shove = play(setupFor(stacks), allIn(2));
    expect(eventsOf(shove, 'PlayerRaised').at(-1)).toMatchObject({ player: 2, to: 1000, allIn: true });
    expect(legalActions(shove.state)).toEqual({
      player: 0,
      canFold: true,
      canCheck: false,
      callAmount: 950,
      canAllIn: false,
      betOrRaise: null,
    });
    rejects(shove, raise(0, 2000), 'engine/raise-uncallable');
    rejects(shove, raise(0, 5000), 'engine/raise-uncallable');
    // All-in means the call: 950 more, and the rest of the stack stays behind.
    const shoved = act(shove, allIn(0));
    expect(eventsOf(shoved, 'PlayerCalled').at(-1)).toMatchObject({ player: 0, amount: 950, allIn: false });
    expect(actionsOf(shoved.state).at(-1)).toEqual({ player: 0, kind: 'call' });
    const called = act(shoved, call(1));
    expect(eventsOf(called, 'PlayerCalled').at(-1)).toMatchObject({ player: 1, amount: 700, allIn: true });
    // Nobody can bet any more: the board runs out and the hand is over.
    expect(handPhase(called.state)).toBe('complete');
    expect(resultOf(called).uncalled).toBeNull();
    expect(resultOf(called).finalStacks[0]).toBeGreaterThanOrEqual(4000);
    expectChipsConserved(called, stacks);
  });

  it('a raise that nobody can call is refused, with several covered opponents', () => {
    // Four players: under the gun shoves 1000. The small blind (300 in all) and the big blind (900
    // in all) still have chips but are covered: the button, with 6000, may only call or fold.
    const stacks = [300, 900, 1000, 6000];
    const shove = play(setupFor(stacks), allIn(2));
    expect(legalActions(shove.state)).toEqual({
      player: 3,
      canFold: true,
      canCheck: false,
      callAmount: 1000,
      canAllIn: false,
      betOrRaise: null,
    });
    rejects(shove, raise(3, 3000), 'engine/raise-uncallable');
    const done = act(shove, call(3), call(0), call(1));
    expect(eventsOf(done, 'PlayerCalled').map((event) => [event.player, event.amount])).toEqual([
      [3, 1000],
      [0, 250],
      [1, 800],
    ]);
    expect(handPhase(done.state)).toBe('complete');
    expectChipsConserved(done, stacks);
  });

  it('the big blind has the option in a limped pot', () => {
    const played = play(setupFor([1000, 1000, 1000]), call(2), call(0));
    expect(legalActions(played.state)).toEqual({
      player: 1,
      canFold: false,
      canCheck: true,
      callAmount: null,
      canAllIn: true,
      betOrRaise: { kind: 'raise', minTo: 200, maxTo: 1000 },
    });
  });
});

describe('order of action', () => {
  it('heads-up: the button posts the small blind and acts first preflop; the big blind first after', () => {
    const played = start(setupFor([1000, 1000]));
    expect(eventsOf(played, 'BlindPosted')).toEqual([
      { type: 'BlindPosted', player: 1, amount: 50, visibility: { to: 'table' } },
      { type: 'BlindPosted', player: 0, amount: 100, visibility: { to: 'table' } },
    ]);
    expect(playerToAct(played.state)).toBe(1);
    const limped = act(played, call(1));
    expect(playerToAct(limped.state)).toBe(0);
    const flop = act(limped, check(0));
    expect(handPhase(flop.state)).toBe('flop');
    expect(playerToAct(flop.state)).toBe(0);
    const turn = act(flop, check(0), check(1));
    expect(handPhase(turn.state)).toBe('turn');
    expect(playerToAct(turn.state)).toBe(0);
  });

  it('three or more: left of the big blind first preflop, the small blind first on later streets', () => {
    const played = start(setupFor([1000, 1000, 1000, 1000]));
    expect(playerToAct(played.state)).toBe(2);
    const flop = act(played, call(2), call(3), call(0), check(1));
    expect(handPhase(flop.state)).toBe('flop');
    expect(playerToAct(flop.state)).toBe(0);
    // With the small blind gone, the first active player after the button acts first.
    const withoutSmallBlind = play(setupFor([1000, 1000, 1000, 1000]), call(2), call(3), fold(0), check(1));
    expect(handPhase(withoutSmallBlind.state)).toBe('flop');
    expect(playerToAct(withoutSmallBlind.state)).toBe(1);
  });

  it('a straddle shifts the first action preflop and sets the minimum raise', () => {
    const setup = setupFor([2000, 2000, 2000, 2000, 2000], { blinds: [50, 100, 200] });
    const played = start(setup);
    expect(eventsOf(played, 'BlindPosted').map((event) => [event.player, event.amount])).toEqual([
      [0, 50],
      [1, 100],
      [2, 200],
    ]);
    expect(playerToAct(played.state)).toBe(3);
    expect(legalActions(played.state)).toMatchObject({ callAmount: 200, betOrRaise: { minTo: 400 } });
    const straddleOption = act(played, call(3), call(4), call(0), call(1));
    expect(legalActions(straddleOption.state)).toMatchObject({ player: 2, canCheck: true });
    const flop = act(straddleOption, check(2));
    expect(playerToAct(flop.state)).toBe(0);
  });
});

describe('pots', () => {
  // Stacks 100, 300, 600, 1000, 1000. Position 4 puts 100 in and folds; the others are all-in at
  // 100, 300 and 600 (position 3 covers). Hands: AA > KK > QQ > 44 on a dry board.
  const stacks = [100, 300, 600, 1000, 1000];
  const holes = ['AhAd', 'KhKd', '4h4d', 'QhQd', '5c6c'];
  const board = '2c7d9hJs3s';
  const actions = [call(2), call(3), call(4), allIn(0), allIn(1), allIn(2), call(3), fold(4)];

  it('side pots: each all-in caps a pot; eligible = contributed to that level and did not fold', () => {
    const played = play(setupFor(stacks, { holes, board }), ...actions);
    const result = resultOf(played);
    expect(result.pots.map((pot) => [pot.amount, pot.eligible])).toEqual([
      [500, [0, 1, 2, 3]],
      [600, [1, 2, 3]],
      [600, [2, 3]],
    ]);
    // The folded player's 100 stays in the main pot.
    expect(result.pots[0]!.amount).toBe(5 * 100);
    expectChipsConserved(played, stacks);
  });

  it('each pot is awarded separately, from the last side pot down to the main pot', () => {
    const played = play(setupFor(stacks, { holes, board }), ...actions);
    const result = resultOf(played);
    expect(result.pots.map((pot) => pot.winners)).toEqual([
      [{ player: 0, amount: 500 }],
      [{ player: 1, amount: 600 }],
      [{ player: 3, amount: 600 }],
    ]);
    expect(eventsOf(played, 'PotAwarded').map((event) => event.pot)).toEqual([2, 1, 0]);
    expect(result.finalStacks).toEqual([500, 600, 0, 1000, 900]);
  });

  it('split pots: whole units, the odd chip to the first tied winner clockwise from the button', () => {
    const setup = setupFor([1000, 1000, 1000], { blinds: [5, 10], minBet: 10, board: 'AsKsQsJsTs' });
    const played = play(setup, call(2), fold(0), check(1), ...checksAround(1, 2, 1, 2, 1, 2));
    const result = resultOf(played);
    expect(result.pots).toEqual([
      {
        amount: 25,
        rake: 0,
        eligible: [1, 2],
        winners: [
          { player: 1, amount: 13 },
          { player: 2, amount: 12 },
        ],
      },
    ]);
    // Three ways with two odd chips: one each to the first two winners clockwise from the button.
    // (The antes are dead money in the main pot, which all three may win.)
    const threeWay = setupFor([1000, 1000, 1000], {
      blinds: [5, 10],
      antes: [1, 1],
      minBet: 10,
      board: 'AsKsQsJsTs',
    });
    const split = play(threeWay, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2, 0, 1, 2));
    expect(resultOf(split).pots).toHaveLength(1);
    expect(resultOf(split).pots[0]!.winners).toEqual([
      { player: 0, amount: 11 },
      { player: 1, amount: 11 },
      { player: 2, amount: 10 },
    ]);
    expectChipsConserved(split, [1000, 1000, 1000]);
  });
});

describe('rake', () => {
  const rake = { basisPoints: 500, capUnits: 1000, noFlopNoDrop: true };

  it('rake is a percentage of each pot rounded down', () => {
    const stacks = [1000, 1000];
    const setup = setupFor(stacks, {
      blinds: [5, 10],
      minBet: 10,
      rake,
      holes: ['AsAd', 'KsKd'],
      board: '2c7d9hJs3s',
    });
    const played = play(setup, raise(1, 115), call(0), ...checksAround(0, 1, 0, 1, 0, 1));
    const result = resultOf(played);
    // 5% of 230 is 11.5: the house takes 11.
    expect(result.pots[0]).toMatchObject({ amount: 230, rake: 11 });
    expect(result.rakeTotal).toBe(11);
    expect(result.finalStacks).toEqual([1000 + 115 - 11, 885]);
    expectChipsConserved(played, stacks);
  });

  it('rake is capped per hand across all pots, main pot first', () => {
    const stacks = [100, 300, 600, 1000, 1000];
    const capped = { basisPoints: 500, capUnits: 60, noFlopNoDrop: true };
    const holes = ['AhAd', 'KhKd', '4h4d', 'QhQd', '5c6c'];
    const setup = setupFor(stacks, { rake: capped, holes, board: '2c7d9hJs3s' });
    const played = play(setup, call(2), call(3), call(4), allIn(0), allIn(1), allIn(2), call(3), fold(4));
    const result = resultOf(played);
    // 5% of 500, 600, 600 is 25, 30, 30; the cap of 60 leaves 5 for the last pot.
    expect(result.pots.map((pot) => pot.rake)).toEqual([25, 30, 5]);
    expect(result.rakeTotal).toBe(60);
    expectChipsConserved(played, stacks);
  });

  it('no flop, no drop: a hand that ends before the flop is not raked', () => {
    const stacks = [1000, 1000, 1000];
    const beforeFlop = play(setupFor(stacks, { rake }), raise(2, 1000), fold(0), fold(1));
    expect(resultOf(beforeFlop).rakeTotal).toBe(0);
    expect(resultOf(beforeFlop).finalStacks).toEqual([950, 900, 1150]);
    expectChipsConserved(beforeFlop, stacks);
    // Once the flop is dealt, a pot won without showdown is raked: 5% of 300 + 300 + 100.
    const afterFlop = play(
      setupFor(stacks, { rake }),
      raise(2, 300),
      call(0),
      fold(1),
      check(0),
      bet(2, 200),
      fold(0),
    );
    expect(resultOf(afterFlop).pots).toEqual([
      { amount: 700, rake: 35, eligible: [2], winners: [{ player: 2, amount: 665 }] },
    ]);
    expect(resultOf(afterFlop).uncalled).toEqual({ player: 2, amount: 200 });
    expectChipsConserved(afterFlop, stacks);
    // Tables without the rule rake preflop pots too.
    const dropAlways = { basisPoints: 500, capUnits: 1000, noFlopNoDrop: false };
    const raked = play(setupFor(stacks, { rake: dropAlways }), raise(2, 1000), fold(0), fold(1));
    expect(resultOf(raked).pots[0]).toMatchObject({ amount: 250, rake: 12 });
    expectChipsConserved(raked, stacks);
  });

  it('the house receives exactly what the players lose to rake', () => {
    const stacks = [777, 1234, 555, 901];
    const rakeRules = { basisPoints: 475, capUnits: 37, noFlopNoDrop: true };
    const setup = setupFor(stacks, {
      rake: rakeRules,
      holes: ['AhAd', 'KhKd', 'QhQd', 'JhJd'],
      board: '2c7d9h3s4c',
    });
    // The big blind is last with chips and may only call.
    const played = play(setup, allIn(2), allIn(3), allIn(0), call(1));
    const result = resultOf(played);
    const lost =
      stacks.reduce((sum, stack) => sum + stack, 0) - result.finalStacks.reduce((sum, s) => sum + s, 0);
    expect(result.rakeTotal).toBe(lost);
    expect(result.rakeTotal).toBe(result.pots.reduce((sum, pot) => sum + pot.rake, 0));
    expect(result.rakeTotal).toBeLessThanOrEqual(37);
    expect(result.rakeTotal).toBeGreaterThan(0);
    expectChipsConserved(played, stacks);
  });

  it('a pot that goes all-in before the flop is raked: the board ran out, so the flop was dealt', () => {
    const stacks = [1000, 1000];
    const setup = setupFor(stacks, { rake, holes: ['AsAd', 'KsKd'], board: '2c7d9hJs3s' });
    const played = play(setup, allIn(1), call(0));
    const result = resultOf(played);
    expect(result.pots[0]).toMatchObject({ amount: 2000, rake: 100 });
    expect(result.finalStacks).toEqual([1900, 0]);
    expectChipsConserved(played, stacks);
  });
});

describe('showdown', () => {
  // Board 2c 7d 9h Js 3s: position 2 holds the best hand, position 1 the second, position 0 the worst.
  const board = '2c7d9hJs3s';
  const holes = ['4h5d', 'KhKd', 'AhAd'];

  it('the last bettor or raiser on the river shows first; beaten hands are mucked', () => {
    const stacks = [1000, 1000, 1000];
    const setup = setupFor(stacks, { holes, board });
    const river = play(setup, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2));
    expect(handPhase(river.state)).toBe('river');
    const played = act(river, check(0), bet(1, 100), call(2), call(0));
    const showdown = played.events.filter(
      (event) => event.type === 'CardsShown' || event.type === 'CardsMucked',
    );
    expect(showdown.map((event) => [event.type, event.player])).toEqual([
      ['CardsShown', 1],
      ['CardsShown', 2],
      ['CardsMucked', 0],
    ]);
    const result = resultOf(played);
    expect(result.shown).toEqual([null, parseCards('KhKd'), parseCards('AhAd')]);
    expect(result.pots[0]!.winners).toEqual([{ player: 2, amount: 600 }]);
  });

  it('without a river bet, the first active player clockwise from the button shows first', () => {
    const stacks = [1000, 1000, 1000];
    // Position 0 holds the middle hand here: it shows, position 1 (beaten) mucks, position 2 shows.
    const setup = setupFor(stacks, { holes: ['KhKd', '4h5d', 'AhAd'], board });
    const played = play(setup, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2, 0, 1, 2));
    const showdown = played.events.filter(
      (event) => event.type === 'CardsShown' || event.type === 'CardsMucked',
    );
    expect(showdown.map((event) => [event.type, event.player])).toEqual([
      ['CardsShown', 0],
      ['CardsMucked', 1],
      ['CardsShown', 2],
    ]);
    // A hand that ties the best shown hand is shown, not mucked: it wins half.
    const tie = setupFor(stacks, { holes: ['AcKc', 'AhKh', '4h5d'], board });
    const tied = play(tie, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2, 0, 1, 2));
    expect(eventsOf(tied, 'CardsShown').map((event) => event.player)).toEqual([0, 1]);
    expect(resultOf(tied).pots[0]!.winners).toEqual([
      { player: 0, amount: 150 },
      { player: 1, amount: 150 },
    ]);
  });

  it('when a player is all-in, every hand is shown', () => {
    const stacks = [1000, 1000, 300];
    const setup = setupFor(stacks, { holes: ['KhKd', '4h5d', 'AhAd'], board });
    const played = play(setup, allIn(2), call(0), call(1), ...checksAround(0, 1, 0, 1, 0, 1));
    expect(handPhase(played.state)).toBe('complete');
    expect(eventsOf(played, 'CardsShown').map((event) => event.player)).toEqual([0, 1, 2]);
    expect(eventsOf(played, 'CardsMucked')).toHaveLength(0);
    expect(resultOf(played).shown.every((cards) => cards !== null)).toBe(true);
  });

  it('hands are the best five of seven, ties broken by kickers, suits never', () => {
    const stacks = [1000, 1000];
    const showdown = (holes: string[], board: string) =>
      resultOf(
        play(setupFor(stacks, { holes, board }), call(1), check(0), ...checksAround(0, 1, 0, 1, 0, 1)),
      );
    // Both pair aces; the queen kicker beats the jack.
    expect(showdown(['AsQc', 'AdJc'], 'Ah8d7c5s2h').pots[0]!.winners).toEqual([{ player: 0, amount: 200 }]);
    // The board plays for both: a split, even though the hole cards differ.
    expect(showdown(['2c3c', '4d5d'], 'AhAdKcKsQh').pots[0]!.winners).toEqual([
      { player: 0, amount: 100 },
      { player: 1, amount: 100 },
    ]);
    // Same ranks, different suits: a split.
    expect(showdown(['AcKd', 'AdKc'], 'QhJs9h4c2d').pots[0]!.winners).toHaveLength(2);
    // The best five of seven: a flush using both hole cards beats a straight on the board.
    expect(showdown(['2h3h', 'AcAd'], '4h5h6c7h8s').pots[0]!.winners).toEqual([{ player: 0, amount: 200 }]);
    // Two pair with the better fifth card from the hole.
    expect(showdown(['Kc2d', 'Qc3d'], 'AhAs9d9c4h').pots[0]!.winners).toEqual([{ player: 0, amount: 200 }]);
  });
});

describe('forced bets and automatic run-outs', () => {
  it("a live big blind posted out of position is that player's bet: the action starts as usual and the poster keeps the option", () => {
    // Position 3 joined the game and posts 100 at once, live, instead of waiting for the big blind.
    const stacks = [1000, 1000, 1000, 1000, 1000];
    const played = start(setupFor(stacks, { livePosts: [0, 0, 0, 100] }));
    expect(eventsOf(played, 'BlindPosted').map((event) => [event.player, event.amount])).toEqual([
      [0, 50],
      [1, 100],
      [3, 100],
    ]);
    // Not a straddle: the player left of the big blind acts first, and a raise is to 200 at least.
    expect(legalActions(played.state)).toEqual({
      player: 2,
      canFold: true,
      canCheck: false,
      callAmount: 100,
      canAllIn: true,
      betOrRaise: { kind: 'raise', minTo: 200, maxTo: 1000 },
    });
    // Nobody raised: the poster's 100 is already in, so they may check, or raise.
    const option = act(played, call(2));
    const legal = legalActions(option.state);
    expect(legal).toMatchObject({ player: 3, canFold: false, canCheck: true, callAmount: null });
    expect(legal?.betOrRaise).toEqual({ kind: 'raise', minTo: 200, maxTo: 1000 });
    const flop = act(option, check(3), call(4), call(0), check(1));
    expect(handPhase(flop.state)).toBe('flop');
    expect(viewFor(flop.state, { kind: 'spectator' }).potTotal).toBe(500);
    // Facing a raise, the poster calls only the difference.
    const raised = act(played, raise(2, 300));
    expect(legalActions(raised.state)).toMatchObject({
      player: 3,
      callAmount: 200,
      betOrRaise: { minTo: 500 },
    });
  });

  it('a live post comes after the antes and blinds, all-in for less when short, and caps a side pot', () => {
    const stacks = [1000, 1000, 1000, 60];
    const setup = setupFor(stacks, { antes: [5, 5, 5, 5], livePosts: [0, 0, 0, 100] });
    const played = start(setup);
    expect(eventsOf(played, 'BlindPosted').at(-1)).toEqual({
      type: 'BlindPosted',
      player: 3,
      amount: 55,
      visibility: { to: 'table' },
    });
    const done = act(played, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2, 0, 1, 2));
    const result = resultOf(done);
    // The poster matched 5 + 55 of everyone's 5 + 100: a main pot of 4 x 60, the rest beside it.
    expect(result.pots.map((pot) => [pot.amount, [...pot.eligible]])).toEqual([
      [240, [0, 1, 2, 3]],
      [135, [0, 1, 2]],
    ]);
    expectChipsConserved(done, stacks);
  });

  it('antes are posted per position before the blinds, and are dead money', () => {
    const stacks = [1000, 1000, 1000];
    const played = start(setupFor(stacks, { antes: [10, 20, 30] }));
    expect(eventsOf(played, 'AntePosted').map((event) => [event.player, event.amount])).toEqual([
      [0, 10],
      [1, 20],
      [2, 30],
    ]);
    const types = played.events.map((event) => event.type);
    expect(types.lastIndexOf('AntePosted')).toBeLessThan(types.indexOf('BlindPosted'));
    const view = viewFor(played.state, { kind: 'spectator' });
    expect(view.potTotal).toBe(60);
    expect(view.players.map((player) => player.stack)).toEqual([940, 880, 970]);
    // The ante does not count toward the bet: position 2 still owes a full big blind.
    expect(legalActions(played.state)).toMatchObject({ player: 2, callAmount: 100 });
  });

  it('a big-blind ante is posted by the big blind, heads-up too', () => {
    const ring = start(setupFor([1000, 1000, 1000], { antes: [0, 100, 0] }));
    expect(eventsOf(ring, 'AntePosted')).toEqual([
      { type: 'AntePosted', player: 1, amount: 100, visibility: { to: 'table' } },
    ]);
    const headsUp = start(setupFor([1000, 1000], { antes: [0, 100] }));
    // Heads-up, PHH assigns entries in reverse: entry 1 goes to position 0, the big blind.
    expect(eventsOf(headsUp, 'AntePosted')).toEqual([
      { type: 'AntePosted', player: 0, amount: 100, visibility: { to: 'table' } },
    ]);
    expect(viewFor(headsUp.state, { kind: 'spectator' }).players.map((player) => player.stack)).toEqual([
      800, 950,
    ]);
  });

  it('a big-blind ante is dead money in the main pot: a short all-in can win all of it', () => {
    const stacks = [1000, 1000, 250];
    const setup = setupFor(stacks, {
      antes: [0, 100, 0],
      holes: ['4h5d', 'KhKd', 'AhAd'],
      board: '2c7d9hJs3s',
    });
    const played = play(setup, allIn(2), fold(0), call(1));
    const result = resultOf(played);
    // 100 ante + 50 (folded small blind) + 250 + 250, one pot that position 2 may win in full.
    expect(result.pots).toEqual([
      { amount: 650, rake: 0, eligible: [1, 2], winners: [{ player: 2, amount: 650 }] },
    ]);
    expect(result.finalStacks).toEqual([950, 650, 650]);
    expectChipsConserved(played, stacks);
  });

  it('a player all-in on the ante can win only the antes they matched', () => {
    const stacks = [1000, 1000, 5];
    const setup = setupFor(stacks, {
      antes: [10, 10, 10],
      holes: ['4h5d', 'KhKd', 'AhAd'],
      board: '2c7d9hJs3s',
    });
    const played = play(setup, call(0), check(1), ...checksAround(0, 1, 0, 1, 0, 1));
    const result = resultOf(played);
    expect(result.pots).toEqual([
      { amount: 15, rake: 0, eligible: [0, 1, 2], winners: [{ player: 2, amount: 15 }] },
      { amount: 210, rake: 0, eligible: [0, 1], winners: [{ player: 1, amount: 210 }] },
    ]);
    expectChipsConserved(played, stacks);
  });

  it('a player short of an ante or a blind posts all-in for less', () => {
    const stacks = [1000, 60, 5];
    const played = start(setupFor(stacks, { antes: [0, 0, 10] }));
    expect(eventsOf(played, 'AntePosted')).toMatchObject([{ player: 2, amount: 5 }]);
    expect(eventsOf(played, 'BlindPosted').map((event) => [event.player, event.amount])).toEqual([
      [0, 50],
      [1, 60],
    ]);
    // Position 2 is all-in from the ante; position 0 owes 10 to match the short big blind.
    expect(legalActions(played.state)).toMatchObject({ player: 0, callAmount: 10 });
  });

  it('when everyone is all-in, the board runs out automatically', () => {
    const stacks = [100, 50];
    const setup = setupFor(stacks, { holes: ['AsAd', 'KsKd'], board: '2c7d9hJs3s' });
    const started = start(setup);
    expect(handPhase(started.state)).toBe('complete');
    expect(playerToAct(started.state)).toBeNull();
    expect(eventsOf(started, 'BoardDealt').map((event) => event.street)).toEqual(['flop', 'turn', 'river']);
    const result = resultOf(started);
    expect(result.uncalled).toEqual({ player: 0, amount: 50 });
    expect(result.finalStacks).toEqual([150, 0]);
    // An all-in and a call mid-hand run the rest of the board out too.
    const midHand = play(
      setupFor([1000, 1000, 1000]),
      call(2),
      call(0),
      check(1),
      allIn(0),
      call(1),
      call(2),
    );
    expect(handPhase(midHand.state)).toBe('complete');
    expect(eventsOf(midHand, 'BoardDealt').map((event) => event.street)).toEqual(['flop', 'turn', 'river']);
  });

  it('deals without burns: player i gets deck[2i], deck[2i+1], then flop, turn and river', () => {
    const setup = setupFor([1000, 1000, 1000], { holes: ['AsKd', 'QcJh', 'Tc9s'], board: '2c3d4h5s6c' });
    const started = start(setup);
    expect(eventsOf(started, 'HoleCardsDealt').map((event) => event.cards)).toEqual([
      parseCards('AsKd'),
      parseCards('QcJh'),
      parseCards('Tc9s'),
    ]);
    const played = act(started, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2));
    expect(eventsOf(played, 'BoardDealt').map((event) => event.cards)).toEqual([
      parseCards('2c3d4h'),
      parseCards('5s'),
      parseCards('6c'),
    ]);
  });
});

describe('actions and violations', () => {
  it('all-in maps to the right call, bet or raise, and is recorded resolved', () => {
    const stacks = [1000, 1000, 150];
    const raised = play(setupFor(stacks), allIn(2));
    expect(eventsOf(raised, 'PlayerRaised').at(-1)).toMatchObject({ player: 2, to: 150, allIn: true });
    const flop = play(setupFor([1000, 1000, 1000]), call(2), call(0), check(1), allIn(0));
    expect(eventsOf(flop, 'PlayerBet').at(-1)).toMatchObject({ player: 0, to: 900, allIn: true });
    const calls = play(setupFor([1000, 300, 1000]), raise(2, 1000), allIn(0), allIn(1));
    expect(eventsOf(calls, 'PlayerCalled').map((event) => [event.player, event.amount, event.allIn])).toEqual(
      [
        [0, 950, true],
        [1, 200, true],
      ],
    );
    expect(actionsOf(calls.state)).toEqual([
      { player: 2, kind: 'raise', to: 1000 },
      { player: 0, kind: 'call' },
      { player: 1, kind: 'call' },
    ]);
  });

  it('illegal actions return typed violations and leave the state unchanged', () => {
    const started = start(setupFor([1000, 1000, 1000]));
    rejects(started, call(0), 'engine/not-your-turn');
    rejects(started, { player: 7, kind: 'call' }, 'engine/unknown-player');
    rejects(started, { player: 1.5, kind: 'call' }, 'engine/unknown-player');
    rejects(started, check(2), 'engine/cannot-check');
    rejects(started, bet(2, 300), 'engine/bet-not-allowed');
    rejects(started, { player: 2, kind: 'raise' }, 'engine/amount-required');
    rejects(started, raise(2, 250.5), 'engine/amount-not-integer');
    rejects(started, raise(2, 1001), 'engine/amount-too-large');
    rejects(started, { player: 2, kind: 'shove' as 'fold' }, 'engine/unknown-action');
    const flop = act(started, call(2), call(0), check(1));
    rejects(flop, fold(0), 'engine/cannot-fold');
    rejects(flop, call(0), 'engine/nothing-to-call');
    rejects(flop, raise(0, 200), 'engine/raise-not-allowed');
    const over = act(flop, bet(0, 100), fold(1), fold(2));
    rejects(over, check(0), 'engine/hand-complete');
  });

  it('rejects invalid setups with engine/invalid-setup', () => {
    const good = setupFor([1000, 1000, 1000]);
    const bad: HandSetup[] = [
      { ...good, players: good.players.slice(0, 1) },
      { ...good, players: Array.from({ length: 11 }, (_, seat) => ({ seat, stack: 100 })) },
      { ...good, players: [...good.players.slice(0, 2), { seat: 3, stack: 0 }] },
      { ...good, players: [...good.players.slice(0, 2), { seat: 3, stack: 10.5 }] },
      { ...good, players: [...good.players.slice(0, 2), { seat: 1, stack: 100 }] },
      { ...good, deck: good.deck.slice(0, 51) },
      { ...good, deck: [...good.deck.slice(0, 51), good.deck[0]!] },
      { ...good, deck: [...good.deck.slice(0, 51), 52] },
      { ...good, blindsOrStraddles: [50, -100] },
      { ...good, blindsOrStraddles: [50, 100, 200, 400] },
      { ...good, antes: [1.5] },
      { ...good, minBet: 0 },
      { ...good, rake: { basisPoints: 10_001, capUnits: 0, noFlopNoDrop: true } },
      { ...good, rake: { basisPoints: 500, capUnits: -1, noFlopNoDrop: true } },
      // A live post from a position that posts a blind, one above the largest blind, a bad amount.
      { ...good, livePosts: [0, 100] },
      { ...good, livePosts: [0, 0, 150] },
      { ...good, livePosts: [0, 0, -100] },
      { ...good, livePosts: [0, 0, 100, 0] },
    ];
    for (const setup of bad) {
      const result = startHand(setup);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('engine/invalid-setup');
    }
    expect(startHand(good).ok).toBe(true);
  });
});

describe('visibility', () => {
  it('hole cards are dealt only to their player; every other event is for the table', () => {
    const played = play(setupFor([1000, 1000, 1000]), call(2), call(0), check(1));
    for (const event of played.events) {
      if (event.type === 'HoleCardsDealt') {
        expect(event.visibility).toEqual({ to: 'player', player: event.player });
      } else {
        expect(event.visibility).toEqual({ to: 'table' });
      }
    }
  });

  it('a view shows the viewer their own cards, shown cards after showdown, and nothing else', () => {
    const holes = ['KhKd', '4h5d', 'AhAd'];
    const setup = setupFor([1000, 1000, 1000], { holes, board: '2c7d9hJs3s' });
    const flop = play(setup, call(2), call(0), check(1));
    const mine = viewFor(flop.state, { kind: 'player', player: 1 });
    expect(mine.players.map((player) => player.holeCards)).toEqual([null, parseCards('4h5d'), null]);
    expect(mine.board).toEqual(parseCards('2c7d9h'));
    expect(mine.legal).toBeNull();
    expect(viewFor(flop.state, { kind: 'player', player: 0 }).legal).toMatchObject({ player: 0 });
    const spectator = viewFor(flop.state, { kind: 'spectator' });
    expect(spectator.players.every((player) => player.holeCards === null)).toBe(true);
    expect(spectator.legal).toBeNull();
    expect(
      viewFor(flop.state, { kind: 'player', player: 9 }).players.every((p) => p.holeCards === null),
    ).toBe(true);
    // The turn and river are not in any view until dealt.
    for (const viewer of [0, 1, 2]) {
      const json = JSON.stringify(viewFor(flop.state, { kind: 'player', player: viewer }));
      expect(json).toContain(`"board":[${parseCards('2c7d9h')!.join(',')}]`);
    }
    expect(spectator.board).toHaveLength(3);
    const done = act(flop, ...checksAround(0, 1, 2, 0, 1, 2, 0, 1, 2));
    const after = viewFor(done.state, { kind: 'spectator' });
    // Position 0 shows first, position 1 is beaten and mucks, position 2 shows.
    expect(after.players.map((player) => player.holeCards)).toEqual([
      parseCards('KhKd'),
      null,
      parseCards('AhAd'),
    ]);
    expect(after.result?.shown).toEqual([parseCards('KhKd'), null, parseCards('AhAd')]);
  });
});

describe('Pot-Limit Omaha', () => {
  const omaha = (stacks: readonly number[], options: SetupOptions = {}) =>
    setupFor(stacks, { variant: 'PO', ...options });

  it('deals four hole cards each, and the board after them', () => {
    const holes = ['AsAhKsKh', 'QdQcJdJc', '9h9d8h8d'];
    const played = start(omaha([1000, 1000, 1000], { holes, board: '2c7d9sTs3h' }));
    const dealt = eventsOf(played, 'HoleCardsDealt');
    expect(dealt.map((event) => event.cards)).toEqual(holes.map((hole) => parseCards(hole)));
    const done = act(played, call(2), call(0), check(1), ...checksAround(0, 1, 2, 0, 1, 2, 0, 1, 2));
    expect(viewFor(done.state, { kind: 'spectator' }).board).toEqual(parseCards('2c7d9sTs3h'));
  });

  it('the largest opening raise before the flop is the pot: the call, then the pot after it', () => {
    // Blinds 50/100: the first to act calls 100, the pot is then 250, so the raise is to 350.
    const played = start(omaha([10_000, 10_000, 10_000]));
    expect(legalActions(played.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 200, maxTo: 350 });
    rejects(played, raise(2, 351), 'engine/amount-too-large');
    expect(act(played, raise(2, 350)).state).toBeDefined();
  });

  it('the largest raise facing a bet and a raise counts every bet on the table and the call', () => {
    // Flop pot 300; position 0 bets 100, position 1 raises to 400. Position 2 may call 400; the pot
    // is then 300 + 100 + 400 + 400 = 1200, so the raise goes to 400 + 1200 = 1600.
    const flop = play(omaha([10_000, 10_000, 10_000]), call(2), call(0), check(1));
    const raised = act(flop, bet(0, 100), raise(1, 400));
    expect(legalActions(raised.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 700, maxTo: 1600 });
    // The first bettor, facing the raise, counts their own 100 in: call 300 more, pot 1600, to 1900.
    const called = act(raised, call(2));
    expect(legalActions(called.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 700, maxTo: 1900 });
  });

  it('the pot limit counts the antes and a straddle', () => {
    // Antes 10 each (40 in the middle), blinds 50/100 and a straddle of 200 by position 2. The next
    // player calls 200; the pot is then 40 + 50 + 100 + 200 + 200 = 590: the raise is to 790.
    const played = start(
      omaha([10_000, 10_000, 10_000, 10_000], { antes: [10, 10, 10, 10], blinds: [50, 100, 200] }),
    );
    expect(legalActions(played.state)).toMatchObject({ player: 3, callAmount: 200 });
    expect(legalActions(played.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 400, maxTo: 790 });
  });

  it('heads-up: the button completes the small blind and may raise to three big blinds', () => {
    // The button (position 1) posted 50 of the 100: call 50, pot 200, raise to 300.
    const played = start(omaha([10_000, 10_000]));
    expect(legalActions(played.state)).toMatchObject({ player: 1, callAmount: 50 });
    expect(legalActions(played.state)?.betOrRaise).toEqual({ kind: 'raise', minTo: 200, maxTo: 300 });
  });

  it('all-in is refused above the pot limit, and offered when the stack is within it', () => {
    const deep = start(omaha([10_000, 10_000, 10_000]));
    expect(legalActions(deep.state)?.canAllIn).toBe(false);
    rejects(deep, allIn(2), 'engine/amount-too-large');
    const short = start(omaha([10_000, 10_000, 300]));
    expect(legalActions(short.state)).toMatchObject({ canAllIn: true, betOrRaise: { maxTo: 300 } });
    expect(eventsOf(act(short, allIn(2)), 'PlayerRaised')).toEqual([
      expect.objectContaining({ player: 2, to: 300, allIn: true }),
    ]);
  });

  /** Plays a two-player hand checked down on `board` and returns who won the pot. */
  function winnersOf(holes: readonly string[], board: string): number[] {
    const done = play(
      omaha([1000, 1000], { holes, board }),
      call(1),
      check(0),
      ...checksAround(0, 1, 0, 1, 0, 1),
    );
    return resultOf(done).pots[0]!.winners.map((share) => share.player);
  }

  it('a flush on the board with one suited hole card is no flush: two hole cards are needed', () => {
    // Board of five hearts. Position 0 holds one heart (the ace): no flush, only a pair of kings
    // from KK with three board cards. Position 1 holds two small hearts: a flush.
    expect(winnersOf(['AhKsKd2c', '3h2h4c5d'], 'QhTh8h6h9h')).toEqual([1]);
  });

  it('a four-straight on the board needs two hole cards that fit it', () => {
    // Board 5-6-7-8-K: position 0 has a single 9 with its aces (no straight: a nine and one more
    // hole card cannot fill it), so only a pair of aces; position 1 holds 9-T, which with 6-7-8 makes
    // the ten-high straight.
    expect(winnersOf(['9cAsAdQc', '9dTdJcJd'], '5h6d7c8sKh')).toEqual([1]);
  });

  it('a pair on the board with trips in hand: two of the three hole cards, and three of the board', () => {
    // Position 0 holds three aces; board A? no: board 7-7-K-2-4. Aces use two hole cards and three
    // board cards: A-A-7-7-K, two pair, not a full house. Position 1 with K-K makes K-K-K-7-7.
    expect(winnersOf(['AsAhAdQc', 'KsKd3c5d'], '7h7cKh2d4s')).toEqual([1]);
  });
});

describe('the runout: all-in hands face up, and the board run once or twice', () => {
  const paused = (options: SetupOptions = {}) =>
    setupFor([1000, 1000, 1000], { pauseForRunout: true, runItTwice: true, ...options });

  it('stops when betting is over with cards to come, every hand face up, and waits for runOut', () => {
    const holes = ['AsAh', 'KsKh', '7c2d'];
    const allIn = play(paused({ holes, board: '2c7d9hJs3s' }), raise(2, 1000), call(0), call(1));
    expect(isAwaitingRunout(allIn.state)).toBe(true);
    expect(playerToAct(allIn.state)).toBeNull();
    expect(handResult(allIn.state)).toBeNull();
    const view = viewFor(allIn.state, { kind: 'spectator' });
    expect(view.runout).toEqual({ runItTwice: true });
    expect(view.board).toEqual([]);
    expect(view.players.map((player) => player.holeCards)).toEqual(holes.map((hole) => parseCards(hole)));
    expect(eventsOf(allIn, 'RunoutPending')).toHaveLength(1);
    // Nobody may act while it waits; running twice is refused where the table does not allow it.
    expect(applyAction(allIn.state, check(0)).ok).toBe(false);
    const once = play(
      paused({ holes, board: '2c7d9hJs3s', runItTwice: false }),
      raise(2, 1000),
      call(0),
      call(1),
    );
    expect(runOut(once.state, 2)).toMatchObject({ ok: false, error: { code: 'engine/invalid-runs' } });
  });

  it('runs twice from the next deck positions, halves each pot (the odd chip to the first run)', () => {
    // Heads-up all-in preflop for 1000 each, plus a 1-chip ante from the big blind (position 0,
    // PHH's second ante entry heads-up): pot 2001.
    // Run one (deck after the hole cards) gives position 1 a pair of kings with the board's king;
    // run two (the next five cards) gives position 0 the aces. Each wins one half.
    const setup = setupFor([1001, 1000], {
      holes: ['AsAh', 'KsKh'],
      board: 'Kd2c7d9s3h' + 'Qc4h8d5c6s',
      antes: [0, 1],
      pauseForRunout: true,
      runItTwice: true,
    });
    const allIn = play(setup, raise(1, 1000), call(0));
    expect(isAwaitingRunout(allIn.state)).toBe(true);
    const ran = runOut(allIn.state, 2);
    if (!ran.ok) throw new Error(ran.error.message);
    const result = handResult(ran.value.state)!;
    expect(result.secondBoard).toEqual(parseCards('Qc4h8d5c6s'));
    expect(viewFor(ran.value.state, { kind: 'spectator' }).board).toEqual(parseCards('Kd2c7d9s3h'));
    const pot = result.pots[0]!;
    expect(pot.amount).toBe(2001);
    expect(pot.runs).toEqual([
      { amount: 1001, winners: [{ player: 1, amount: 1001 }] },
      { amount: 1000, winners: [{ player: 0, amount: 1000 }] },
    ]);
    expect(result.finalStacks).toEqual([1000, 1001]);
    expect(ran.value.events.filter((event) => event.type === 'BoardDealt' && event.run === 2)).toHaveLength(
      3,
    );
  });

  it('a second run shares the cards dealt before the all-in and deals only the rest again', () => {
    // All-in on the flop: both runs share the flop; run two's turn and river are the two deck
    // positions after run one's river.
    const setup = setupFor([1000, 1000], {
      holes: ['AsAh', 'KsKh'],
      board: 'Kd2c7d' + '9s3h' + 'Qc4h',
      pauseForRunout: true,
      runItTwice: true,
    });
    const flop = play(setup, call(1), check(0));
    const allIn = act(flop, bet(0, 900), call(1));
    const ran = runOut(allIn.state, 2);
    if (!ran.ok) throw new Error(ran.error.message);
    expect(handResult(ran.value.state)!.secondBoard).toEqual(parseCards('Kd2c7dQc4h'));
  });

  it('runs once when asked, dealing as an ordinary runout would', () => {
    const holes = ['AsAh', 'KsKh', '7c2d'];
    const board = '2c7d9hJs3s';
    const allIn = play(paused({ holes, board }), raise(2, 1000), call(0), call(1));
    const ran = runOut(allIn.state, 1);
    if (!ran.ok) throw new Error(ran.error.message);
    const straight = play(setupFor([1000, 1000, 1000], { holes, board }), raise(2, 1000), call(0), call(1));
    expect(handResult(ran.value.state)).toEqual(handResult(straight.state));
    expect(runOut(ran.value.state, 1)).toMatchObject({
      ok: false,
      error: { code: 'engine/no-runout-pending' },
    });
  });
});
