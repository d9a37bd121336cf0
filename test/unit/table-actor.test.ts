import { describe, expect, it } from 'vitest';
import { verifyDeckReveal } from '../../src/fairness/deck-commitment.js';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { fixedDeck } from '../support/fixed-deck.js';
import { codeOf } from '../support/table-actor-steps.js';
import { startTableHarness, type TableHarness } from '../support/table-harness.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';

async function seat(harness: TableHarness, userId: string, seatNo: number, buyIn = '100') {
  harness.ledger.deposit(userId, new Money(1000));
  const result = await harness.actor.sit({ userId, username: userId, seat: seatNo, buyIn: new Money(buyIn) });
  await harness.settle();
  return result;
}

function hand(view: TableView) {
  if (!view.hand) throw new Error('no hand');
  return view.hand;
}

function seatOfTurn(harness: TableHarness): string {
  const view = harness.view(null);
  const seatNo = hand(view).toActSeat;
  const player = view.seats.find((seat) => seat.seat === seatNo)?.player;
  if (!player) throw new Error('nobody to act');
  return player.userId;
}

async function act(
  harness: TableHarness,
  userId: string,
  kind: 'fold' | 'check' | 'call' | 'bet' | 'raise' | 'all-in',
  amount?: string,
) {
  const view = harness.view(userId);
  const result = await harness.actor.act({
    userId,
    deckCommitment: hand(view).deckCommitment,
    handNumber: hand(view).number,
    turn: hand(view).turn,
    kind,
    ...(amount !== undefined && { amount: new Money(amount) }),
  });
  await harness.settle();
  return result;
}

