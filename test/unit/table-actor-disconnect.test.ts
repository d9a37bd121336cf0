import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { actAs, handOf, seatPlayer, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { startTableHarness, TEST_SETTINGS } from '../support/table-harness.js';

/** A dropped connection: the grace period, then sat out with the seat kept, then cashed out. */

const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';
const KEEP_MS = 10 * 60_000;

type Harness = Awaited<ReturnType<typeof startTableHarness>>;

/** Three players in hand 1 (seats 1, 2, 3), with all the time they want; Carol's connection drops. */
async function carolDropsMidHand(): Promise<Harness> {
  const harness = await startTableHarness({
    settings: { awaySeatKeepMs: KEEP_MS, gameStartDelayMs: 1_000, actionTimeoutMs: 3_600_000 },
  });
  await seatPlayer(harness, ALICE, 1);
  await seatPlayer(harness, BOB, 2);
  await seatPlayer(harness, CAROL, 3);
  await harness.advance(1_000);
  expect(handOf(harness.view(null)).players.map((player) => player.seat)).toEqual([2, 3, 1]);
  harness.actor.setConnected(ALICE, true);
  harness.actor.setConnected(BOB, true);
  harness.actor.setConnected(CAROL, false);
  await harness.settle();
  return harness;
}

function carolSeat(harness: Harness) {
  return harness.view(null).seats.find((seat) => seat.seat === 3)?.player;
}

function noticesTo(harness: Harness, userId: string): string[] {
  return harness.broadcaster.notices.filter((n) => n.userId === userId).map((n) => n.notice.kind);
}

async function playHandOut(harness: Harness): Promise<void> {
  for (let i = 0; i < 30 && handOf(harness.view(null)).phase !== 'complete'; i++) {
    const user = userToAct(harness);
    const legal = handOf(harness.view(user)).legal!;
    await actAs(harness, user, legal.actions.includes('check') ? 'check' : 'call');
  }
}

describe('table actor: a player whose connection drops', () => {
  it('is sat out when the grace period ends, keeps the seat, and is told on return', async () => {
    const harness = await carolDropsMidHand();
    const stack = harness.ledger.seats.get(3)!.stack;
    await harness.advance(TEST_SETTINGS.disconnectGraceMs - 1);
    expect(seatStatus(harness, CAROL)).toBe('active');
    await harness.advance(1);
    // Sat out, not cashed out: the seat and the chips stay at the table, for the time everyone sees.
    expect(seatStatus(harness, CAROL)).toBe('sitting-out');
    expect(carolSeat(harness)).toMatchObject({
      connected: false,
      awayUntilMs: harness.clock.now() + KEEP_MS,
    });
    expect(harness.ledger.seats.get(3)?.userId).toBe(CAROL);
    expect(harness.ledger.wallet(CAROL).equals(new Money(900))).toBe(true);
    // Her turns in the hand under way are checked or folded at once; the next hand is dealt without her.
    await playHandOut(harness);
    await harness.advance(TEST_SETTINGS.handPauseMs);
    expect(handOf(harness.view(null))).toMatchObject({ number: 2 });
    expect(handOf(harness.view(null)).players.map((player) => player.seat)).not.toContain(3);
    expect(harness.ledger.seats.get(3)!.stack.lessThanOrEqualTo(stack)).toBe(true);

    // She comes back long after the grace period, but before the seat time: told what happened.
    await harness.advance(KEEP_MS - TEST_SETTINGS.handPauseMs - 1);
    expect(seatStatus(harness, CAROL)).toBe('sitting-out');
    expect(noticesTo(harness, CAROL)).toEqual([]);
    harness.actor.setConnected(CAROL, true);
    await harness.settle();
    expect(noticesTo(harness, CAROL)).toEqual(['sat-out-away']);
    expect(carolSeat(harness)).toMatchObject({ connected: true, awayUntilMs: null });
    // Nothing is pending any more: her seat stays as long as she likes, and she sits in to play.
    await harness.advance(KEEP_MS * 2);
    expect(seatStatus(harness, CAROL)).toBe('sitting-out');
    expect(harness.ledger.seats.get(3)?.userId).toBe(CAROL);
    expect((await harness.actor.sitIn(CAROL)).ok).toBe(true);
    expect(noticesTo(harness, CAROL)).toEqual(['sat-out-away']);
  });

  it('leaves with the chips when away past the seat time', async () => {
    const harness = await carolDropsMidHand();
    await harness.advance(TEST_SETTINGS.disconnectGraceMs);
    await playHandOut(harness);
    await harness.settle();
    const stack = harness.ledger.seats.get(3)!.stack;
    await harness.advance(KEEP_MS - 1);
    expect(seatStatus(harness, CAROL)).toBe('sitting-out');
    await harness.advance(1);
    expect(seatStatus(harness, CAROL)).toBeUndefined();
    expect(harness.ledger.seats.has(3)).toBe(false);
    expect(harness.ledger.wallet(CAROL).equals(new Money(900).plus(stack))).toBe(true);
    expect(noticesTo(harness, CAROL)).toEqual(['seat-released', 'cashed-out']);
    expect(harness.ledger.escrow.equals(harness.ledger.stacksTotal())).toBe(true);
  });

  it('plays on, clock running, when back within the grace period', async () => {
    const harness = await carolDropsMidHand();
    await harness.advance(TEST_SETTINGS.disconnectGraceMs / 2);
    harness.actor.setConnected(CAROL, true);
    await harness.settle();
    await harness.advance(TEST_SETTINGS.disconnectGraceMs + KEEP_MS);
    expect(seatStatus(harness, CAROL)).toBe('active');
    expect(noticesTo(harness, CAROL)).toEqual([]);
  });
});
