import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { type HandEngine, realHandEngine } from '../../src/tables/hand-engine.js';
import { actAs, codeOf, handOf, seatPlayer, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { startTableHarness, TEST_SETTINGS } from '../support/table-harness.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';

/** An engine with a bug: the winner of every hand gets one chip too many. */
const inflatingEngine: HandEngine = {
  ...realHandEngine,
  handResult(state) {
    const result = realHandEngine.handResult(state);
    if (!result) return result;
    return { ...result, finalStacks: result.finalStacks.map((stack, i) => (i === 0 ? stack + 1 : stack)) };
  },
};

async function playToEnd(harness: Awaited<ReturnType<typeof startTableHarness>>) {
  for (let i = 0; i < 30; i++) {
    const hand = harness.view(null).hand;
    if (!hand || hand.phase === 'complete' || harness.view(null).status === 'halted') return;
    const user = userToAct(harness);
    const legal = handOf(harness.view(user)).legal!;
    await actAs(harness, user, legal.actions.includes('check') ? 'check' : 'call');
  }
}

describe('table actor: faults halt one table only', () => {
  it('halts, voids the hand and pays nothing when chips are not conserved', async () => {
    const broken = await startTableHarness({ engine: inflatingEngine });
    const healthy = await startTableHarness();
    for (const harness of [broken, healthy]) {
      await seatPlayer(harness, ALICE, 1);
      await seatPlayer(harness, BOB, 2);
    }
    const stacksBefore = [...broken.ledger.seats.values()].map((seat) => seat.stack.toFixed());
    await playToEnd(broken);
    expect(broken.view(null).status).toBe('halted');
    expect(broken.view(null).hand).toBeNull();
    expect(broken.ledger.settlements).toHaveLength(0);
    expect(broken.ledger.voids).toHaveLength(1);
    expect([...broken.ledger.seats.values()].map((seat) => seat.stack.toFixed())).toEqual(stacksBefore);
    expect(broken.view(null).seats.find((seat) => seat.seat === 1)!.player!.stack).toBe('100');
    expect(broken.broadcaster.notices.some((n) => n.notice.kind === 'table-halted')).toBe(true);
    // Nothing deals again; acting is refused; leaving still works, with the pre-hand stack.
    await broken.advance(TEST_SETTINGS.handPauseMs * 5);
    expect(broken.view(null).hand).toBeNull();
    const act = {
      userId: ALICE,
      deckCommitment: '0'.repeat(64),
      handNumber: 1,
      turn: 0,
      kind: 'fold' as const,
    };
    expect(codeOf(await broken.actor.act(act))).toBe('table/halted');
    expect(await broken.actor.leave(ALICE)).toEqual({ ok: true, data: { when: 'now' } });
    expect(broken.ledger.wallet(ALICE).toFixed()).toBe('1000');

    // The other table plays on.
    await playToEnd(healthy);
    expect(healthy.ledger.settlements).toHaveLength(1);
    await healthy.advance(TEST_SETTINGS.handPauseMs);
    expect(handOf(healthy.view(null)).number).toBe(2);
  });

  it('halts when the ledger answers a buy-in with a stack that is not in chip units', async () => {
    const harness = await startTableHarness();
    // A ledger that disagrees with the table (a bug): the chips moved, but the stack it reports is
    // a thousandth of a chip off the table's unit of 0.01. The seat must not silently become 0.
    const honest = harness.ledger.buyIn.bind(harness.ledger);
    harness.ledger.buyIn = async (request) => {
      const answer = await honest(request);
      return answer.ok ? { ok: true, value: { stack: answer.value.stack.plus('0.001') } } : answer;
    };
    harness.ledger.deposit(ALICE, new Money(1000));
    const sat = await harness.actor.sit({ userId: ALICE, username: ALICE, seat: 1, buyIn: new Money(100) });
    await harness.settle();
    expect(codeOf(sat)).toBe('table/halted');
    expect(harness.view(null).status).toBe('halted');
    expect(harness.broadcaster.notices.some((n) => n.notice.kind === 'table-halted')).toBe(true);
    // The chips are safe where the ledger keeps them, and leaving pays them out.
    expect(await harness.actor.leave(ALICE)).toEqual({ ok: true, data: { when: 'now' } });
    expect(harness.ledger.wallet(ALICE).toFixed()).toBe('1000');
  });

  it('halts when the settlement fails, keeping the stacks of the start of the hand', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    harness.ledger.failSettlements = true;
    await actAs(harness, userToAct(harness), 'fold');
    expect(harness.view(null).status).toBe('halted');
    expect(
      harness
        .view(null)
        .seats.filter((seat) => seat.player)
        .map((seat) => seat.player!.stack),
    ).toEqual(['100', '100']);
  });

  it('halts on an unexpected exception inside a command', async () => {
    const throwing: HandEngine = {
      ...realHandEngine,
      applyAction: () => {
        throw new Error('boom');
      },
    };
    const harness = await startTableHarness({ engine: throwing });
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    const result = await actAs(harness, userToAct(harness), 'fold');
    expect(codeOf(result)).toBe('internal/error');
    expect(harness.view(null).status).toBe('halted');
  });
});

