import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, legalActions, startHand } from '../../src/engine/hand.js';
import type { ActionKind, HandSetup, HandState, PlayerAction } from '../../src/engine/hand-types.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { renderLegal } from '../../src/tables/table-snapshot.js';
import { fixedDeck } from '../support/fixed-deck.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';

const money = (units: number) => String(units);
const NO_RAKE = { basisPoints: 0, capUnits: 0, noFlopNoDrop: true };

function setupOf(stacks: number[], deck = fixedDeck([], '')): HandSetup {
  return {
    players: stacks.map((stack, i) => ({ seat: i + 1, stack })),
    antes: [],
    blindsOrStraddles: [1, 2],
    minBet: 2,
    rake: NO_RAKE,
    deck,
  };
}

function started(setup: HandSetup): HandState {
  const result = startHand(setup);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.state;
}

function act(state: HandState, action: PlayerAction): HandState {
  const result = applyAction(state, action);
  if (!result.ok) throw new Error(`${action.kind}: ${result.error.message}`);
  return result.value.state;
}

/** What the client is offered, as the table renders it for the player to act. */
function offered(state: HandState) {
  const legal = legalActions(state)!;
  return { legal, wire: renderLegal(legal, money) };
}

/** The engine action a client would send for an offered kind (bets and raises at their minimum). */
function actionFor(kind: ActionKind, player: number, minTo: string | undefined): PlayerAction {
  return kind === 'bet' || kind === 'raise' ? { player, kind, to: Number(minTo) } : { player, kind };
}

describe('the legal actions a client is offered', () => {
  it('do not include all-in when a short all-in has closed raising and the stack covers the call', () => {
    // 3-handed, 1/2 blinds: the button raises to 6, the small blind goes all-in for 8 (a short
    // raise of 2), the big blind calls 8. Back to the button, who may only call 2 or fold.
    let state = started(setupOf([8, 100, 100]));
    state = act(state, { player: 2, kind: 'raise', to: 6 });
    state = act(state, { player: 0, kind: 'all-in' });
    state = act(state, { player: 1, kind: 'call' });
    const { legal, wire } = offered(state);
    expect(legal.player).toBe(2);
    expect(legal.betOrRaise).toBeNull();
    expect(wire.actions).toEqual(['fold', 'call']);
    expect(applyAction(state, { player: 2, kind: 'all-in' }).ok).toBe(false);
  });

  it('include all-in when the call takes the whole stack', () => {
    let state = started(setupOf([100, 100, 5]));
    state = act(state, { player: 2, kind: 'call' });
    state = act(state, { player: 0, kind: 'raise', to: 20 });
    state = act(state, { player: 1, kind: 'call' });
    const { wire } = offered(state);
    expect(wire.actions).toContain('all-in');
    expect(applyAction(state, { player: 2, kind: 'all-in' }).ok).toBe(true);
  });

  it('are every one accepted by the engine, over random hands with ragged stacks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const random = seededRandom(seed);
        const players = 2 + seededInt(random, 5);
        const stacks = Array.from({ length: players }, () => 1 + seededInt(random, 60));
        let state = started(
          setupOf(
            stacks,
            shuffleDeck((n) => seededInt(random, n)),
          ),
        );
        for (let step = 0; step < 200 && legalActions(state) !== null; step++) {
          const { legal, wire } = offered(state);
          for (const kind of wire.actions) {
            const accepted = applyAction(state, actionFor(kind, legal.player, wire.betOrRaise?.minTo));
            expect(accepted.ok, `${kind} offered but refused`).toBe(true);
          }
          const kind = wire.actions[seededInt(random, wire.actions.length)]!;
          state = act(state, actionFor(kind, legal.player, wire.betOrRaise?.minTo));
        }
        expect(legalActions(state)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
