import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../src/engine/cards.js';
import {
  applyAction,
  handResult,
  isAwaitingRunout,
  legalActions,
  playerToAct,
  runOut,
  startHand,
  viewFor,
} from '../../src/engine/hand.js';
import {
  type ActionKind,
  type GameVariant,
  type HandEvent,
  type HandResult,
  type HandSetup,
  type HandState,
  type HandView,
  HOLE_CARDS,
  type LegalActions,
  type PlayerAction,
  type Viewer,
} from '../../src/engine/hand-types.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

/** Generous: a hand of ten players rarely needs more than a hundred actions. */
const MAX_ACTIONS_PER_HAND = 2000;
const RUNS = 300;

type AnteKind = 'none' | 'uniform' | 'big-blind';

interface HandParams {
  readonly setup: HandSetup;
  readonly anteKind: AnteKind;
  readonly ante: number;
  readonly actionSeed: number;
}

/** Ragged stacks (short ones are common) so that multi-way all-ins and side pots happen often. */
const stackArb = fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 100, max: 3000 }));

const handArb: fc.Arbitrary<HandParams> = fc
  .record({
    /** Both games, and the all-in runout paused (a table's way) or run at once, once or twice. */
    variant: fc.constantFrom<GameVariant>('NT', 'PO'),
    pauseForRunout: fc.boolean(),
    runItTwice: fc.boolean(),
    playerCount: fc.integer({ min: 2, max: 10 }),
    stacks: fc.array(stackArb, { minLength: 10, maxLength: 10 }),
    smallBlind: fc.integer({ min: 0, max: 25 }),
    bigBlind: fc.integer({ min: 1, max: 50 }),
    straddle: fc.boolean(),
    /** A position that posts a live big blind out of position (none when it holds a blind). */
    livePost: fc.integer({ min: 0, max: 9 }),
    anteKind: fc.constantFrom<AnteKind>('none', 'uniform', 'big-blind'),
    ante: fc.integer({ min: 1, max: 20 }),
    minBet: fc.integer({ min: 1, max: 60 }),
    basisPoints: fc.integer({ min: 0, max: 1000 }),
    capUnits: fc.integer({ min: 0, max: 300 }),
    noFlopNoDrop: fc.boolean(),
    deckSeed: fc.integer(),
    actionSeed: fc.integer(),
  })
  .map((p) => {
    const n = p.playerCount;
    const blinds = [p.smallBlind, p.bigBlind];
    if (p.straddle && n >= 4) blinds.push(2 * p.bigBlind);
    const antes =
      p.anteKind === 'none' ? [] : p.anteKind === 'uniform' ? new Array<number>(n).fill(p.ante) : [0, p.ante];
    const rand = seededRandom(p.deckSeed);
    const posting = p.livePost >= blinds.length && p.livePost < n;
    const livePosts = Array.from({ length: n }, (_, i) => (posting && i === p.livePost ? p.bigBlind : 0));
    return {
      setup: {
        variant: p.variant,
        pauseForRunout: p.pauseForRunout,
        runItTwice: p.runItTwice,
        players: p.stacks.slice(0, n).map((stack, i) => ({ seat: i + 1, stack })),
        antes,
        blindsOrStraddles: blinds,
        ...(posting && { livePosts }),
        minBet: p.minBet,
        rake: { basisPoints: p.basisPoints, capUnits: p.capUnits, noFlopNoDrop: p.noFlopNoDrop },
        deck: shuffleDeck((max) => seededInt(rand, max)),
      },
      anteKind: p.anteKind,
      ante: p.ante,
      actionSeed: p.actionSeed,
    };
  });

const KINDS: readonly ActionKind[] = ['fold', 'check', 'call', 'bet', 'raise', 'all-in'];

/** A legal action: uniform over fold, check or call, a min bet or raise, a random size, all-in. */
function legalChoice(legal: LegalActions, rand: () => number): PlayerAction {
  const player = legal.player;
  const options: PlayerAction[] = [];
  if (legal.canFold) options.push({ player, kind: 'fold' });
  options.push(legal.canCheck ? { player, kind: 'check' } : { player, kind: 'call' });
  const range = legal.betOrRaise;
  if (range !== null) {
    options.push({ player, kind: range.kind, to: range.minTo });
    options.push({
      player,
      kind: range.kind,
      to: range.minTo + seededInt(rand, range.maxTo - range.minTo + 1),
    });
    options.push({ player, kind: 'all-in' });
  }
  return options[seededInt(rand, options.length)]!;
}

