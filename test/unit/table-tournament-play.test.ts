import { describe, expect, it } from 'vitest';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import { replayPhh } from '../../src/engine/phh/phh-replay.js';
import { fixedDeck } from '../support/fixed-deck.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';
import { actAs, codeOf, handOf, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { StrictTableView } from '../support/table-view-schema.js';
import {
  startTournamentHarness,
  TOURNAMENT_ID,
  type TournamentHarness,
} from '../support/tournament-table-harness.js';

/** Hands at a tournament table: the big-blind ante, absent players, the report of each hand, voids. */

const A = 'user-a';
const B = 'user-b';
const C = 'user-c';

function handPlayer(harness: TournamentHarness, seat: number) {
  return handOf(harness.view(null)).players.find((player) => player.seat === seat)!;
}

describe('tournament table: the big-blind ante', () => {
  it('the big blind posts the blind and the ante for the whole table; nobody else antes', async () => {
    const harness = await startTournamentHarness();
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 10_000 },
      { userId: C, stack: 10_000 },
    ]);
    // A fresh start: seat 1 the button, seat 2 the small blind, seat 3 the big blind.
    const hand = handOf(harness.view(null));
    expect([hand.buttonSeat, hand.smallBlindSeat, hand.bigBlindSeat]).toEqual([1, 2, 3]);
    expect([1, 2, 3].map((seat) => handPlayer(harness, seat).stack)).toEqual(['10000', '9950', '9800']);
    expect(handPlayer(harness, 3).lastAction).toMatchObject({ kind: 'blind', amount: '100' });
    expect(harness.port.openings[0]!.seating.startingStacks).toEqual([10_000, 10_000, 10_000]);
  });

  it('a big blind short of both pays the whole ante first, then what is left as the blind', async () => {
    const harness = await startTournamentHarness();
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 10_000 },
      { userId: C, stack: 150 },
    ]);
    const bigBlind = handPlayer(harness, 3);
    expect(bigBlind).toMatchObject({
      stack: '0',
      allIn: true,
      totalCommitted: '150',
      streetCommitted: '50',
    });
    // The button calls what the big blind could post as the blind (the engine's short-blind rule).
    expect(handOf(harness.view(A)).legal?.callAmount).toBe('50');
  });

  it('a big blind short of the ante pays it all as the ante, and no blind', async () => {
    const harness = await startTournamentHarness();
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 10_000 },
      { userId: C, stack: 80 },
    ]);
    expect(handPlayer(harness, 3)).toMatchObject({ stack: '0', allIn: true, streetCommitted: '0' });
    expect(handPlayer(harness, 3).totalCommitted).toBe('80');
  });
});

