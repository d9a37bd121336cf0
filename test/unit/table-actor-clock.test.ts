import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { actAs, codeOf, handOf, seatPlayer, seatStatus, userToAct } from '../support/table-actor-steps.js';
import { startTableHarness, TEST_SETTINGS } from '../support/table-harness.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';

describe('table actor: the action clock', () => {
  it('uses the time bank after the deadline, then checks or folds', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    const first = handOf(harness.view(null));
    const slow = userToAct(harness);
    expect(first.clock?.deadlineMs).toBe(harness.clock.now() + TEST_SETTINGS.actionTimeoutMs);
    expect(first.clock?.timeBankDeadlineMs).toBe(first.clock!.deadlineMs + TEST_SETTINGS.timeBankInitialMs);

    await harness.advance(TEST_SETTINGS.actionTimeoutMs - 1);
    expect(handOf(harness.view(null)).clock?.usingTimeBank).toBe(false);
    await harness.advance(1);
    expect(handOf(harness.view(null)).clock?.usingTimeBank).toBe(true);
    expect(handOf(harness.view(null)).turn).toBe(first.turn);

    // Acting 5 seconds into the bank costs 5 seconds of it.
    await harness.advance(5_000);
    expect((await actAs(harness, slow, 'call')).ok).toBe(true);
    const bank = harness.view(null).seats.find((seat) => seat.player?.userId === slow)!.player!.timeBankMs;
    expect(bank).toBe(TEST_SETTINGS.timeBankInitialMs - 5_000);

    // The other player lets both clocks run out: a check is possible, so the table checks.
    const other = userToAct(harness);
    expect(other).not.toBe(slow);
    await harness.advance(TEST_SETTINGS.actionTimeoutMs + TEST_SETTINGS.timeBankInitialMs);
    const after = handOf(harness.view(null));
    expect(after.phase).toBe('flop');
    const otherSeat = harness.view(null).seats.find((seat) => seat.player?.userId === other)!.player!;
    expect(otherSeat.timeBankMs).toBe(0);
    expect(otherSeat.status).toBe('active');
  });

  it('folds facing a bet, and sits a player out after too many missed turns', async () => {
    const harness = await startTableHarness({ settings: { timeBankInitialMs: 0, timeBankPerHandMs: 0 } });
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    const ledgerTotal = harness.ledger.total();
    // Preflop the first to act faces the big blind: timing out folds.
    const absent = userToAct(harness);
    await harness.advance(TEST_SETTINGS.actionTimeoutMs);
    expect(handOf(harness.view(null)).phase).toBe('complete');
    expect(harness.ledger.settlements).toHaveLength(1);
    expect(seatStatus(harness, absent)).toBe('active');

    // Next hand: if the absent player acts first they time out again; else the other acts and
    // then they do. Either way their second missed turn sits them out.
    await harness.advance(TEST_SETTINGS.handPauseMs);
    expect(handOf(harness.view(null)).number).toBe(2);
    if (userToAct(harness) !== absent) await actAs(harness, userToAct(harness), 'call');
    expect(userToAct(harness)).toBe(absent);
    await harness.advance(TEST_SETTINGS.actionTimeoutMs);
    expect(seatStatus(harness, absent)).toBe('sitting-out');
    expect(
      harness.broadcaster.notices.some(
        (n) => n.userId === absent && n.notice.kind === 'sat-out-missed-turns',
      ),
    ).toBe(true);

    // Hand 2 is played out with the absent player checking or folding at once, then no hand
    // starts: one player left in.
    const present = absent === ALICE ? BOB : ALICE;
    for (let i = 0; i < 8 && handOf(harness.view(null)).phase !== 'complete'; i++) {
      await actAs(
        harness,
        present,
        handOf(harness.view(present)).legal?.actions.includes('check') ? 'check' : 'call',
      );
    }
    expect(handOf(harness.view(null)).phase).toBe('complete');
    await harness.advance(TEST_SETTINGS.handPauseMs * 3);
    expect(handOf(harness.view(null)).number).toBe(2);
    expect(harness.view(null).status).toBe('waiting');

    // Sitting back in: the table runs again (two players only, so nobody waits for the big blind).
    expect((await harness.actor.sitIn(absent)).ok).toBe(true);
    await harness.settle();
    expect(handOf(harness.view(null)).number).toBe(3);
    expect(harness.ledger.total().equals(ledgerTotal)).toBe(true);
  });
});