/** Anything at all: wrong players, unknown kinds, odd amounts. Often illegal, sometimes legal. */
function wildChoice(playerCount: number, rand: () => number): PlayerAction {
  const player = seededInt(rand, playerCount + 2) - 1;
  const kind = seededInt(rand, 8) === 0 ? ('pass' as ActionKind) : KINDS[seededInt(rand, KINDS.length)]!;
  const amounts = [undefined, -5, 0, 1.5, Number.NaN, 10 ** 17, seededInt(rand, 4000)];
  return { player, kind, to: amounts[seededInt(rand, amounts.length)] as number };
}

/** The largest street total so far: what a player must match to stay in. */
function currentBetOf(view: HandView): number {
  return Math.max(...view.players.map((player) => player.streetCommitted));
}

/**
 * Whether someone other than `player` could answer a bet or raise: a player still holding cards
 * whose stack and street total together exceed the current bet (all-in and covered players cannot).
 */
function someoneElseCanPutInMore(view: HandView, player: number): boolean {
  const currentBet = currentBetOf(view);
  return view.players.some(
    (other, i) => i !== player && !other.folded && other.stack + other.streetCommitted > currentBet,
  );
}

/** Whether legalActions says the action is legal: applyAction must agree. */
function expectedLegal(state: HandState, action: PlayerAction): boolean {
  const legal = legalActions(state);
  if (legal === null || action.player !== legal.player) return false;
  const view = viewFor(state, { kind: 'spectator' });
  const stack = view.players[legal.player]!.stack;
  const range = legal.betOrRaise;
  const inRange =
    range !== null &&
    Number.isSafeInteger(action.to) &&
    action.to! >= range.minTo &&
    action.to! <= range.maxTo;
  switch (action.kind) {
    case 'fold':
      return legal.canFold;
    case 'check':
      return legal.canCheck;
    case 'call':
      return legal.callAmount !== null;
    case 'bet':
      return range?.kind === 'bet' && inRange;
    case 'raise':
      return range?.kind === 'raise' && inRange;
    case 'all-in': {
      // A bet or raise nobody could answer is refused; all-in is then the call (or the check). In
      // Pot-Limit Omaha, a stack above the pot limit cannot go all-in by raising.
      const allInTo = view.players[legal.player]!.streetCommitted + stack;
      const raisesAllIn = range !== null && allInTo <= range.maxTo;
      return raisesAllIn || legal.callAmount === stack || !someoneElseCanPutInMore(view, legal.player);
    }
    default:
      return false;
  }
}

/** One step of a hand: a player's action, or the board run out (once or twice) at a paused runout. */
type Move = { readonly action: PlayerAction } | { readonly runs: 1 | 2 };

interface PlayedHand {
  readonly states: HandState[];
  readonly events: HandEvent[];
  /** The moves that led from the first state to each next one, in order. */
  readonly moves: Move[];
  readonly final: HandState;
}

/** Hole cards per player in this setup's game. */
function holeCountOf(setup: HandSetup): number {
  return HOLE_CARDS[setup.variant ?? 'NT'];
}

function startTotal(setup: HandSetup): number {
  return setup.players.reduce((sum, player) => sum + player.stack, 0);
}

/** Checks what must hold in every state: no negative amounts, every chip accounted for. */
function checkState(state: HandState, setup: HandSetup): void {
  const view = viewFor(state, { kind: 'spectator' });
  let chips = 0;
  for (const player of view.players) {
    expect(player.stack).toBeGreaterThanOrEqual(0);
    expect(player.streetCommitted).toBeGreaterThanOrEqual(0);
    expect(player.totalCommitted).toBeGreaterThanOrEqual(player.streetCommitted);
    chips += player.stack + player.totalCommitted;
  }
  const result = handResult(state);
  if (result === null) {
    expect(chips).toBe(startTotal(setup));
  } else {
    const finalTotal = result.finalStacks.reduce((sum, stack) => sum + stack, 0);
    expect(finalTotal + result.rakeTotal).toBe(startTotal(setup));
    expect(result.finalStacks).toEqual(view.players.map((player) => player.stack));
  }
}

