import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { fixedDeck } from '../support/fixed-deck.js';
import { actAs, codeOf, handOf, seatPlayer, seatStatus } from '../support/table-actor-steps.js';
import { startTableHarness } from '../support/table-harness.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';

describe('table actor: out of chips', () => {
  it('sits a busted player out; sitting in needs a rebuy, and a rebuy is at least the minimum buy-in', async () => {
    const harness = await startTableHarness();
    // Alice (seat 1, the button) holds kings, Bob (seat 2) aces; the board gives nobody more.
    harness.decks.push(fixedDeck(['AsAd', 'KsKd'], '2c7h9dTc3h'));
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    expect(codeOf(await actAs(harness, ALICE, 'all-in'))).toBeNull();
    expect(codeOf(await actAs(harness, BOB, 'call'))).toBeNull();
    expect(handOf(harness.view(null)).phase).toBe('complete');
    expect(harness.view(null).seats[0]!.player).toMatchObject({
      userId: ALICE,
      stack: '0',
      status: 'sitting-out',
    });

    // "Sit back in" with nothing to play with is refused, not silently undone.
    expect(codeOf(await harness.actor.sitIn(ALICE))).toBe('table/no-chips');
    // The table's minimum buy-in is 20: a rebuy of 10 is refused, one of 100 goes through.
    expect(codeOf(await harness.actor.topUp(ALICE, new Money(10)))).toBe('table/top-up-out-of-range');
    expect(codeOf(await harness.actor.topUp(ALICE, new Money(201)))).toBe('table/top-up-out-of-range');
    expect(await harness.actor.topUp(ALICE, new Money(100))).toEqual({ ok: true, data: { when: 'now' } });
    await harness.settle();
    expect(harness.view(null).seats[0]!.player?.stack).toBe('100');
    expect(codeOf(await harness.actor.sitIn(ALICE))).toBeNull();
    expect(seatStatus(harness, ALICE)).not.toBe('sitting-out');
    // With chips again, a top-up of any size up to the maximum is a top-up.
    expect(codeOf(await harness.actor.topUp(ALICE, new Money(1)))).toBeNull();
  });
});

describe("table actor: a table's own clock", () => {
  it('times turns with the action time and time bank set on the table, not the server-wide ones', async () => {
    // The server's settings here: 10 s to act, 20 s of time bank.
    const harness = await startTableHarness({ config: { actionTimeoutMs: 4_000, timeBankMs: 50_000 } });
    await seatPlayer(harness, ALICE, 1);
    await seatPlayer(harness, BOB, 2);
    const view = harness.view(null);
    const hand = handOf(view);
    expect(hand.clock!.deadlineMs - view.serverTimeMs).toBe(4_000);
    expect(hand.clock!.timeBankDeadlineMs - hand.clock!.deadlineMs).toBe(50_000);
    expect(view.seats.map((seat) => seat.player?.timeBankMs).filter(Boolean)).toEqual([50_000, 50_000]);
  });
});
