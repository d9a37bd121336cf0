import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orderedDeck } from '../../src/engine/cards.js';
import { applyAction, startHand } from '../../src/engine/hand.js';
import type { HandSetup, HandStep } from '../../src/engine/hand-types.js';
import { exportPhh, handToPhh } from '../../src/engine/phh/phh-export.js';
import { parsePhh, parsePhhFile, phhFileKindOf } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';
import { Money } from '../../src/money/index.js';

const FIXTURES = 'test/fixtures/phh';

/** Plays a hand: its state and every event the engine returned on the way. */
function play(setup: HandSetup, actions: Parameters<typeof applyAction>[1][]): HandStep {
  const started = startHand(setup);
  if (!started.ok) throw new Error(started.error.message);
  let state = started.value.state;
  const events = [...started.value.events];
  for (const action of actions) {
    const applied = applyAction(state, action);
    if (!applied.ok) throw new Error(applied.error.message);
    state = applied.value.state;
    events.push(...applied.value.events);
  }
  return { state, events };
}

function reimport(text: string) {
  const parsed = parsePhh(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const replay = replayPhh(parsed.value);
  if (!replay.ok) throw new Error(`${replay.error.code}: ${replay.error.message}`);
  return { hand: parsed.value, replay: replay.value };
}

describe('PHH export', () => {
  it('re-exports every fixture hand so that it replays to the same stacks and actions', () => {
    for (const name of readdirSync(FIXTURES)) {
      const file = parsePhhFile(readFileSync(join(FIXTURES, name), 'utf8'), phhFileKindOf(name)!);
      if (!file.ok) throw new Error(file.error.message);
      for (const entry of file.value) {
        if (!entry.hand.ok) throw new Error(entry.hand.error.message);
        const original = replayPhh(entry.hand.value);
        if (!original.ok) throw new Error(original.error.message);
        const text = exportPhh(original.value.state, original.value.events, {
          chipUnit: original.value.chipUnit,
          players: entry.hand.value.players,
        });
        const again = reimport(text);
        expect(again.replay.finishingStacks, name).toEqual(original.value.finishingStacks);
        expect(again.replay.actions, name).toEqual(original.value.actions);
        expect(again.hand.finishingStacks, name).toEqual(original.value.finishingStacks);
        expect(again.hand.players).toEqual(entry.hand.value.players);
      }
    }
  });

  it('writes dealing, actions and the showdown in the order they happened', () => {
    const text = readFileSync(join(FIXTURES, 'heads-up-constructed.phh'), 'utf8');
    const parsed = parsePhh(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const replay = replayPhh(parsed.value);
    if (!replay.ok) throw new Error(replay.error.message);
    const exported = exportPhh(replay.value.state, replay.value.events, {
      chipUnit: new Money(1),
      hand: 7,
      currency: 'EUR',
    });
    expect(exported).toBe(`variant = 'NT'
antes = [0, 0]
blinds_or_straddles = [50, 100]
min_bet = 100
starting_stacks = [10000, 10000]
actions = [
  'd dh p1 AhKh',
  'd dh p2 QsQc',
  'p2 cbr 300',
  'p1 cbr 900',
  'p2 cc',
  'd db Kc7d2s',
  'p1 cbr 1000',
  'p2 cc',
  'd db 9h',
  'p1 cc',
  'p2 cbr 2500',
  'p1 cc',
  'd db 3c',
  'p1 cc',
  'p2 cc',
  'p1 sm AhKh',
  'p2 sm',
]
finishing_stacks = [14400, 5600]
hand = 7
seats = [1, 2]
currency = 'EUR'
`);
  });

  it('writes decimal amounts in the chip unit, exactly', () => {
    const cent = new Money('0.01');
    const setup: HandSetup = {
      players: [
        { seat: 3, stack: 24715 },
        { seat: 5, stack: 1050 },
      ],
      antes: [],
      blindsOrStraddles: [25, 50],
      minBet: 50,
      rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
      deck: orderedDeck(),
    };
    const played = play(setup, [
      { player: 1, kind: 'all-in' },
      { player: 0, kind: 'call' },
    ]);
    const text = exportPhh(played.state, played.events, { chipUnit: cent });
    expect(text).toContain('starting_stacks = [247.15, 10.5]');
    expect(text).toContain("'p2 cbr 10.5'");
    expect(text).toContain('blinds_or_straddles = [0.25, 0.5]');
    expect(reimport(text).replay.finishingUnits).toEqual(
      handToPhh(played.state, played.events, { chipUnit: cent }).finishingStacks!.map((stack) =>
        Number(new Money(stack).times(100)),
      ),
    );
  });

  it('declares the chip unit when the amounts alone do not show it, and the rake', () => {
    const cent = new Money('0.01');
    const setup: HandSetup = {
      players: [
        { seat: 1, stack: 10000 },
        { seat: 2, stack: 10000 },
      ],
      antes: [],
      blindsOrStraddles: [100, 200],
      minBet: 200,
      rake: { basisPoints: 500, capUnits: 150, noFlopNoDrop: false },
      deck: orderedDeck(),
    };
    const played = play(setup, [{ player: 1, kind: 'fold' }]);
    const hand = handToPhh(played.state, played.events, { chipUnit: cent });
    expect(hand.extras).toEqual({
      _rake_basis_points: 500,
      _rake_cap: '1.5',
      _rake_no_flop_no_drop: false,
      _chip_unit: '0.01',
    });
    const again = reimport(exportPhh(played.state, played.events, { chipUnit: cent }));
    expect(again.replay.chipUnit.toFixed()).toBe('0.01');
    expect(again.replay.setup).toEqual({ ...setup, antes: [0, 0] });
    // The small blind folds: the pot is 1 + 1 (the rest of the big blind is returned), raked 5%
    // without the no-flop-no-drop rule: 0.1.
    expect(again.replay.finishingStacks).toEqual(['100.9', '99']);
  });

  it('carries a live blind posted out of position in the _live_posts user field, both ways', () => {
    const setup: HandSetup = {
      players: [1, 2, 3, 4].map((seat) => ({ seat, stack: 1000 })),
      antes: [],
      blindsOrStraddles: [5, 10],
      livePosts: [0, 0, 0, 10],
      minBet: 10,
      rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
      deck: orderedDeck(),
    };
    // The button posted live, then folds to a raise: the post is lost with the blinds.
    const played = play(setup, [
      { player: 2, kind: 'raise', to: 30 },
      { player: 3, kind: 'fold' },
      { player: 0, kind: 'fold' },
      { player: 1, kind: 'fold' },
    ]);
    const cent = new Money('0.01');
    const text = exportPhh(played.state, played.events, { chipUnit: cent });
    expect(text).toContain("_live_posts = ['0', '0', '0', '0.1']");
    const again = reimport(text);
    expect(again.replay.setup.livePosts).toEqual([0, 0, 0, 10]);
    expect(again.replay.finishingStacks).toEqual(['9.95', '9.9', '10.25', '9.9']);
    expect(again.replay.finishingStacks).toEqual(again.hand.finishingStacks);
    // Without the field the post is gone, and so are the 0.1 the button lost.
    const parsed = parsePhh(text.replace(/^_live_posts = .*\n/m, ''));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const stripped = replayPhh(parsed.value);
    if (!stripped.ok) throw new Error(stripped.error.message);
    expect(stripped.value.finishingStacks).toEqual(['9.95', '9.9', '10.15', '10']);
  });

  it('exports an unfinished hand without finishing stacks', () => {
    const setup: HandSetup = {
      players: [
        { seat: 1, stack: 100 },
        { seat: 2, stack: 100 },
      ],
      antes: [],
      blindsOrStraddles: [1, 2],
      minBet: 2,
      rake: { basisPoints: 0, capUnits: 0, noFlopNoDrop: true },
      deck: orderedDeck(),
    };
    const unfinished = play(setup, [{ player: 1, kind: 'call' }]);
    const hand = handToPhh(unfinished.state, unfinished.events, { chipUnit: new Money(1) });
    expect(hand.finishingStacks).toBeUndefined();
    expect(hand.actions.at(-1)).toEqual({ kind: 'check-or-call', player: 1 });
  });
});