describe('tournament table: absent players', () => {
  it('an absent player is dealt in, posts, and is folded at their turn at once; a present one gets the clock', async () => {
    const harness = await startTournamentHarness();
    for (const [index, userId] of [A, B, C].entries()) {
      await harness.actor.seatTournamentPlayer({ userId, username: userId, seat: index + 1, stack: 10_000 });
      harness.actor.setConnected(userId, true);
    }
    // C marks themselves absent before the first deal.
    expect((await harness.actor.sitOut(C)).ok).toBe(true);
    await harness.settle();
    const dealtAt = harness.clock.now();
    const hand = handOf(harness.view(null));
    expect(hand.players.map((player) => player.seat)).toEqual([2, 3, 1]);
    expect(seatStatus(harness, C)).toBe('sitting-out');
    // C is the big blind, and posted: blind and ante.
    expect(handPlayer(harness, 3).totalCommitted).toBe('200');
    // A, present, acts first with the clock running.
    expect(hand.toActSeat).toBe(1);
    expect(hand.clock).toMatchObject({ seat: 1, deadlineMs: dealtAt + 10_000 });
    await actAs(harness, A, 'raise', '300');
    await actAs(harness, B, 'fold');
    // C's turn was played at once: folded, with no time gone by.
    expect(harness.clock.now()).toBe(dealtAt);
    expect(handOf(harness.view(null)).phase).toBe('complete');
    expect(handPlayer(harness, 3).folded).toBe(true);
    // A's raise takes the blinds and C's ante: 50 + 100 + 100.
    expect(harness.port.reports[0]!.stacksAfter).toEqual({ [A]: 10_250, [B]: 9950, [C]: 9800 });
  });

  it('a player whose clock runs out becomes absent, and from then on is folded at once', async () => {
    const harness = await startTournamentHarness();
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 10_000 },
    ]);
    // Heads-up: A (seat 1) is the button and small blind, and acts first.
    expect(userToAct(harness)).toBe(A);
    await harness.advance(10_000 + 20_000);
    expect(seatStatus(harness, A)).toBe('sitting-out');
    expect(handOf(harness.view(null))).toMatchObject({ number: 1, phase: 'complete' });
    await harness.advance(1_000);
    // Hand 2: B is the button and acts first; A, absent in the big blind, is folded at once.
    expect(handOf(harness.view(null)).number).toBe(2);
    const before = harness.clock.now();
    await actAs(harness, B, 'raise', '300');
    expect(harness.clock.now()).toBe(before);
    expect(handOf(harness.view(null)).phase).toBe('complete');
    // A lost their small blind in hand 1, then their big blind and ante in hand 2.
    expect(harness.port.reports[1]!.stacksAfter).toEqual({ [A]: 9750, [B]: 10_250 });
    // Sitting in makes them present again: the clock is theirs once more.
    expect((await harness.actor.sitIn(A)).ok).toBe(true);
    expect(seatStatus(harness, A)).toBe('active');
  });

  it('a player disconnected past the grace is absent and keeps the seat; their turn is played at once', async () => {
    const harness = await startTournamentHarness({ settings: { disconnectGraceMs: 15_000 } });
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 10_000 },
    ]);
    harness.actor.setConnected(A, false);
    await harness.settle();
    expect(userToAct(harness)).toBe(A);
    // The clock keeps running during the grace (into the time bank here) ...
    await harness.advance(15_000 - 1);
    expect(handOf(harness.view(null))).toMatchObject({ phase: 'preflop', clock: { usingTimeBank: true } });
    // ... and its end makes A absent: folded at once, with time bank left.
    await harness.advance(1);
    expect(seatStatus(harness, A)).toBe('sitting-out');
    expect(handOf(harness.view(null)).phase).toBe('complete');
    expect(harness.view(null).seats[0]!.player).toMatchObject({ userId: A, stack: '9950', connected: false });
  });
});

describe('tournament table: the end of each hand', () => {
  it('reports start and after stacks and the busted players, larger start stack first, and unseats them', async () => {
    const harness = await startTournamentHarness();
    // Positions: [B (small blind), C (big blind), A (button)]: A holds aces.
    harness.decks.push(fixedDeck(['7c2d', '8h3s', 'AsAd'], '9cTdJh4s5c'));
    await harness.seatAll([
      { userId: A, stack: 5000 },
      { userId: B, stack: 300 },
      { userId: C, stack: 200 },
    ]);
    await actAs(harness, A, 'all-in');
    await actAs(harness, B, 'call');
    const report = harness.port.reports[0]!;
    expect(report).toEqual({
      tournamentId: TOURNAMENT_ID,
      tableId: harness.config.tableId,
      handNumber: 1,
      // The button on the lowest seat (A's), so the big blind is the third seat, C's.
      bigBlindSeat: 3,
      stacksAtStart: { [A]: 5000, [B]: 300, [C]: 200 },
      stacksAfter: { [A]: 5500, [B]: 0, [C]: 0 },
      busted: [B, C],
    });
    expect(
      harness
        .view(null)
        .seats.filter((seat) => seat.player)
        .map((seat) => seat.player!.userId),
    ).toEqual([A]);
    // The record holds the deal's proof and a history that replays to the same stacks.
    const record = harness.port.records[0]!;
    expect(record.deckCommitment).toBe(harness.port.openings[0]!.deckCommitment);
    // The big-blind ante, in PHH's own antes field (the ante-first order needs no user field).
    expect(record.history).toMatch(/antes = \[0, 100, 0\]/);
    expect(record.history).not.toContain('_blind_before_ante');
    const parsed = parsePhh(record.history);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const replay = replayPhh(parsed.value);
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.finishingStacks).toEqual(['0', '0', '5500']);
    // Alone at the table, it stands idle: the director hears it.
    await harness.advance(10_000);
    expect(harness.port.idles.at(-1)).toMatchObject({
      reason: 'short-handed',
      handNumber: 1,
      seats: [{ seat: 1, userId: A, stack: 5500 }],
    });
  });

  it('conserves the chips at the table across many hands: no rake, and every report adds up', async () => {
    const harness = await startTournamentHarness({ seed: 5 });
    const players = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((userId) => ({ userId, stack: 3000 }));
    await harness.seatAll(players);
    const total = 6 * 3000;
    const rand = seededRandom(17);
    let actions = 0;
    while (harness.port.reports.length < 40 && actions < 5000) {
      const hand = harness.view(null).hand;
      if (!hand || hand.toActSeat === null) {
        if (harness.view(null).seats.filter((seat) => seat.player).length < 2) break;
        await harness.advance(1_000);
        continue;
      }
      const userId = userToAct(harness);
      const legal = handOf(harness.view(userId)).legal!;
      // Mostly small actions, an all-in now and then: busts happen, but the game goes on a while.
      const calm = legal.actions.filter((action) => action !== 'all-in');
      const kind =
        calm.length === 0 || seededInt(rand, 25) === 0 ? 'all-in' : calm[seededInt(rand, calm.length)]!;
      if (kind === 'bet' || kind === 'raise') await actAs(harness, userId, kind, legal.betOrRaise!.minTo);
      else expect((await actAs(harness, userId, kind)).ok).toBe(true);
      actions += 1;
      StrictTableView.parse(harness.view(userId));
    }
    expect(harness.port.reports.length).toBeGreaterThanOrEqual(10);
    for (const report of harness.port.reports) {
      const sum = (stacks: Record<string, number>) => Object.values(stacks).reduce((a, b) => a + b, 0);
      expect(sum(report.stacksAfter)).toBe(sum(report.stacksAtStart));
    }
    // Seats hold their stacks as of the last hand's end (the busted left with nothing).
    expect(harness.chipsAtTable()).toBe(total);
    for (const record of harness.port.records) expect((record.result as { rake: number }).rake).toBe(0);
  });
});

