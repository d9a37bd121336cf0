import { expect } from 'vitest';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { PokerClient } from './poker-client.js';
import { seededRandom } from './seeded-random.js';
import { act, clientToAct } from './table-client-steps.js';
import type { TableServer } from './table-server.js';

export interface DriveOptions {
  readonly hands: number;
  readonly seed: number;
  /** Pause between hands (the table's handPauseMs): the clock moves by it to deal the next hand. */
  readonly pauseMs: number;
  /** Chance of going all-in when allowed (default small, so stacks last). */
  readonly allInChance?: number;
  /**
   * The table's runout pause (TableSettings.runoutPauseMs), when it has one: at an all-in the
   * driver waits for the equity, then moves the clock past the pause; with run it twice, the
   * players answer instead (yes with this chance, default 0.7).
   */
  readonly runoutPauseMs?: number;
  readonly agreeChance?: number;
}

/**
 * The board waits to run out: once the equity is shown, the players still in answer whether to run
 * it twice (one "no" runs it once at once), or, without run it twice, the pause is let pass.
 */
async function passRunout(
  server: TableServer,
  tableId: string,
  players: readonly PokerClient[],
  watcher: PokerClient,
  number: number,
  rand: () => number,
  options: DriveOptions,
): Promise<void> {
  const shown = await watcher.waitForView(
    tableId,
    (v) => v.hand?.number !== number || v.hand.phase === 'complete' || v.hand.equity !== null,
    10_000,
  );
  const hand = shown.hand;
  if (hand?.number === number && hand.runout) {
    if (hand.runout.runItTwice) {
      for (const { seat } of hand.runout.decisions) {
        const userId = shown.seats.find((candidate) => candidate.seat === seat)?.player?.userId;
        const client = players.find((candidate) => candidate.userId === userId)!;
        const agree = rand() < (options.agreeChance ?? 0.7);
        const ack = await client.send<null>('table:run-twice', {
          tableId,
          deckCommitment: hand.deckCommitment,
          agree,
        });
        expect(ack).toEqual({ ok: true, data: null });
        if (!agree) break; // One "no" has run the board once.
      }
    } else server.advance(options.runoutPauseMs ?? 0);
  }
  await watcher.waitForView(tableId, (v) => v.hand?.number !== number || v.hand.phase === 'complete');
}

/**
 * Plays hands through real sockets with seeded random legal actions: each player acts only on a
 * view that offers it the turn, quoting that view. A watcher follows the table. Returns the hand
 * numbers played.
 */
export async function driveHands(
  server: TableServer,
  tableId: string,
  players: readonly PokerClient[],
  watcher: PokerClient,
  options: DriveOptions,
): Promise<{ played: number[] }> {
  const rand = seededRandom(options.seed);
  const played: number[] = [];
  for (let i = 0; i < options.hands; i++) {
    const previous = watcher.latest(tableId)?.hand?.number ?? 0;
    server.advance(options.pauseMs);
    let view: TableView;
    try {
      view = await watcher.waitForView(tableId, (v) => (v.hand?.number ?? 0) > previous, 2_000);
    } catch {
      break; // No hand started: fewer than two players have chips.
    }
    const number = view.hand!.number;
    played.push(number);
    for (let step = 0; step < 200; step++) {
      view = watcher.latest(tableId)!;
      if (view.hand!.number !== number || view.hand!.phase === 'complete') break;
      if (view.hand!.runout) {
        await passRunout(server, tableId, players, watcher, number, rand, options);
        continue;
      }
      const turn = view.hand!.turn;
      const client = clientToAct(players, view);
      const own = await client.waitForView(
        tableId,
        (v) => v.hand?.number === number && v.hand.turn === turn && v.hand.legal !== null,
      );
      const legal = own.hand!.legal!;
      const roll = rand();
      const can = (kind: string) => legal.actions.includes(kind as never);
      let ack: Awaited<ReturnType<typeof act>>;
      const allIn = roll < (options.allInChance ?? 0.01);
      if (allIn && can('all-in')) ack = await act(client, tableId, 'all-in');
      // Where the limit (Pot-Limit Omaha) keeps the stack out of reach, the largest raise: a pot.
      else if (allIn && legal.betOrRaise)
        ack = await act(client, tableId, legal.betOrRaise.kind, legal.betOrRaise.maxTo);
      // Raising is kept modest (never re-raising a big bet), so stacks last for many hands.
      else if (roll < 0.25 && legal.betOrRaise && new Money(legal.callAmount ?? '0').lessThanOrEqualTo(2)) {
        ack = await act(client, tableId, legal.betOrRaise.kind, legal.betOrRaise.minTo);
      } else if (
        !can('check') &&
        (roll < 0.45 || (roll < 0.9 && new Money(legal.callAmount ?? '0').greaterThan(20)))
      ) {
        ack = await act(client, tableId, 'fold');
      } else ack = await act(client, tableId, can('check') ? 'check' : 'call');
      expect(ack, 'an applied action is acknowledged with no data').toEqual({ ok: true, data: null });
      await watcher.waitForView(
        tableId,
        (v) =>
          v.hand?.number !== number ||
          v.hand.turn > turn ||
          v.hand.phase === 'complete' ||
          v.hand.runout !== null,
      );
    }
    await watcher.waitForView(tableId, (v) => v.hand?.number === number && v.hand.phase === 'complete');
  }
  return { played };
}
