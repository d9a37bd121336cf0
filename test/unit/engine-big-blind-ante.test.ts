import { describe, expect, it } from 'vitest';
import { applyAction, handResult, legalActions, startHand, viewFor } from '../../src/engine/hand.js';
import type { HandEvent, HandSetup, HandState, PlayerAction } from '../../src/engine/hand-types.js';
import { exportPhh } from '../../src/engine/phh/phh-export.js';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';
import { Money } from '../../src/money/index.js';
import { fixedDeck } from '../support/fixed-deck.js';

/**
 * The big-blind ante (TDA): the big blind antes for the whole table. With `blindBeforeAnte`, a big
 * blind short of both posts the blind first and the ante from what is left (TDA 2019); without it,
 * the ante comes first (PHH's and PokerKit's order).
 */

const FILLER = ['2c3d', '2d4c', '3c5d', '2h6c', '3h4d', '5c6d'];

function bbaSetup(
  stacks: readonly number[],
  options: { blindBeforeAnte?: boolean; holes?: readonly string[]; antes?: readonly number[] } = {},
): HandSetup {
  return {
    players: stacks.map((stack, position) => ({ seat: position + 1, stack })),
    antes: options.antes ?? [0, 1000],
    blindsOrStraddles: [500, 1000],
    ...(options.blindBeforeAnte !== undefined && { blindBeforeAnte: options.blindBeforeAnte }),
    minBet: 1000,
    rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
    deck: fixedDeck(options.holes ?? FILLER.slice(0, stacks.length), '2s7h9dJcQs'),
  };
}

interface Played {
  readonly state: HandState;
  readonly events: HandEvent[];
}

function play(setup: HandSetup, ...actions: PlayerAction[]): Played {
  const started = startHand(setup);
  if (!started.ok) throw new Error(started.error.message);
  let state = started.value.state;
  const events = [...started.value.events];
  for (const action of actions) {
    const applied = applyAction(state, action);
    if (!applied.ok) throw new Error(`${JSON.stringify(action)}: ${applied.error.code}`);
    state = applied.value.state;
    events.push(...applied.value.events);
  }
  return { state, events };
}

function posts(played: Played): { antes: number[][]; blinds: number[][] } {
  const pairs = (type: 'AntePosted' | 'BlindPosted') =>
    played.events.flatMap((event) => (event.type === type ? [[event.player, event.amount]] : []));
  return { antes: pairs('AntePosted'), blinds: pairs('BlindPosted') };
}