describe('table actor: seating and the first hand', () => {
  it('deals a hand once two players sit, and shows hole cards only to their owner', async () => {
    const harness = await startTableHarness();
    // Alice at seat 1, Bob at seat 3: the lowest seat takes the button at a fresh start.
    harness.decks.push(fixedDeck(['AsAd', 'KsKd'], '2c7h9dTcJh'));
    const sat = await seat(harness, ALICE, 1);
    expect(sat.ok && sat.data.seats.find((s) => s.seat === 1)?.player).toMatchObject({
      userId: ALICE,
      stack: '100',
    });
    expect(harness.view(null).hand).toBeNull();
    expect((await seat(harness, BOB, 3)).ok).toBe(true);

    const spectator = harness.view(null);
    const h = hand(spectator);
    expect(h.number).toBe(1);
    expect(h.phase).toBe('preflop');
    expect(h.buttonSeat).toBe(1);
    expect(h.smallBlindSeat).toBe(1);
    expect(h.bigBlindSeat).toBe(3);
    expect(h.deckCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(h.players.every((player) => player.holeCards === null)).toBe(true);

    // Positions: [BB (Bob), button (Alice)]: Bob holds deck[0..1], Alice deck[2..3].
    const bobView = hand(harness.view(BOB));
    expect(bobView.players.find((p) => p.seat === 3)!.holeCards).toEqual(['As', 'Ad']);
    expect(bobView.players.find((p) => p.seat === 1)!.holeCards).toBeNull();
    const aliceView = hand(harness.view(ALICE));
    expect(aliceView.players.find((p) => p.seat === 1)!.holeCards).toEqual(['Ks', 'Kd']);
    // Heads-up the button (small blind) acts first preflop; only she gets legal actions.
    expect(aliceView.toActSeat).toBe(1);
    expect(aliceView.legal?.actions).toEqual(['fold', 'call', 'raise', 'all-in']);
    expect(aliceView.legal?.callAmount).toBe('0.5');
    expect(bobView.legal).toBeNull();
  });

  it('settles a hand through the ledger before the next one, conserving chips', async () => {
    const harness = await startTableHarness();
    harness.decks.push(fixedDeck(['AsAd', 'KsKd'], '2c7h9dTcJh'));
    await seat(harness, ALICE, 1);
    await seat(harness, BOB, 3);
    const total = harness.ledger.total();

    expect((await act(harness, ALICE, 'call')).ok).toBe(true);
    expect((await act(harness, BOB, 'check')).ok).toBe(true);
    for (let street = 0; street < 3; street++) {
      expect((await act(harness, BOB, 'check')).ok).toBe(true);
      expect((await act(harness, ALICE, 'check')).ok).toBe(true);
    }
    const done = harness.view(null);
    expect(hand(done).phase).toBe('complete');
    expect(harness.ledger.settlements).toHaveLength(1);
    const settlement = harness.ledger.settlements[0]!;
    // Aces win a 2-chip pot, 5% rake = 0.10.
    expect(settlement.rake.toFixed()).toBe('0.1');
    expect(harness.ledger.seats.get(3)!.stack.toFixed()).toBe('100.9');
    expect(harness.ledger.seats.get(1)!.stack.toFixed()).toBe('99');
    expect(harness.ledger.total().equals(total)).toBe(true);
    expect(harness.ledger.escrow.equals(harness.ledger.stacksTotal())).toBe(true);
    // Bob shows his aces; Alice, who cannot win, mucks. The stored deck opens the commitment.
    // Shown hands are named, with the five cards that make them (the best five of seven).
    expect(hand(done).result?.shown).toEqual([
      {
        seat: 3,
        cards: ['As', 'Ad'],
        hand: { name: 'a pair of aces', cards: ['As', 'Ad', 'Jh', 'Tc', '9d'] },
      },
    ]);
    // Each player's last move is in the view: Alice's check on the river is the tenth, blinds counted.
    expect(hand(done).players.find((p) => p.seat === 1)!.lastAction).toEqual({
      kind: 'check',
      amount: null,
      allIn: false,
      street: 'river',
      index: 9,
    });
    expect(hand(harness.view(BOB)).players.find((p) => p.seat === 1)!.holeCards).toBeNull();
    expect(
      verifyDeckReveal(hand(done).deckCommitment, { deck: settlement.deck, salts: settlement.salt }).ok,
    ).toBe(true);
    expect(settlement.history).toContain("variant = 'NT'");

    // The next hand waits for the pause, and the big blind moves on.
    expect(hand(harness.view(null)).number).toBe(1);
    await harness.advance(1_000);
    const next = hand(harness.view(null));
    expect(next.number).toBe(2);
    expect(next.bigBlindSeat).toBe(1);
    expect(next.buttonSeat).toBe(3);
  });

  it('publishes every change with the next sequence number', async () => {
    const harness = await startTableHarness();
    await seat(harness, ALICE, 1);
    await seat(harness, BOB, 2);
    await act(harness, seatOfTurn(harness), 'fold');
    await harness.advance(1_000);
    const seqs = harness.broadcaster.snapshots.map((snapshot) => snapshot.seq);
    expect(seqs.length).toBeGreaterThan(4);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(harness.view(ALICE).seq).toBe(seqs[seqs.length - 1]);
  });
});

describe('table actor: refused commands change nothing', () => {
  it('gives each mistake its own code', async () => {
    const harness = await startTableHarness();
    await seat(harness, ALICE, 1);
    await seat(harness, BOB, 2);
    harness.ledger.deposit(CAROL, new Money(1000));
    const before = harness.view(null).seq;
    const h = hand(harness.view(null));
    const toAct = seatOfTurn(harness);
    const other = toAct === ALICE ? BOB : ALICE;
    const base = { deckCommitment: h.deckCommitment, handNumber: h.number, turn: h.turn };

    const cases: [Promise<{ ok: boolean; error?: { code: string } }>, string][] = [
      [harness.actor.act({ userId: other, ...base, kind: 'fold' }), 'table/not-your-turn'],
      [harness.actor.act({ userId: CAROL, ...base, kind: 'fold' }), 'table/not-seated'],
      [harness.actor.act({ userId: toAct, ...base, turn: h.turn + 1, kind: 'fold' }), 'table/stale-action'],
      [harness.actor.act({ userId: toAct, ...base, handNumber: 99, kind: 'fold' }), 'table/stale-action'],
      [harness.actor.act({ userId: toAct, ...base, kind: 'check' }), 'table/illegal-action'],
      [
        harness.actor.act({ userId: toAct, ...base, kind: 'raise', amount: new Money('1.5') }),
        'table/invalid-amount',
      ],
      [
        harness.actor.act({ userId: toAct, ...base, kind: 'raise', amount: new Money('5000') }),
        'table/invalid-amount',
      ],
      [
        harness.actor.act({ userId: toAct, ...base, kind: 'raise', amount: new Money('2.001') }),
        'table/invalid-amount',
      ],
      [
        harness.actor.sit({ userId: CAROL, username: CAROL, seat: 1, buyIn: new Money(50) }),
        'table/seat-taken',
      ],
      [
        harness.actor.sit({ userId: ALICE, username: ALICE, seat: 4, buyIn: new Money(50) }),
        'table/already-seated',
      ],
      [
        harness.actor.sit({ userId: CAROL, username: CAROL, seat: 7, buyIn: new Money(50) }),
        'table/invalid-seat',
      ],
      [
        harness.actor.sit({ userId: CAROL, username: CAROL, seat: 4, buyIn: new Money(10) }),
        'table/buy-in-out-of-range',
      ],
      [
        harness.actor.sit({ userId: CAROL, username: CAROL, seat: 4, buyIn: new Money('50.001') }),
        'table/invalid-amount',
      ],
      [harness.actor.topUp(toAct, new Money(500)), 'table/top-up-out-of-range'],
      [harness.actor.leave(CAROL), 'table/not-seated'],
      [harness.actor.sitIn(ALICE), 'table/not-sitting-out'],
    ];
    for (const [pending, code] of cases) {
      const result = await pending;
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe(code);
    }
    await harness.settle();
    expect(harness.view(null).seq).toBe(before);
    expect(hand(harness.view(null)).turn).toBe(h.turn);

    // A doubled action: the first applies, the copy is stale.
    const first = harness.actor.act({ userId: toAct, ...base, kind: 'call' });
    const second = harness.actor.act({ userId: toAct, ...base, kind: 'call' });
    expect((await first).ok).toBe(true);
    expect(codeOf(await second)).toBe('table/stale-action');
  });

  it('refuses commands when the mailbox is full, with a typed error', async () => {
    const harness = await startTableHarness({ settings: { mailboxCapacity: 2 } });
    await seat(harness, ALICE, 1);
    // Hold the mailbox busy with a buy-in... the table answers at most `capacity` waiting commands.
    const pending = Array.from({ length: 6 }, () => harness.actor.sitOut(BOB));
    const results = await Promise.all(pending);
    const full = results.filter((result) => !result.ok && result.error.code === 'table/mailbox-full');
    expect(full.length).toBeGreaterThanOrEqual(3);
  });
});