describe('tournament table: void hands and restarts', () => {
  it('a void hand leaves every stack as it was at its start; restored from the director’s stacks, the table deals on', async () => {
    const harness = await startTournamentHarness();
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 20_000 },
      { userId: C, stack: 30_000 },
    ]);
    await actAs(harness, A, 'raise', '2000');
    await harness.actor.abandon('lease lost');
    expect(harness.port.voids.map((record) => record.handNumber)).toEqual([1]);
    expect(harness.port.records).toHaveLength(0);
    const stacks = harness
      .view(null)
      .seats.filter((seat) => seat.player)
      .map((seat) => seat.player!.stack);
    expect(stacks).toEqual(['10000', '20000', '30000']);

    // A new owner restores the table from what the director holds: the stacks at the hand's start.
    const restored = await startTournamentHarness({
      lastHandNumber: 1,
      interruptedHand: { number: 1 },
      seats: [
        { seat: 1, userId: A, username: A, stack: 10_000, sittingOut: false, leaving: false },
        { seat: 2, userId: B, username: B, stack: 20_000, sittingOut: false, leaving: false },
        { seat: 3, userId: C, username: C, stack: 30_000, sittingOut: false, leaving: false },
      ],
    });
    for (const userId of [A, B, C]) restored.actor.setConnected(userId, true);
    await restored.settle();
    const hand = handOf(restored.view(null));
    expect(hand.number).toBe(2);
    expect(restored.port.openings[0]!.seating.startingStacks.slice().sort((a, b) => a - b)).toEqual([
      10_000, 20_000, 30_000,
    ]);
    expect(restored.broadcaster.notices.filter((entry) => entry.notice.kind === 'hand-voided')).toHaveLength(
      3,
    );
    expect(codeOf(await restored.actor.leave(A))).toBe('table/tournament-seating');
  });

  it('a hand that cannot be recorded halts the table, and the stacks stay those of its start', async () => {
    const harness = await startTournamentHarness();
    await harness.seatAll([
      { userId: A, stack: 10_000 },
      { userId: B, stack: 10_000 },
    ]);
    harness.port.failRecords = true;
    await actAs(harness, A, 'fold');
    expect(harness.view(null).status).toBe('halted');
    expect(harness.port.reports).toHaveLength(0);
    expect(
      harness
        .view(null)
        .seats.filter((seat) => seat.player)
        .map((seat) => seat.player!.stack),
    ).toEqual(['10000', '10000']);
  });
});
