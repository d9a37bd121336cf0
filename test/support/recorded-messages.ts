import { Money } from '../../src/money/index.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { seededInt, seededRandom } from './seeded-random.js';
import { actAs, handOf, seatPlayer } from './table-actor-steps.js';
import { startTableHarness, type TableHarness } from './table-harness.js';

/**
 * What the players of one 6-max table receive over some hands, as they receive it: the whole view
 * each gets when it sits (a table:sit ack's data) and every table:update after it, through JSON as
 * on the wire. Made by a real table actor (the table harness) playing seeded legal moves; the bots'
 * validator tests and the bots' message benchmark read it.
 */
export interface RecordedMessages {
  /** Each player's whole view, taken after everyone sat. */
  readonly views: readonly { readonly userId: string; readonly view: TableView }[];
  /** In order: the player who received it, and the update. */
  readonly updates: readonly { readonly userId: string; readonly update: TableUpdate }[];
}

const PLAYERS = ['bot-1', 'bot-2', 'bot-3', 'bot-4', 'bot-5', 'bot-6'];

const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function playOneAction(harness: TableHarness, next: (max: number) => number): Promise<boolean> {
  const hand = harness.view(null).hand;
  if (!hand || hand.toActSeat === null) return false;
  const userId = harness.view(null).seats.find((seat) => seat.seat === hand.toActSeat)!.player!.userId;
  const legal = handOf(harness.view(userId)).legal!;
  const kind = legal.actions[next(legal.actions.length)]!;
  if (kind === 'bet' || kind === 'raise') {
    const range = legal.betOrRaise!;
    await actAs(harness, userId, kind, next(6) === 0 ? range.maxTo : range.minTo);
  } else {
    await actAs(harness, userId, kind);
  }
  return true;
}

/** Plays `actions` seeded moves at a table of six and returns what its players received. */
export async function recordTableMessages(actions: number, seed = 1): Promise<RecordedMessages> {
  const harness = await startTableHarness({ seed, config: { maxSeats: 6 } });
  const rand = seededRandom(seed * 31);
  const next = (max: number) => seededInt(rand, max);
  for (const [index, userId] of PLAYERS.entries()) await seatPlayer(harness, userId, index + 1);
  const views = PLAYERS.map((userId) => ({ userId, view: wire(harness.view(userId)) }));
  const updates: { userId: string; update: TableUpdate }[] = [];
  harness.broadcaster.publications.length = 0;
  for (let step = 0; step < actions; step++) {
    if (!(await playOneAction(harness, next))) {
      // Between hands: players out of chips buy again and sit in, and the next hand is dealt.
      for (const seat of harness.view(null).seats) {
        const player = seat.player;
        if (player?.status !== 'sitting-out') continue;
        if (player.stack === '0') await harness.actor.topUp(player.userId, new Money(100));
        await harness.actor.sitIn(player.userId);
      }
      await harness.advance(1_000);
    }
    for (const publication of harness.broadcaster.publications.splice(0)) {
      for (const userId of PLAYERS) {
        const own = publication.privates.get(userId);
        updates.push({
          userId,
          update: wire(own ? { ...publication.update, private: own } : publication.update),
        });
      }
    }
  }
  return { views, updates };
}