describe('table actor: blinds and new players', () => {
  it('moves the big blind one seat per hand and deals a newcomer in at the big blind', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 3);
    expect(handOf(harness.view(null)).bigBlindSeat).toBe(3);
    // Carol sits at seat 5 mid-hand: she waits for the big blind.
    expect((await seatPlayer(harness, CAROL, 5)).ok).toBe(true);
    expect(seatStatus(harness, CAROL)).toBe('waiting-for-big-blind');
    await actAs(harness, userToAct(harness), 'fold');
    await harness.advance(TEST_SETTINGS.handPauseMs);
    // The big blind moves from seat 3 to the next player, Carol at 5, who is dealt in.
    const second = handOf(harness.view(null));
    expect(second.bigBlindSeat).toBe(5);
    expect(second.smallBlindSeat).toBe(3);
    expect(second.buttonSeat).toBe(1);
    expect(second.players.map((player) => player.seat)).toEqual([3, 5, 1]);
    expect(seatStatus(harness, CAROL)).toBe('active');

    await actAs(harness, userToAct(harness), 'fold');
    await actAs(harness, userToAct(harness), 'fold');
    await harness.advance(TEST_SETTINGS.handPauseMs);
    const third = handOf(harness.view(null));
    expect([third.buttonSeat, third.smallBlindSeat, third.bigBlindSeat]).toEqual([3, 5, 1]);
  });

  it('keeps a seat during a hand the player leaves, and cashes out when it ends', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    await seatPlayer(harness, CAROL, 3);
    // Carol sat during hand 1; the big blind reaches her in hand 2.
    await actAs(harness, userToAct(harness), 'fold');
    await harness.advance(TEST_SETTINGS.handPauseMs);
    expect(handOf(harness.view(null)).bigBlindSeat).toBe(3);
    const walletBefore = harness.ledger.wallet(CAROL);
    const leave = await harness.actor.leave(CAROL);
    expect(leave).toEqual({ ok: true, data: { when: 'after-hand' } });
    await harness.settle();
    expect(seatStatus(harness, CAROL)).toBe('leaving');
    // Play the hand out: Carol's turns are folded for her.
    for (let i = 0; i < 20 && handOf(harness.view(null)).phase !== 'complete'; i++) {
      const user = userToAct(harness);
      const legal = handOf(harness.view(user)).legal!;
      await actAs(harness, user, legal.actions.includes('check') ? 'check' : 'call');
    }
    expect(seatStatus(harness, CAROL)).toBeUndefined();
    expect(harness.ledger.seats.has(3)).toBe(false);
    expect(harness.ledger.wallet(CAROL).greaterThan(walletBefore)).toBe(true);
    // Between hands a leave is immediate.
    expect(await harness.actor.leave(BOB)).toEqual({ ok: true, data: { when: 'now' } });
  });

  it('applies a top-up asked for during a hand after that hand', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1, '50');
    await seatPlayer(harness, BOB, 2);
    expect(await harness.actor.topUp(ALICE, new Money(25))).toEqual({
      ok: true,
      data: { when: 'after-hand' },
    });
    await harness.settle();
    const stackDuringHand = harness.ledger.seats.get(1)!.stack;
    expect(stackDuringHand.toFixed()).toBe('50');
    await actAs(harness, userToAct(harness), 'fold');
    const after = harness.ledger.seats.get(1)!.stack;
    const settled = harness.ledger.settlements[0]!.stacks.find((entry) => entry.seat === 1)!.stack;
    expect(after.toFixed()).toBe(settled.plus(25).toFixed());
    expect(
      harness.broadcaster.notices.some((n) => n.userId === ALICE && n.notice.kind === 'top-up-applied'),
    ).toBe(true);
    // Between hands (during the pause) a top-up is immediate.
    expect(await harness.actor.topUp(ALICE, new Money(5))).toEqual({ ok: true, data: { when: 'now' } });
    expect(harness.ledger.seats.get(1)!.stack.toFixed()).toBe(after.plus(5).toFixed());
    expect(harness.view(null).seats.find((seat) => seat.seat === 1)!.player!.stack).toBe(
      after.plus(5).toFixed(),
    );
  });

  it('lets the table play on while a top-up between hands is in the ledger', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    // Carol sits down during hand 1: she is not in it, so her top-up goes to the ledger at once.
    await seatPlayer(harness, CAROL, 3, '50');
    expect(
      handOf(harness.view(null))
        .players.map((player) => player.seat)
        .sort(),
    ).toEqual([1, 2]);
    let release = () => {};
    harness.ledger.topUpDelay = new Promise<void>((resolve) => {
      release = resolve;
    });
    const topUp = harness.actor.topUp(CAROL, new Money(25));
    await harness.settle();
    // One top-up at a time; the other players act meanwhile (the mailbox is not held).
    expect(codeOf(await harness.actor.topUp(CAROL, new Money(5)))).toBe('table/top-up-in-progress');
    expect((await actAs(harness, userToAct(harness), 'fold')).ok).toBe(true);
    expect(handOf(harness.view(null)).phase).toBe('complete');
    // The next hand is dealt without her: her stack in the ledger is still moving.
    await harness.advance(TEST_SETTINGS.handPauseMs);
    expect(handOf(harness.view(null)).number).toBe(2);
    expect(
      handOf(harness.view(null))
        .players.map((player) => player.seat)
        .sort(),
    ).toEqual([1, 2]);
    // A leave asked for meanwhile waits for the money, then cashes out all of it.
    expect(await harness.actor.leave(CAROL)).toEqual({ ok: true, data: { when: 'after-hand' } });
    const walletBefore = harness.ledger.wallet(CAROL);
    release();
    expect(await topUp).toEqual({ ok: true, data: { when: 'now' } });
    await harness.settle();
    expect(seatStatus(harness, CAROL)).toBeUndefined();
    expect(harness.ledger.seats.has(3)).toBe(false);
    expect(harness.ledger.wallet(CAROL).toFixed()).toBe(walletBefore.minus(25).plus(75).toFixed());
  });

  it('waits, when closing, for a top-up already in the ledger', async () => {
    const harness = await startTableHarness();
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    await actAs(harness, userToAct(harness), 'fold');
    // Between hands: Alice's top-up goes to the ledger at once, and is held there.
    let release = () => {};
    harness.ledger.topUpDelay = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stackBefore = harness.ledger.seats.get(1)!.stack;
    const topUp = harness.actor.topUp(ALICE, new Money(10));
    await harness.settle();
    let closed = false;
    const closing = harness.actor.close().then(() => {
      closed = true;
    });
    await harness.settle();
    expect(closed).toBe(false);
    release();
    await closing;
    expect(await topUp).toEqual({ ok: true, data: { when: 'now' } });
    expect(harness.ledger.seats.get(1)!.stack.toFixed()).toBe(stackBefore.plus(10).toFixed());
    expect(harness.view(null).seats.find((seat) => seat.seat === 1)!.player!.stack).toBe(
      stackBefore.plus(10).toFixed(),
    );
  });
});
