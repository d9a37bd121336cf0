import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { PokerClient } from '../support/poker-client.js';
import { act, clientToAct, waitForTurn } from '../support/table-client-steps.js';
import { startTableServer, type TableServer } from '../support/table-server.js';

/**
 * An update goes out only when something a viewer can see changed. A top-up between hands is a
 * wallet movement of one player: the others see its result (a bigger stack) and nothing else, and
 * a top-up the ledger refuses leaves no trace at all for them, not even an empty update.
 */

let server: TableServer;
let tableId: string;
let alice: PokerClient;
let bob: PokerClient;
let watcher: PokerClient;

/** Every frame of the watcher from index `from` on. */
function framesSince(from: number) {
  return watcher.frames.slice(from);
}

function quiet(ms = 200): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

beforeAll(async () => {
  server = await startTableServer('tables_top_up_updates');
  tableId = await server.createTable({ name: 'Top-ups' });
  const [a, b, w] = await Promise.all([
    server.player('alice', '1000'),
    // Bob brings all he has to the table: his wallet is empty afterwards.
    server.player('bob', '100'),
    server.player('walt'),
  ]);
  [alice, bob, watcher] = await Promise.all([server.connect(a), server.connect(b), server.connect(w)]);
  expect((await watcher.send('table:join', { tableId })).ok).toBe(true);
  expect((await watcher.send('lobby:subscribe', {})).ok).toBe(true);
  expect((await alice.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
  expect((await bob.send('table:sit', { tableId, seat: 2, buyIn: '100' })).ok).toBe(true);
  // One hand, ended by a fold; the table then pauses between hands (the manual clock stays put).
  server.advance(0);
  const dealt = await watcher.waitForView(
    tableId,
    (view) => view.hand?.number === 1 && view.hand.toActSeat !== null,
  );
  const mover = clientToAct([alice, bob], dealt);
  await waitForTurn(mover, tableId, 1);
  expect((await act(mover, tableId, 'fold')).ok).toBe(true);
  await watcher.waitForView(tableId, (view) => view.hand?.number === 1 && view.hand.proof !== null);
  await quiet();
});

afterAll(async () => {
  for (const client of [alice, bob, watcher]) client?.close();
  await server?.close();
});

describe('top-ups between hands', () => {
  it('a refused top-up sends watchers nothing at all', async () => {
    const mark = watcher.frames.length;
    const ack = await bob.send('table:top-up', { tableId, amount: '10' });
    expect(ack.ok ? 'ok' : ack.error.code).toBe('ledger/insufficient-funds');
    await quiet();
    expect(framesSince(mark)).toEqual([]);
  });

  it('an accepted top-up sends one update, with the new stack, and no empty one', async () => {
    const before = watcher.latest(tableId)!;
    const stackBefore = before.seats[0]!.player!.stack;
    const mark = watcher.frames.length;
    const ack = await alice.send('table:top-up', { tableId, amount: '10' });
    expect(ack).toEqual({ ok: true, data: { when: 'now' } });
    const after = await watcher.waitForView(tableId, (view) => view.seats[0]!.player!.stack !== stackBefore);
    await quiet();
    const updates = framesSince(mark)
      .filter((frame) => frame.event === 'table:update')
      .map((frame) => frame.data as TableUpdate);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.seq).toBe(before.seq + 1);
    expect(Object.keys(updates[0]!.seats ?? {})).toEqual(['1']);
    expect(after.seats[0]!.player!.stack).toBe(new Money(stackBefore).plus(10).toFixed());
    // The watcher kept a whole view from consecutive updates: no gap, no resync.
    expect(watcher.syncs).toBe(0);
  });
});
