import { describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import { TableUpdateSchema } from '../../src/protocol/server-message-schemas.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { TableViewAssembler } from '../../src/protocol/table-view-assembler.js';
import type { TablePublication } from '../../src/tables/table-ports.js';
import { seededInt, seededRandom } from '../support/seeded-random.js';
import { actAs, handOf, seatPlayer } from '../support/table-actor-steps.js';
import { startTableHarness, type TableHarness } from '../support/table-harness.js';

const PLAYERS = ['user-a', 'user-b', 'user-c', 'user-d'];
const WATCHER = 'user-watcher';
/** Every kind of viewer: seated players, a signed-in watcher without a seat, an anonymous one. */
const VIEWERS: readonly (string | null)[] = [...PLAYERS, WATCHER, null];

/** What one viewer's sockets receive for one publication. */
function messageFor(publication: TablePublication, viewer: string | null): TableUpdate {
  const own = viewer === null ? undefined : publication.privates.get(viewer);
  return own ? { ...publication.update, private: own } : publication.update;
}

/** One legal action for whoever must act, chosen by the seed (including bets and raises). */
async function playOneAction(harness: TableHarness, next: (max: number) => number): Promise<boolean> {
  const spectator = harness.view(null);
  const hand = spectator.hand;
  if (!hand || hand.toActSeat === null) return false;
  const userId = spectator.seats.find((seat) => seat.seat === hand.toActSeat)!.player!.userId;
  const legal = handOf(harness.view(userId)).legal!;
  const kind = legal.actions[next(legal.actions.length)]!;
  if (kind === 'bet' || kind === 'raise') {
    const range = legal.betOrRaise!;
    // Mostly the smallest bet, sometimes all of it: all-ins and side pots without ending the game early.
    const pick = next(8) === 0 ? range.maxTo : range.minTo;
    await actAs(harness, userId, kind, pick);
  } else {
    await actAs(harness, userId, kind);
  }
  return true;
}

/** Players out of chips top up and sit in again, so that the game goes on. */
async function rebuyBrokePlayers(harness: TableHarness): Promise<void> {
  for (const seat of harness.view(null).seats) {
    const player = seat.player;
    if (player?.status !== 'sitting-out') continue;
    if (player.stack === '0') await harness.actor.topUp(player.userId, new Money(50));
    await harness.actor.sitIn(player.userId);
  }
  await harness.settle();
}

describe('table updates: the stream each viewer receives rebuilds the view the server renders for them', () => {
  it.each([1, 2, 3])(
    'holds at every seq through hands, time-outs, a late seat and a leave (seed %i)',
    async (seed) => {
      const harness = await startTableHarness({ seed });
      const rand = seededRandom(seed * 101);
      const next = (max: number) => seededInt(rand, max);
      const assemblers = new Map(VIEWERS.map((viewer) => [viewer, new TableViewAssembler(viewer)]));
      for (const [viewer, assembler] of assemblers) assembler.reset(harness.view(viewer));
      let checked = 0;
      const check = () => {
        const publications = harness.broadcaster.publications.splice(0);
        for (const publication of publications) {
          expect(TableUpdateSchema.safeParse(publication.update).success).toBe(true);
          for (const [viewer, assembler] of assemblers) {
            const message = messageFor(publication, viewer);
            expect(TableUpdateSchema.safeParse(message).success).toBe(true);
            if (message.private) expect(viewer).not.toBeNull();
            const outcome = assembler.apply(message);
            expect(outcome.kind).toBe('applied');
            const rendered: TableView = publication.snapshot.viewFor(viewer);
            expect(assembler.view).toEqual(rendered);
            checked += 1;
          }
        }
      };
      harness.broadcaster.publications.length = 0;

      await seatPlayer(harness, PLAYERS[0]!, 1);
      await seatPlayer(harness, PLAYERS[1]!, 3);
      await seatPlayer(harness, PLAYERS[2]!, 4);
      check();
      for (let step = 0; step < 300; step++) {
        if (step === 30) await seatPlayer(harness, PLAYERS[3]!, 6);
        if (step === 60) {
          // A turn left to the clock: the time bank starts, then the player is checked or folded.
          await harness.advance(10_000);
          await harness.advance(25_000);
        }
        if (step === 90) await harness.actor.leave(PLAYERS[1]!);
        if (step === 100) await harness.actor.topUp(PLAYERS[0]!, new Money(20));
        const acted = await playOneAction(harness, next);
        if (!acted) {
          await rebuyBrokePlayers(harness);
          await harness.advance(1_000);
        }
        check();
      }
      // Enough hands and viewers were compared to mean something.
      expect(checked).toBeGreaterThan(1_000);
      expect(harness.ledger.settlements.length).toBeGreaterThan(5);
    },
  );

  it('sends a player their own part only when it changes, and never to anyone else', async () => {
    const harness = await startTableHarness({ seed: 9 });
    await seatPlayer(harness, PLAYERS[0]!, 1);
    await seatPlayer(harness, PLAYERS[1]!, 2);
    const dealt = harness.broadcaster.publications.find((publication) => publication.snapshot.hand);
    expect(dealt).toBeDefined();
    // The deal: each player dealt in gets their two cards, and only theirs.
    expect([...dealt!.privates.keys()].sort()).toEqual([PLAYERS[0], PLAYERS[1]].sort());
    for (const [userId, own] of dealt!.privates) {
      const mine = handOf(dealt!.snapshot.viewFor(userId)).players.find((player) => player.holeCards);
      expect(own.holeCards).toEqual(mine!.holeCards);
    }
    expect(JSON.stringify(dealt!.update)).not.toMatch(/"holeCards":\["/);

    harness.broadcaster.publications.length = 0;
    const mover = harness
      .view(null)
      .seats.find((seat) => seat.seat === handOf(harness.view(null)).toActSeat)!;
    await actAs(harness, mover.player!.userId, 'call');
    const [afterCall] = harness.broadcaster.publications;
    // Only the next player to act gets something of their own: what they may do now.
    expect([...afterCall!.privates.keys()]).toHaveLength(1);
    const [[nextUser, own]] = [...afterCall!.privates];
    expect(nextUser).not.toBe(mover.player!.userId);
    expect(own.legal).not.toBeNull();
    expect(own.turn).toBe(handOf(afterCall!.snapshot.viewFor(null)).turn);
  });

  it('waits for a whole view, refuses to skip a seq, and ignores what it already has', async () => {
    const harness = await startTableHarness({ seed: 4 });
    await seatPlayer(harness, PLAYERS[0]!, 1);
    const base = harness.view(PLAYERS[0]!);
    harness.broadcaster.publications.length = 0;
    await seatPlayer(harness, PLAYERS[1]!, 2);
    const updates = harness.broadcaster.publications.map((publication) =>
      messageFor(publication, PLAYERS[0]!),
    );
    expect(updates.length).toBeGreaterThan(1);

    const late = new TableViewAssembler(PLAYERS[0]!);
    expect(late.apply(updates[0]!).kind).toBe('waiting');
    expect(late.reset(base).kind).toBe('applied');
    expect(late.view!.seq).toBe(updates[0]!.seq);

    const skipping = new TableViewAssembler(PLAYERS[0]!);
    skipping.reset(base);
    expect(skipping.apply(updates[1]!).kind).toBe('gap');
    expect(skipping.apply(updates[0]!).kind).toBe('applied');
    expect(skipping.apply(updates[0]!).kind).toBe('stale');
    expect(skipping.apply({ ...updates[1]!, tableId: '00000000-0000-4000-8000-00000000000f' }).kind).toBe(
      'stale',
    );
    // Changes to a hand the client does not hold cannot be applied: it must resync.
    const orphan = new TableViewAssembler(null);
    orphan.reset({ ...base, hand: null });
    expect(
      orphan.apply({ tableId: base.tableId, seq: base.seq + 1, serverTimeMs: 1, handChanges: { turn: 3 } })
        .kind,
    ).toBe('gap');
  });
});
