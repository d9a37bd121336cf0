import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { PokerClient } from '../support/poker-client.js';
import { act, clientToAct, waitForTurn } from '../support/table-client-steps.js';
import { TEST_SETTINGS } from '../support/table-harness.js';
import { startTableServer, type TablePlayer, type TableServer } from '../support/table-server.js';

let server: TableServer;
const clients: PokerClient[] = [];

beforeAll(async () => {
  server = await startTableServer('tables_reconnect');
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

function seatOf(view: TableView, userId: string) {
  return view.seats.find((seat) => seat.player?.userId === userId)!;
}

describe('disconnection, reconnection and the action clock', () => {
  it('keeps a dropped player seated with the clock running, and resumes them with their cards', async () => {
    const tableId = await server.createTable({ name: 'Reconnect' });
    const people = await Promise.all(['rita', 'sam', 'tom'].map((name) => server.player(name)));
    const [rita, sam, watcher] = await Promise.all(people.map((person) => server.connect(person)));
    clients.push(rita!, sam!, watcher!);
    const byUser = new Map<string, TablePlayer>(people.map((person) => [person.userId, person]));
    expect((await watcher!.send('table:join', { tableId })).ok).toBe(true);
    expect((await rita!.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
    expect((await sam!.send('table:sit', { tableId, seat: 2, buyIn: '100' })).ok).toBe(true);
    server.advance(0);
    const started = await watcher!.waitForView(
      tableId,
      (view) => view.hand?.number === 1 && view.hand.toActSeat !== null,
    );
    const dropped = clientToAct([rita!, sam!], started);
    const before = await waitForTurn(dropped, tableId, 1);
    const ownSeat = before.you.seat!;
    const ownCards = before.hand!.players.find((player) => player.seat === ownSeat)!.holeCards;
    expect(ownCards).toHaveLength(2);

    // The player to act drops. The seat stays, marked disconnected, and the clock runs on.
    dropped.close();
    await watcher!.waitForView(tableId, (view) => !seatOf(view, dropped.userId!).player!.connected);
    server.advance(TEST_SETTINGS.actionTimeoutMs);
    const banking = await watcher!.waitForView(tableId, (view) => view.hand?.clock?.usingTimeBank === true);
    expect(banking.hand!.turn).toBe(before.hand!.turn);
    expect(banking.hand!.clock!.seat).toBe(ownSeat);

    // Back within the time bank: a full view with the player's own cards and their options.
    const back = await server.connect(byUser.get(dropped.userId!)!);
    clients.push(back);
    const joined = await back.send<TableView>('table:join', { tableId });
    expect(joined.ok).toBe(true);
    const view = joined.ok ? joined.data : null;
    expect(view!.you.seat).toBe(ownSeat);
    expect(view!.hand!.players.find((player) => player.seat === ownSeat)!.holeCards).toEqual(ownCards);
    expect(view!.hand!.legal).not.toBeNull();
    await watcher!.waitForView(tableId, (v) => seatOf(v, dropped.userId!).player!.connected);
    // A client that noticed a gap in seq asks for a fresh view.
    const synced = await back.send<TableView>('table:sync', { tableId });
    expect(synced.ok && synced.data.seq).toBeGreaterThanOrEqual(view!.seq);
    server.advance(2_000);
    expect((await act(back, tableId, 'call')).ok).toBe(true);
    const after = await watcher!.waitForView(tableId, (v) => v.hand!.turn === before.hand!.turn + 1);
    // Two seconds of the time bank were used.
    expect(seatOf(after, dropped.userId!).player!.timeBankMs).toBe(TEST_SETTINGS.timeBankInitialMs - 2_000);
  });

  it('checks or folds for a player who does not act; sits out, then releases, a player who stays away', async () => {
    const tableId = await server.createTable({ name: 'Timeouts' });
    const people = await Promise.all(['uma', 'vic', 'wes'].map((name) => server.player(name)));
    const [uma, vic, watcher] = await Promise.all(people.map((person) => server.connect(person)));
    clients.push(uma!, vic!, watcher!);
    expect((await watcher!.send('table:join', { tableId })).ok).toBe(true);
    expect((await uma!.send('table:sit', { tableId, seat: 3, buyIn: '100' })).ok).toBe(true);
    expect((await vic!.send('table:sit', { tableId, seat: 5, buyIn: '100' })).ok).toBe(true);
    server.advance(0);
    const started = await watcher!.waitForView(
      tableId,
      (view) => view.hand?.number === 1 && view.hand.toActSeat !== null,
    );
    // Heads-up the button (small blind) acts first, facing the big blind: running out of time folds.
    const idle = clientToAct([uma!, vic!], started);
    server.advance(TEST_SETTINGS.actionTimeoutMs);
    await watcher!.waitForView(tableId, (view) => view.hand?.clock?.usingTimeBank === true);
    server.advance(TEST_SETTINGS.timeBankInitialMs);
    const folded = await watcher!.waitForView(tableId, (view) => view.hand?.phase === 'complete');
    expect(folded.hand!.players.find((player) => player.seat === started.hand!.toActSeat)!.folded).toBe(true);
    // The bank was spent; the end of the hand adds the per-hand refill.
    expect(seatOf(folded, idle.userId!).player!.timeBankMs).toBe(TEST_SETTINGS.timeBankPerHandMs);

    // The other player disconnects past the grace period: sat out, seat kept, and told on return.
    const away = idle === uma ? vic! : uma!;
    away.close();
    await watcher!.waitForView(tableId, (view) => !seatOf(view, away.userId!).player!.connected);
    server.advance(TEST_SETTINGS.disconnectGraceMs);
    const sat = await watcher!.waitForView(
      tableId,
      (view) => seatOf(view, away.userId!).player!.awayUntilMs !== null,
    );
    expect(seatOf(sat, away.userId!).player).toMatchObject({
      status: 'sitting-out',
      awayUntilMs: server.clock.now() + TEST_SETTINGS.awaySeatKeepMs,
    });
    const leaver = await server.connect(people[away === uma ? 0 : 1]!);
    clients.push(leaver);
    expect((await leaver.send('table:join', { tableId })).ok).toBe(true);
    await vi.waitFor(() => expect(leaver.notices.map((notice) => notice.kind)).toEqual(['sat-out-away']));
    await watcher!.waitForView(tableId, (view) => seatOf(view, away.userId!).player!.awayUntilMs === null);
    // Then they drop again and stay away: after the away time the seat is cashed out.
    leaver.close();
    await watcher!.waitForView(tableId, (view) => !seatOf(view, leaver.userId!).player!.connected);
    server.advance(TEST_SETTINGS.disconnectGraceMs);
    await watcher!.waitForView(tableId, (view) => seatOf(view, leaver.userId!).player!.awayUntilMs !== null);
    server.advance(TEST_SETTINGS.awaySeatKeepMs);
    await watcher!.waitForView(
      tableId,
      (view) => !view.seats.some((seat) => seat.player?.userId === leaver.userId),
    );
    const wallet = await server.db.prisma.account.findFirstOrThrow({ where: { userId: leaver.userId! } });
    expect(new Money(wallet.balance.toFixed()).greaterThan(900)).toBe(true);
    const seat = await server.db.prisma.seat
      .findFirstOrThrow({ where: { tableId, userId: leaver.userId! } })
      .catch(() => null);
    expect(seat).toBeNull();
    expect((await auditLedger(server.db.database)).ok).toBe(true);
  });
});
