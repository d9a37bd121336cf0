import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { actAs, codeOf, handOf, seatPlayer, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { startTableHarness, TEST_SETTINGS } from '../support/table-harness.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';

/**
 * Every deal is a record before anyone sees it: its number ends settled or voided, is never dealt
 * twice, and an action names the deal it was chosen for (issue "what a player must be able to
 * trust", voided hands).
 */
describe('table actor: a deal is on record before it is published', () => {
  it('records the deal (commitment, deck, seating) before the first view that shows it', async () => {
    const harness = await startTableHarness();
    const published: number[] = [];
    const openHand = harness.ledger.openHand.bind(harness.ledger);
    harness.ledger.openHand = async (opening) => {
      // How many views carried this commitment when the record was asked for: none may have.
      published.push(
        harness.broadcaster.snapshots.filter(
          (snapshot) => snapshot.viewFor(null).hand?.deckCommitment === opening.deckCommitment,
        ).length,
      );
      return openHand(opening);
    };
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    const hand = handOf(harness.view(null));
    expect(harness.ledger.openings).toHaveLength(1);
    const opening = harness.ledger.openings[0]!;
    expect(published).toEqual([0]);
    expect(opening.handNumber).toBe(hand.number);
    expect(opening.deckCommitment).toBe(hand.deckCommitment);
    expect(opening.seating.seats).toEqual(hand.players.map((player) => player.seat));
    expect([...opening.seating.userIds].sort()).toEqual([ALICE, BOB]);
  });

  it('does not deal a hand it could not record, and tries again after the pause', async () => {
    const harness = await startTableHarness();
    harness.ledger.failOpenings = true;
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    expect(harness.view(null).hand).toBeNull();
    expect(harness.broadcaster.snapshots.some((snapshot) => snapshot.viewFor(null).hand !== null)).toBe(
      false,
    );
    harness.ledger.failOpenings = false;
    await harness.advance(TEST_SETTINGS.handPauseMs);
    expect(handOf(harness.view(null)).number).toBe(1);
    expect(harness.ledger.openings.map((opening) => opening.handNumber)).toEqual([1]);
  });

  it('refuses an action chosen for another deal, and changes nothing', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    const hand = handOf(harness.view(null));
    const seq = harness.view(null).seq;
    const refused = await harness.actor.act({
      userId: userToAct(harness),
      deckCommitment: 'f'.repeat(64),
      handNumber: hand.number,
      turn: hand.turn,
      kind: 'fold',
    });
    await harness.settle();
    expect(codeOf(refused)).toBe('table/wrong-deal');
    expect(harness.view(null).seq).toBe(seq);
    expect(handOf(harness.view(null)).turn).toBe(hand.turn);
  });
});

describe('table actor: a hand cut short by the death of its server', () => {
  const restored = [
    { seat: 1, userId: ALICE, username: 'alice', stack: 5_000, sittingOut: false, leaving: false },
    { seat: 2, userId: BOB, username: 'bob', stack: 7_000, sittingOut: false, leaving: false },
  ];

  it('tells everyone who connects within the grace period that the hand was void, once', async () => {
    const harness = await startTableHarness({
      seats: restored,
      lastHandNumber: 9,
      interruptedHand: { number: 9 },
    });
    await harness.settle();
    // The next deal is the number after the voided one.
    expect(handOf(harness.view(null)).number).toBe(10);
    const told = (userId: string) =>
      harness.broadcaster.notices.filter(
        (entry) => entry.userId === userId && entry.notice.kind === 'hand-voided',
      );
    harness.actor.setConnected(ALICE, true);
    harness.actor.setConnected(CAROL, true); // a watcher
    await harness.settle();
    expect(told(ALICE)).toHaveLength(1);
    expect(told(ALICE)[0]!.notice.message).toMatch(/hand 9 was void/);
    expect(told(CAROL)).toHaveLength(1);
    // Reconnecting does not tell them again; someone back only after the grace period is not told.
    harness.actor.setConnected(ALICE, false);
    harness.actor.setConnected(ALICE, true);
    await harness.advance(TEST_SETTINGS.disconnectGraceMs);
    harness.actor.setConnected(BOB, true);
    await harness.settle();
    expect(told(ALICE)).toHaveLength(1);
    expect(told(BOB)).toHaveLength(0);
  });

  it('records a leave deferred to the end of the hand, and a restored table pays such a player out first', async () => {
    const playing = await startTableHarness({
      seats: [
        ...restored,
        { seat: 3, userId: CAROL, username: 'carol', stack: 3_000, sittingOut: false, leaving: false },
      ],
    });
    await playing.settle();
    // Three players, so the hand goes on whether or not Alice's leave folds her turn.
    expect(handOf(playing.view(null)).players).toHaveLength(3);
    const ack = await playing.actor.leave(ALICE);
    expect(ack).toEqual({ ok: true, data: { when: 'after-hand' } });
    expect(playing.ledger.seats.get(1)?.leaving).toBe(true);

    const harness = await startTableHarness({
      seats: [
        ...restored,
        { seat: 3, userId: CAROL, username: 'carol', stack: 3_000, sittingOut: false, leaving: true },
      ],
    });
    await harness.settle();
    expect(seatStatus(harness, CAROL)).toBeUndefined();
    expect(harness.ledger.seats.has(3)).toBe(false);
    expect(harness.ledger.wallet(CAROL).equals(new Money(30))).toBe(true);
    // The others play on.
    expect(
      handOf(harness.view(null))
        .players.map((player) => player.seat)
        .sort(),
    ).toEqual([1, 2]);
    await actAs(harness, userToAct(harness), 'fold');
    expect(harness.ledger.settlements).toHaveLength(1);
  });
});
