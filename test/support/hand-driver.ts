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
      if (roll < (options.allInChance ?? 0.01) && can('all-in')) ack = await act(client, tableId, 'all-in');
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
        (v) => v.hand?.number !== number || v.hand.turn > turn || v.hand.phase === 'complete',
      );
    }
    await watcher.waitForView(tableId, (v) => v.hand?.number === number && v.hand.phase === 'complete');
  }
  return { played };
}