describe('table actor: reservations', () => {
  it('releases a seat whose buy-in outlives the reservation, and refunds it', async () => {
    const harness = await startTableHarness();
    let release = () => {};
    harness.ledger.buyInDelay = new Promise<void>((resolve) => {
      release = resolve;
    });
    harness.ledger.deposit(ALICE, new Money(500));
    const sitting = harness.actor.sit({ userId: ALICE, username: ALICE, seat: 2, buyIn: new Money(100) });
    await harness.settle();
    expect(seatStatus(harness, ALICE)).toBe('reserved');
    await harness.advance(TEST_SETTINGS.reservationMs);
    expect(seatStatus(harness, ALICE)).toBeUndefined();
    release();
    const result = await sitting;
    await harness.settle();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('table/reservation-expired');
    expect(harness.ledger.wallet(ALICE).toFixed()).toBe('500');
    expect(harness.ledger.seats.size).toBe(0);
  });

  it('frees the seat when the ledger refuses the buy-in', async () => {
    const harness = await startTableHarness();
    harness.ledger.deposit(ALICE, new Money(10));
    const result = await harness.actor.sit({
      userId: ALICE,
      username: ALICE,
      seat: 2,
      buyIn: new Money(100),
    });
    expect(!result.ok && result.error.code).toBe('ledger/insufficient-funds');
    await harness.settle();
    expect(seatStatus(harness, ALICE)).toBeUndefined();
  });
});

describe('table actor: restore, disconnection and shutdown', () => {
  const restored = [
    { seat: 1, userId: ALICE, username: 'alice', stack: 5_000, sittingOut: false, leaving: false },
    { seat: 3, userId: BOB, username: 'bob', stack: 7_000, sittingOut: false, leaving: false },
    { seat: 4, userId: CAROL, username: 'carol', stack: 0, sittingOut: false, leaving: false },
  ];

  it('restores seats and stacks, deals on, sits out players who do not come back, then releases them', async () => {
    const harness = await startTableHarness({ seats: restored, lastHandNumber: 41 });
    await harness.settle();
    const hand = handOf(harness.view(null));
    expect(hand.number).toBe(42);
    expect(hand.players.map((player) => player.seat)).toEqual([3, 1]);
    expect(seatStatus(harness, CAROL)).toBe('sitting-out');
    expect(harness.view(null).seats.every((seat) => !seat.player?.connected)).toBe(true);

    // Alice comes back within the grace period; Bob and Carol do not: they are sat out, and keep
    // their seats for the away time.
    harness.actor.setConnected(ALICE, true);
    await harness.advance(TEST_SETTINGS.disconnectGraceMs);
    expect(seatStatus(harness, ALICE)).toBe('active');
    expect(seatStatus(harness, BOB)).toBe('sitting-out');
    expect(seatStatus(harness, CAROL)).toBe('sitting-out');
    // Bob was in the hand: his turns fold or check meanwhile.
    await playToEnd(harness);
    await harness.settle();
    expect(handOf(harness.view(null)).phase).toBe('complete');
    expect(harness.ledger.seats.has(3)).toBe(true);
    // Still away when that time is up: they leave, and their chips go back to their wallets.
    await harness.advance(TEST_SETTINGS.awaySeatKeepMs);
    expect(seatStatus(harness, BOB)).toBeUndefined();
    expect(seatStatus(harness, CAROL)).toBeUndefined();
    expect(harness.ledger.seats.has(3)).toBe(false);
    expect(harness.ledger.escrow.equals(harness.ledger.stacksTotal())).toBe(true);
  });

  it('lets the hand in progress finish at shutdown, or voids it after the wait', async () => {
    const finishing = await startTableHarness({ seats: restored.slice(0, 2) });
    await finishing.settle();
    const closed = finishing.actor.close();
    await finishing.settle();
    await actAs(finishing, userToAct(finishing), 'fold');
    await closed;
    expect(finishing.ledger.settlements).toHaveLength(1);
    expect(finishing.ledger.voids).toHaveLength(0);
    await finishing.advance(TEST_SETTINGS.handPauseMs * 3);
    expect(finishing.ledger.settlements).toHaveLength(1);

    const stalled = await startTableHarness({ seats: restored.slice(0, 2) });
    await stalled.settle();
    const closing = stalled.actor.close();
    await stalled.settle();
    // Nobody acts: the clocks run, and the shutdown wait (shorter than two full clocks) ends first.
    await stalled.advance(TEST_SETTINGS.shutdownHandWaitMs);
    await closing;
    expect(stalled.ledger.settlements).toHaveLength(0);
    expect(stalled.ledger.voids).toHaveLength(1);
    expect(stalled.view(null).hand).toBeNull();
  });
});