describe('big-blind ante', () => {
  it('a big blind with enough for both posts the blind and the whole ante, either order', () => {
    for (const blindBeforeAnte of [false, true]) {
      const played = play(bbaSetup([10_000, 10_000, 10_000], { blindBeforeAnte }));
      expect(posts(played)).toEqual({
        antes: [[1, 1000]],
        blinds: [
          [0, 500],
          [1, 1000],
        ],
      });
      // The ante is dead: the first player still owes one big blind to call.
      expect(legalActions(played.state)).toMatchObject({ player: 2, callAmount: 1000 });
    }
  });

  it('blind first (TDA): a big blind short of both posts the full blind, then what is left as ante', () => {
    const played = play(bbaSetup([10_000, 1500, 10_000], { blindBeforeAnte: true }));
    expect(posts(played)).toEqual({
      antes: [[1, 500]],
      blinds: [
        [0, 500],
        [1, 1000],
      ],
    });
    expect(legalActions(played.state)).toMatchObject({ player: 2, callAmount: 1000 });
  });

  it('blind first: a big blind short of the blind posts all of it as blind, and no ante', () => {
    const played = play(bbaSetup([10_000, 800, 10_000], { blindBeforeAnte: true }));
    expect(posts(played)).toEqual({
      antes: [],
      blinds: [
        [0, 500],
        [1, 800],
      ],
    });
    // The big blind is all-in for 800: that is what the others call (as with any short blind).
    expect(legalActions(played.state)).toMatchObject({ player: 2, callAmount: 800 });
  });

  it('ante first (the default): the ante takes the stack first and the blind gets the rest', () => {
    const short = play(bbaSetup([10_000, 1500, 10_000]));
    expect(posts(short)).toEqual({
      antes: [[1, 1000]],
      blinds: [
        [0, 500],
        [1, 500],
      ],
    });
    const shorter = play(bbaSetup([10_000, 800, 10_000]));
    expect(posts(shorter)).toEqual({ antes: [[1, 800]], blinds: [[0, 500]] });
  });

  it('heads-up, blind first: the big blind (position 0) posts its blind, then the ante', () => {
    const played = play(bbaSetup([1500, 10_000], { blindBeforeAnte: true }));
    expect(posts(played).antes).toEqual([[0, 500]]);
    expect(posts(played).blinds).toEqual([
      [1, 500],
      [0, 1000],
    ]);
  });

  it('blind first: the short big blind may win its short ante and every matched blind', () => {
    const stacks = [10_000, 1500, 10_000];
    const setup = bbaSetup(stacks, { blindBeforeAnte: true, holes: ['4h5d', 'AhAd', 'KhKd'] });
    const played = play(setup, { player: 2, kind: 'call' }, { player: 0, kind: 'fold' });
    const result = handResult(played.state);
    if (!result) throw new Error('the hand did not end');
    // 500 ante + the folded 500 small blind + 1000 from each of the other two: one pot.
    expect(result.pots).toEqual([
      { amount: 3000, rake: 0, eligible: [1, 2], winners: [{ player: 1, amount: 3000 }] },
    ]);
    expect(result.finalStacks).toEqual([9500, 3000, 9000]);
    expect(result.finalStacks.reduce((sum, stack) => sum + stack, 0)).toBe(21_500);
  });

  it('blind first: a big blind whose blind took everything competes for the blinds only', () => {
    const stacks = [10_000, 800, 10_000];
    const setup = bbaSetup(stacks, { blindBeforeAnte: true, holes: ['4h5d', 'AhAd', 'KhKd'] });
    const played = play(setup, { player: 2, kind: 'call' }, { player: 0, kind: 'fold' });
    const result = handResult(played.state);
    if (!result) throw new Error('the hand did not end');
    // No ante at all: 800 from each of the two still in, and the folded small blind's 500.
    expect(result.pots).toEqual([
      { amount: 2100, rake: 0, eligible: [1, 2], winners: [{ player: 1, amount: 2100 }] },
    ]);
    expect(result.finalStacks).toEqual([9500, 2100, 9200]);
    expect(viewFor(played.state, { kind: 'spectator' }).players[1]!.stack).toBe(2100);
  });

  it('refuses the blind-first order unless a single position antes', () => {
    const started = startHand(bbaSetup([1000, 1000, 1000], { blindBeforeAnte: true, antes: [10, 10, 10] }));
    expect(started.ok).toBe(false);
    if (!started.ok) expect(started.error.code).toBe('engine/invalid-setup');
  });

  it('the hand history carries the order in _blind_before_ante and replays to the same stacks', () => {
    const stacks = [10_000, 1500, 10_000];
    const setup = bbaSetup(stacks, { blindBeforeAnte: true, holes: ['4h5d', 'AhAd', 'KhKd'] });
    const played = play(setup, { player: 2, kind: 'call' }, { player: 0, kind: 'fold' });
    const text = exportPhh(played.state, played.events, { chipUnit: new Money(1) });
    expect(text).toContain('_blind_before_ante = true');
    const parsed = parsePhh(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const replay = replayPhh(parsed.value);
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.setup.blindBeforeAnte).toBe(true);
    expect(replay.value.finishingStacks).toEqual(['9500', '3000', '9000']);
    expect(replay.value.finishingStacks).toEqual(parsed.value.finishingStacks);
    // Read without the field, the ante comes first: the big blind posts 500 of its blind, and the
    // recorded call-then-fold no longer fits the hand (the small blind could check).
    const stripped = parsePhh(text.replace(/^_blind_before_ante = .*\n/m, ''));
    if (!stripped.ok) throw new Error(stripped.error.message);
    expect(replayPhh(stripped.value).ok).toBe(false);
  });
});
