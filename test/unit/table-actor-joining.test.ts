import { describe, expect, it } from 'vitest';
import { actAs, codeOf, handOf, seatPlayer, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { startTableHarness, TEST_SETTINGS } from '../support/table-harness.js';

/** Who is dealt in: everyone at a new table; a late joiner at the big blind, or at once by posting. */

const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';
const DAVE = 'user-dave';
const START_DELAY_MS = 2_000;

function dealtSeats(harness: Awaited<ReturnType<typeof startTableHarness>>): number[] {
  return handOf(harness.view(null)).players.map((player) => player.seat);
}

/** A game of three (seats 1, 3, 5) whose first hand is dealt, and Dave sitting at seat 2 during it. */
async function gameWithLateJoiner() {
  const harness = await startTableHarness({ settings: { gameStartDelayMs: START_DELAY_MS } });
  await seatPlayer(harness, ALICE, 1);
  await seatPlayer(harness, BOB, 3);
  await seatPlayer(harness, CAROL, 5);
  await harness.advance(START_DELAY_MS);
  expect(handOf(harness.view(null))).toMatchObject({ number: 1, buttonSeat: 1, bigBlindSeat: 5 });
  expect((await seatPlayer(harness, DAVE, 2)).ok).toBe(true);
  expect(seatStatus(harness, DAVE)).toBe('waiting-for-big-blind');
  return harness;
}

/** Everyone folds to the big blind, then the next hand is dealt. */
async function foldAround(harness: Awaited<ReturnType<typeof startTableHarness>>) {
  const number = handOf(harness.view(null)).number;
  while (handOf(harness.view(null)).phase !== 'complete') await actAs(harness, userToAct(harness), 'fold');
  await harness.advance(TEST_SETTINGS.handPauseMs);
  expect(handOf(harness.view(null)).number).toBe(number + 1);
}

describe('table actor: who is dealt in', () => {
  it('a new table deals everyone seated before its first hand into it', async () => {
    const harness = await startTableHarness({ settings: { gameStartDelayMs: START_DELAY_MS } });
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    // Two players could play, but a new game waits a moment for the others sitting down.
    expect(harness.view(null).hand).toBeNull();
    await seatPlayer(harness, CAROL, 4);
    await seatPlayer(harness, DAVE, 6);
    for (const user of [ALICE, BOB, CAROL, DAVE]) expect(seatStatus(harness, user)).toBe('active');
    await harness.advance(START_DELAY_MS - 1);
    expect(harness.view(null).hand).toBeNull();
    await harness.advance(1);
    expect(handOf(harness.view(null)).number).toBe(1);
    expect(dealtSeats(harness)).toEqual([2, 4, 6, 1]);
  });

  it('a late joiner waits for the big blind by default', async () => {
    const harness = await gameWithLateJoiner();
    await foldAround(harness);
    // The big blind moves from seat 5 to seat 1: Dave, at seat 2, is not dealt in yet.
    expect(handOf(harness.view(null)).bigBlindSeat).toBe(1);
    expect(dealtSeats(harness)).toEqual([5, 1, 3]);
    expect(seatStatus(harness, DAVE)).toBe('waiting-for-big-blind');
    await foldAround(harness);
    // Then it reaches him.
    expect(handOf(harness.view(null)).bigBlindSeat).toBe(2);
    expect(dealtSeats(harness)).toEqual([1, 2, 3, 5]);
    expect(seatStatus(harness, DAVE)).toBe('active');
  });

  it('a late joiner who posts now is dealt into the next hand, and the post is live', async () => {
    const harness = await gameWithLateJoiner();
    expect(codeOf(await harness.actor.postBigBlind(DAVE))).toBeNull();
    expect(seatStatus(harness, DAVE)).toBe('active');
    // Not in the hand being played: posting is for the next one.
    expect(dealtSeats(harness)).toEqual([3, 5, 1]);
    await foldAround(harness);
    const hand = handOf(harness.view(DAVE));
    expect(hand).toMatchObject({ smallBlindSeat: 5, bigBlindSeat: 1, buttonSeat: 3 });
    expect(dealtSeats(harness)).toEqual([5, 1, 2, 3]);
    // Dave posted a big blind from under the gun, and acts first: his 1 is in, so he may check.
    expect(hand.players.find((player) => player.seat === 2)?.streetCommitted).toBe('1');
    expect(userToAct(harness)).toBe(DAVE);
    expect(hand.legal?.actions).toEqual(['check', 'raise', 'all-in']);
    expect(hand.legal?.betOrRaise?.minTo).toBe('2');
    await actAs(harness, DAVE, 'check');
    await actAs(harness, userToAct(harness), 'call');
    await actAs(harness, userToAct(harness), 'call');
    // The big blind has the option last; then the flop, with four big blinds in the pot.
    expect(userToAct(harness)).toBe(ALICE);
    await actAs(harness, ALICE, 'check');
    expect(handOf(harness.view(null))).toMatchObject({ phase: 'flop', pot: '4' });
    expect(harness.ledger.total().isPositive()).toBe(true);
  });

  it('posting now is for players waiting for the big blind only', async () => {
    const harness = await gameWithLateJoiner();
    expect(codeOf(await harness.actor.postBigBlind(ALICE))).toBe('table/not-waiting-for-big-blind');
    expect(codeOf(await harness.actor.postBigBlind('user-nobody'))).toBe('table/not-seated');
    expect((await harness.actor.sitOut(DAVE)).ok).toBe(true);
    expect(codeOf(await harness.actor.postBigBlind(DAVE))).toBe('table/not-waiting-for-big-blind');
  });
});