function playHand(params: HandParams): PlayedHand {
  const { setup } = params;
  const started = startHand(setup);
  if (!started.ok) throw new Error(`valid setup rejected: ${started.error.message}`);
  const rand = seededRandom(params.actionSeed);
  const states: HandState[] = [started.value.state];
  const events: HandEvent[] = [...started.value.events];
  const moves: Move[] = [];
  let state = started.value.state;
  checkState(state, setup);
  let attempts = 0;
  for (;;) {
    if (isAwaitingRunout(state)) {
      const runs = setup.runItTwice && rand() < 0.5 ? 2 : 1;
      const ran = runOut(state, runs);
      if (!ran.ok) throw new Error(`runout refused: ${ran.error.code}`);
      state = ran.value.state;
      states.push(state);
      events.push(...ran.value.events);
      moves.push({ runs });
      checkState(state, setup);
      continue;
    }
    if (playerToAct(state) === null) break;
    attempts++;
    if (attempts > MAX_ACTIONS_PER_HAND) throw new Error('the hand did not end');
    const legal = legalActions(state)!;
    const action = rand() < 0.3 ? wildChoice(setup.players.length, rand) : legalChoice(legal, rand);
    const shouldBeLegal = expectedLegal(state, action);
    const before = JSON.stringify(state);
    const applied = applyAction(state, action);
    expect(applied.ok).toBe(shouldBeLegal);
    if (!applied.ok) {
      expect(applied.error.code).toMatch(/^engine\//);
      expect(JSON.stringify(state)).toBe(before);
      continue;
    }
    expect(JSON.stringify(state)).toBe(before);
    state = applied.value.state;
    states.push(state);
    events.push(...applied.value.events);
    moves.push({ action });
    checkState(state, setup);
  }
  expect(handResult(state)).not.toBeNull();
  return { states, events, moves, final: state };
}

/** Position i's ante as the table sets it (heads-up, PHH's reversed assignment). */
function nominalAnte(params: HandParams, position: number): number {
  const n = params.setup.players.length;
  if (params.anteKind === 'uniform') return params.ante;
  if (params.anteKind === 'big-blind') return position === (n === 2 ? 0 : 1) ? params.ante : 0;
  return 0;
}

/**
 * The expected pots, computed naively and independently of src/engine/pots.ts: one pot per distinct
 * contribution of a player still holding cards, on the scale where every player who was not all-in
 * on the ante counts as having matched the largest ante.
 */
function expectedPots(
  params: HandParams,
  played: PlayedHand,
  final: HandView,
): { amount: number; eligible: number[] }[] {
  const n = final.players.length;
  const posted = new Array<number>(n).fill(0);
  for (const event of played.events) if (event.type === 'AntePosted') posted[event.player] = event.amount;
  const anteRound = Math.max(0, ...posted);
  const live = final.players.map((player, i) => player.totalCommitted - posted[i]!);
  const capped = posted.map((amount, i) => amount < nominalAnte(params, i));
  const matched = live.map((amount, i) => (capped[i] ? posted[i]! : anteRound + amount));
  const holding = final.players.map((player) => !player.folded);
  const levels = [...new Set(matched.filter((_, i) => holding[i]))].sort((a, b) => a - b);
  const pots: { amount: number; eligible: number[] }[] = [];
  let floor = 0;
  for (const level of levels) {
    let amount = 0;
    for (let i = 0; i < n; i++) {
      for (let unit = floor; unit < level; unit++) {
        const inAnte = unit < posted[i]!;
        const inLive = unit >= anteRound && unit < anteRound + live[i]!;
        if (inAnte) amount++;
        if (inLive) amount++;
      }
    }
    const eligible = [...Array(n).keys()].filter((i) => holding[i] && matched[i]! >= level);
    if (amount > 0) pots.push({ amount, eligible });
    floor = level;
  }
  const total = final.players.reduce((sum, player) => sum + player.totalCommitted, 0);
  const counted = pots.reduce((sum, pot) => sum + pot.amount, 0);
  if (pots.length > 0) pots[pots.length - 1]!.amount += total - counted;
  return pots;
}

function replay(setup: HandSetup, moves: readonly Move[]): { state: HandState; events: HandEvent[] } {
  const started = startHand(setup);
  if (!started.ok) throw new Error('setup rejected on replay');
  let state = started.value.state;
  const events = [...started.value.events];
  for (const move of moves) {
    const applied = 'runs' in move ? runOut(state, move.runs) : applyAction(state, move.action);
    if (!applied.ok) throw new Error(`replayed move rejected: ${applied.error.code}`);
    state = applied.value.state;
    events.push(...applied.value.events);
  }
  return { state, events };
}

function viewersOf(playerCount: number): Viewer[] {
  return [
    { kind: 'spectator' },
    ...Array.from({ length: playerCount }, (_, player) => ({ kind: 'player' as const, player })),
  ];
}

/**
 * A deck that differs from `deck` only in cards `viewer` cannot know: other players' hole cards and
 * undealt cards (except those in `keep`), shuffled among themselves.
 */
function reshuffleHidden(
  deck: readonly Card[],
  playerCount: number,
  holeCount: number,
  boardCount: number,
  viewer: Viewer,
  keep: Set<number>,
  rand: () => number,
): Card[] {
  const hidden: number[] = [];
  const boardStart = holeCount * playerCount;
  for (let index = 0; index < deck.length; index++) {
    const holeOf = index < boardStart ? Math.floor(index / holeCount) : -1;
    const isOwn = viewer.kind === 'player' && holeOf === viewer.player;
    const isBoard = index >= boardStart && index < boardStart + boardCount;
    if (!isOwn && !isBoard && !keep.has(index)) hidden.push(index);
  }
  const cards = hidden.map((index) => deck[index]!);
  const shuffled = shuffleDeck((max) => seededInt(rand, max));
  const order = shuffled.filter((i) => i < cards.length);
  const next = deck.slice();
  hidden.forEach((index, k) => {
    next[index] = cards[order[k]!]!;
  });
  return next;
}

function viewJson(state: HandState, viewer: Viewer): string {
  return JSON.stringify(viewFor(state, viewer));
}

describe('engine properties (random hands, legal and illegal actions)', () => {
  it('conserves chips, never goes negative, ends every hand, and agrees with legalActions', () => {
    fc.assert(
      fc.property(handArb, (params) => {
        playHand(params);
      }),
      { numRuns: RUNS },
    );
  });

  it('forms pots from contributions: eligible = contributed to that level and did not fold', () => {
    let sidePots = 0;
    fc.assert(
      fc.property(handArb, (params) => {
        const played = playHand(params);
        const final = viewFor(played.final, { kind: 'spectator' });
        const result = handResult(played.final)!;
        const expected = expectedPots(params, played, final);
        expect(result.pots.map((pot) => ({ amount: pot.amount, eligible: [...pot.eligible] }))).toEqual(
          expected,
        );
        for (const pot of result.pots) {
          expect(pot.winners.reduce((sum, share) => sum + share.amount, 0) + pot.rake).toBe(pot.amount);
          for (const share of pot.winners) expect(pot.eligible).toContain(share.player);
        }
        if (result.pots.length > 1) sidePots++;
      }),
      { numRuns: RUNS },
    );
    // The generator is meant to produce side pots often; make sure it does.
    expect(sidePots).toBeGreaterThan(RUNS / 10);
  });

  it('offers a bet or raise only when another player still in the hand can put in more than the current bet', () => {
    let uncallable = 0;
    fc.assert(
      fc.property(handArb, (params) => {
        for (const state of playHand(params).states) {
          const legal = legalActions(state);
          if (legal === null) continue;
          const view = viewFor(state, { kind: 'spectator' });
          const answerable = someoneElseCanPutInMore(view, legal.player);
          if (legal.betOrRaise !== null) expect(answerable).toBe(true);
          const own = view.players[legal.player]!;
          if (!answerable && own.stack + own.streetCommitted > currentBetOf(view)) {
            // Chips enough to raise, and nobody to answer: call (or check) and fold only.
            uncallable++;
            expect(legal.betOrRaise).toBeNull();
            expect(legal.canCheck || legal.callAmount !== null).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
    // Ragged stacks make the case common; make sure the property was put to the test.
    expect(uncallable).toBeGreaterThan(RUNS / 20);
  });

  it('in Pot-Limit Omaha, offers raises up to the pot and no further; in No-Limit, up to all-in', () => {
    let potLimited = 0;
    fc.assert(
      fc.property(handArb, (params) => {
        for (const state of playHand(params).states) {
          const legal = legalActions(state);
          if (legal?.betOrRaise == null) continue;
          const view = viewFor(state, { kind: 'spectator' });
          const own = view.players[legal.player]!;
          const allInTo = own.stack + own.streetCommitted;
          if (params.setup.variant !== 'PO') {
            expect(legal.betOrRaise.maxTo).toBe(allInTo);
            continue;
          }
          // The pot as if the player had called: everything in the middle and on the table, and the call.
          const toCall = Math.max(0, currentBetOf(view) - own.streetCommitted);
          const inPlay = view.players.reduce((sum, player) => sum + player.totalCommitted, 0);
          const potLimitTo = own.streetCommitted + toCall + inPlay + toCall;
          expect(legal.betOrRaise.maxTo).toBe(Math.min(allInTo, potLimitTo));
          if (potLimitTo < allInTo) potLimited++;
        }
      }),
      { numRuns: RUNS },
    );
    expect(potLimited).toBeGreaterThan(RUNS / 10);
  });

  it('runs a board twice by halves: the first run takes the odd chip, and every chip is awarded', () => {
    let twice = 0;
    fc.assert(
      fc.property(handArb, (params) => {
        const result = handResult(playHand(params).final)!;
        for (const pot of result.pots) {
          if (!pot.runs) continue;
          twice++;
          expect(pot.runs).toHaveLength(2);
          const first = pot.runs[0]!;
          const second = pot.runs[1]!;
          expect(first.amount + second.amount).toBe(pot.amount - pot.rake);
          expect(first.amount - second.amount).toBeGreaterThanOrEqual(0);
          expect(first.amount - second.amount).toBeLessThanOrEqual(1);
          for (const run of pot.runs)
            expect(run.winners.reduce((sum, share) => sum + share.amount, 0)).toBe(run.amount);
          expect(result.secondBoard).toHaveLength(5);
        }
      }),
      { numRuns: RUNS },
    );
    expect(twice).toBeGreaterThan(RUNS / 50);
  });

  it('is deterministic: the same setup and actions give the same events and result', () => {
    fc.assert(
      fc.property(handArb, (params) => {
        const played = playHand(params);
        const again = replay(params.setup, played.moves);
        expect(JSON.stringify(again.events)).toBe(JSON.stringify(played.events));
        expect(JSON.stringify(handResult(again.state))).toBe(JSON.stringify(handResult(played.final)));
        for (const viewer of viewersOf(params.setup.players.length)) {
          expect(viewJson(again.state, viewer)).toBe(viewJson(played.final, viewer));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never shows a viewer cards they may not know', () => {
    fc.assert(
      fc.property(handArb, fc.integer(), (params, seed) => {
        const played = playHand(params);
        const rand = seededRandom(seed);
        const n = params.setup.players.length;
        const holeCount = holeCountOf(params.setup);
        const boardStart = holeCount * n;
        const result: HandResult = handResult(played.final)!;
        // 1. Field by field, in every state and for every viewer.
        played.states.forEach((state) => {
          const complete = handResult(state) !== null;
          // At a paused runout every hand still in is face up, as it stays at the showdown.
          const faceUp = complete || isAwaitingRunout(state);
          for (const viewer of viewersOf(n)) {
            const view = viewFor(state, viewer);
            view.players.forEach((player, i) => {
              const own = viewer.kind === 'player' && viewer.player === i;
              const hole = params.setup.deck.slice(holeCount * i, holeCount * i + holeCount);
              if (own) expect(player.holeCards).toEqual(hole);
              else if (faceUp && result.shown[i] !== null) expect(player.holeCards).toEqual(result.shown[i]);
              else expect(player.holeCards).toBeNull();
            });
            expect(view.board).toEqual(params.setup.deck.slice(boardStart, boardStart + view.board.length));
            if (viewer.kind !== 'player' || viewer.player !== view.toAct) expect(view.legal).toBeNull();
          }
        });
        // 2. Non-interference: changing only the cards a viewer cannot know must not change their
        // view, in any state before the showdown (and at the end, for cards nobody saw).
        const index = seededInt(rand, played.states.length);
        const state = played.states[index]!;
        const boardCount = viewFor(state, { kind: 'spectator' }).board.length;
        const faceUp = handResult(state) !== null || isAwaitingRunout(state);
        const wentToShowdown = played.events.some(
          (event) => event.type === 'CardsShown' || event.type === 'CardsMucked',
        );
        if (faceUp && wentToShowdown) return;
        for (const viewer of viewersOf(n)) {
          const deck = reshuffleHidden(params.setup.deck, n, holeCount, boardCount, viewer, new Set(), rand);
          const other = replay({ ...params.setup, deck }, played.moves.slice(0, index));
          expect(viewJson(other.state, viewer)).toBe(viewJson(state, viewer));
          const visible = other.events.filter(
            (event) =>
              event.visibility.to === 'table' ||
              (viewer.kind === 'player' && event.visibility.player === viewer.player),
          );
          const original = replay(params.setup, played.moves.slice(0, index)).events.filter(
            (event) =>
              event.visibility.to === 'table' ||
              (viewer.kind === 'player' && event.visibility.player === viewer.player),
          );
          expect(JSON.stringify(visible)).toBe(JSON.stringify(original));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
