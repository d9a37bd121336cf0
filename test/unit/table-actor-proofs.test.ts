import { describe, expect, it } from 'vitest';
import { splitSalts } from '../../src/fairness/deck-commitment.js';
import { verifyDeckProof } from '../../src/fairness/verify-deck-proof.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { fixedDeck } from '../support/fixed-deck.js';
import { actAs, handOf, seatPlayer } from '../support/table-actor-steps.js';
import { startTableHarness } from '../support/table-harness.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';
const DAVE = 'user-dave';
const VIEWERS = [ALICE, BOB, DAVE, null] as const;

/** Positions of the deck whose salt appears anywhere in the view. */
function saltsIn(view: TableView, salts: readonly string[]): number[] {
  const text = JSON.stringify(view);
  return salts.flatMap((salt, position) => (text.includes(salt) ? [position] : []));
}

describe('table actor: the end-of-hand deck proof', () => {
  it('gives each viewer the openings of exactly the cards they saw, once the hand is settled', async () => {
    const harness = await startTableHarness();
    // Positions: [BB (Bob, seat 3), button (Alice, seat 1)]: Bob holds deck[0..1], Alice deck[2..3],
    // the board is deck[4..8].
    harness.decks.push(fixedDeck(['AsAd', 'KsKd'], '2c7h9dTcJh'));
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 3);
    const published = handOf(harness.view(null)).deckCommitment;

    await actAs(harness, ALICE, 'call');
    await actAs(harness, BOB, 'check');
    for (let street = 0; street < 3; street++) {
      await actAs(harness, BOB, 'check');
      await actAs(harness, ALICE, 'check');
    }
    expect(handOf(harness.view(null)).phase).toBe('complete');
    const salts = splitSalts(harness.ledger.settlements[0]!.salt)!;
    expect(salts).toHaveLength(52);

    // Every view published while the hand ran had no proof and no salt.
    const snapshots = harness.broadcaster.snapshots;
    const last = snapshots[snapshots.length - 1]!;
    for (const snapshot of snapshots.slice(0, -1)) {
      for (const viewer of VIEWERS) {
        const view = snapshot.viewFor(viewer);
        expect(view.hand?.proof ?? null).toBeNull();
        expect(saltsIn(view, salts)).toEqual([]);
      }
    }

    // Bob showed his aces, Alice mucked her kings.
    const board = [4, 5, 6, 7, 8];
    const expected = new Map<string | null, number[]>([
      [BOB, [0, 1, ...board]],
      [ALICE, [0, 1, 2, 3, ...board]],
      [DAVE, [0, 1, ...board]],
      [null, [0, 1, ...board]],
    ]);
    for (const viewer of VIEWERS) {
      const view = last.viewFor(viewer);
      const proof = handOf(view).proof!;
      expect(proof.commitment).toBe(published);
      expect(proof.openings.map((opening) => opening.position)).toEqual(expected.get(viewer));
      expect(proof.openings.map((opening) => opening.salt)).toEqual(
        expected.get(viewer)!.map((p) => salts[p]),
      );
      expect(saltsIn(view, salts)).toEqual(expected.get(viewer));
      expect(verifyDeckProof(proof, { expectedCommitment: published })).toMatchObject({ ok: true });
    }
    expect(handOf(last.viewFor(ALICE)).proof!.holeCards).toEqual([
      { seat: 3, cards: ['As', 'Ad'] },
      { seat: 1, cards: ['Ks', 'Kd'] },
    ]);
    expect(handOf(last.viewFor(null)).proof!.board).toEqual(['2c', '7h', '9d', 'Tc', 'Jh']);
  });

  it('never shows a finished hand to the next occupant of a seat as if it were theirs', async () => {
    const harness = await startTableHarness();
    harness.decks.push(fixedDeck(['AsAd', 'KsKd'], '2c7h9dTcJh'));
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 3);
    // Alice, the button, leaves in the middle of the hand: she folds, and cashes out when it ends.
    expect((await harness.actor.leave(ALICE)).ok).toBe(true);
    await harness.settle();
    expect(handOf(harness.view(null)).phase).toBe('complete');
    expect(harness.view(null).seats.find((seat) => seat.seat === 1)!.player).toBeNull();

    // Dave takes seat 1 while hand 1 is still on display.
    expect((await seatPlayer(harness, DAVE, 1)).ok).toBe(true);
    const dave = harness.view(DAVE);
    expect(dave.you.seat).toBe(1);
    expect(handOf(dave).number).toBe(1);
    expect(handOf(dave).players.every((player) => player.holeCards === null)).toBe(true);
    expect(handOf(dave).proof!.openings).toEqual([]);
    const salts = splitSalts(harness.ledger.settlements[0]!.salt)!;
    expect(saltsIn(dave, salts)).toEqual([]);

    // Alice, gone from the table, still sees her own hand and can prove it.
    const alice = handOf(harness.view(ALICE));
    expect(alice.players.find((player) => player.seat === 1)!.holeCards).toEqual(['Ks', 'Kd']);
    expect(alice.proof!.openings.map((opening) => opening.position)).toEqual([2, 3]);
    expect(verifyDeckProof(alice.proof).ok).toBe(true);
  });
});
