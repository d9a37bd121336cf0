import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLedger } from '../../src/ledger/audit.js';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { fixedDeck } from '../support/fixed-deck.js';
import type { PokerClient } from '../support/poker-client.js';
import { act, waitForTurn } from '../support/table-client-steps.js';
import { TEST_SETTINGS } from '../support/table-harness.js';
import { startTableServer, type TableServer } from '../support/table-server.js';

let server: TableServer;
const clients: PokerClient[] = [];

beforeAll(async () => {
  server = await startTableServer('tables_play');
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

async function seatStack(tableId: string, seat: number): Promise<string> {
  const row = await server.db.prisma.seat.findFirstOrThrow({ where: { tableId, seatNo: seat } });
  return new Money(row.stack.toFixed()).toFixed();
}

describe('tables over Socket.IO: full hands against the ledger', () => {
  it('plays three players all-in to a showdown with a side pot, and the ledger agrees', async () => {
    const tableId = await server.createTable({ name: 'Side pots' });
    const [short, middle, deep] = await Promise.all([
      server.player('short'),
      server.player('middle'),
      server.player('deep'),
    ]);
    const players = [short, middle, deep];
    const [cShort, cMiddle, cDeep] = await Promise.all(players.map((player) => server.connect(player)));
    clients.push(cShort!, cMiddle!, cDeep!);
    const buyIns = ['20', '50', '100'];
    for (const [i, client] of [cShort!, cMiddle!, cDeep!].entries()) {
      const sat = await client.send<TableView>('table:sit', { tableId, seat: i + 1, buyIn: buyIns[i] });
      expect(sat.ok).toBe(true);
      // The ack already shows the player seated, with the chips bought in.
      const seated = sat.ok ? sat.data : null;
      expect(seated!.you.seat).toBe(i + 1);
      expect(seated!.seats.find((seat) => seat.seat === i + 1)!.player!.stack).toBe(buyIns[i]);
    }
    // Seats 1, 2, 3: button 1 (short), small blind 2 (middle), big blind 3 (deep). Positions are
    // [middle, deep, short], so the deck deals middle KK, deep 72, short AA.
    server.decks.push(fixedDeck(['KsKh', '2c7d', 'AsAh'], 'Qd9c4h3s8d'));
    server.advance(0);

    let view = await waitForTurn(cShort!, tableId, 1);
    expect(view.hand!.players.find((p) => p.seat === 1)!.holeCards).toEqual(['As', 'Ah']);
    expect((await act(cShort!, tableId, 'all-in')).ok).toBe(true);
    await waitForTurn(cMiddle!, tableId, 1);
    expect((await act(cMiddle!, tableId, 'all-in')).ok).toBe(true);
    await waitForTurn(cDeep!, tableId, 1);
    expect((await act(cDeep!, tableId, 'call')).ok).toBe(true);

    view = await cDeep!.waitForView(tableId, (v) => v.hand?.phase === 'complete');
    const result = view.hand!.result!;
    // Main pot: 3 x 20 = 60, to short's aces. Side pot: 2 x 30 = 60, to middle's kings. Deep
    // called 50 and keeps the other 50. Rake: 5% of 120, capped at 3.
    expect(result.pots.map((pot) => pot.amount)).toEqual(['60', '60']);
    expect(result.pots[0]!.winners.map((w) => w.seat)).toEqual([1]);
    expect(result.pots[1]!.winners.map((w) => w.seat)).toEqual([2]);
    expect(result.uncalled).toBeNull();
    expect(result.rake).toBe('3');
    const rake0 = new Money(result.pots[0]!.rake);
    const rake1 = new Money(result.pots[1]!.rake);
    expect(rake0.plus(rake1).toFixed()).toBe('3');

    // The ledger holds exactly what the table showed.
    expect(await seatStack(tableId, 1)).toBe(new Money(60).minus(rake0).toFixed());
    expect(await seatStack(tableId, 2)).toBe(new Money(60).minus(rake1).toFixed());
    expect(await seatStack(tableId, 3)).toBe('50');
    const hands = await server.db.prisma.hand.findMany({ where: { tableId } });
    expect(hands).toHaveLength(1);
    expect(hands[0]!.status).toBe('SETTLED');
    expect(new Money(hands[0]!.rake.toFixed()).toFixed()).toBe('3');
    const escrow = await server.db.prisma.account.findFirstOrThrow({ where: { tableId } });
    expect(new Money(escrow.balance.toFixed()).toFixed()).toBe('167');
    const audit = await auditLedger(server.db.database);
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);

    // Leaving between hands pays the stack back to the wallet at once.
    const left = await cDeep!.send('table:leave', { tableId });
    expect(left).toEqual({ ok: true, data: { when: 'now' } });
    const wallet = await server.db.prisma.account.findFirstOrThrow({ where: { userId: deep.userId } });
    expect(new Money(wallet.balance.toFixed()).toFixed()).toBe('950');
    expect((await auditLedger(server.db.database)).ok).toBe(true);
  });
});

describe('tables over Socket.IO: joining a game in progress', () => {
  it('a late joiner waits for the big blind, or posts one with table:post-blind and plays the next hand', async () => {
    const tableId = await server.createTable({ name: 'Late joiner' });
    const people = await Promise.all(
      ['early1', 'early3', 'early5', 'late2'].map((name) => server.player(name)),
    );
    const [c1, c3, c5, late] = await Promise.all(people.map((person) => server.connect(person)));
    clients.push(c1!, c3!, c5!, late!);
    for (const [client, seat] of [
      [c1!, 1],
      [c3!, 3],
      [c5!, 5],
    ] as const) {
      expect((await client.send('table:sit', { tableId, seat, buyIn: '100' })).ok).toBe(true);
    }
    server.advance(0);
    await late!.send('table:join', { tableId });
    let view = await late!.waitForView(tableId, (v) => v.hand?.number === 1);
    expect(view.hand!.players.map((player) => player.seat)).toEqual([3, 5, 1]);

    const sat = await late!.send<TableView>('table:sit', { tableId, seat: 2, buyIn: '100' });
    expect(sat.ok && sat.data.seats.find((seat) => seat.seat === 2)!.player!.status).toBe(
      'waiting-for-big-blind',
    );
    const posted = await late!.send<TableView>('table:post-blind', { tableId });
    expect(posted.ok && posted.data.seats.find((seat) => seat.seat === 2)!.player!.status).toBe('active');
    expect(await c1!.send('table:post-blind', { tableId })).toMatchObject({
      ok: false,
      error: { code: 'table/not-waiting-for-big-blind' },
    });

    // Hand 1: the button and the small blind fold to the big blind. Then hand 2 deals seat 2 in.
    await waitForTurn(c1!, tableId, 1);
    expect((await act(c1!, tableId, 'fold')).ok).toBe(true);
    await waitForTurn(c3!, tableId, 1);
    expect((await act(c3!, tableId, 'fold')).ok).toBe(true);
    await late!.waitForView(tableId, (v) => v.hand?.phase === 'complete');
    server.advance(TEST_SETTINGS.handPauseMs);
    view = await waitForTurn(late!, tableId, 2);
    expect(view.hand!.players.map((player) => [player.seat, player.streetCommitted])).toEqual([
      [5, '0.5'],
      [1, '1'],
      [2, '1'],
      [3, '0'],
    ]);
    expect(view.hand!.legal!.actions).toContain('check');
    expect((await act(late!, tableId, 'check')).ok).toBe(true);
  });
});
