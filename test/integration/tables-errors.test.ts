import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { PokerClient } from '../support/poker-client.js';
import { act, clientToAct, waitForTurn } from '../support/table-client-steps.js';
import { startTableServer, type TablePlayer, type TableServer } from '../support/table-server.js';

let server: TableServer;
const clients: PokerClient[] = [];
let tableId: string;
let alice: PokerClient;
let bob: PokerClient;
let carol: PokerClient;
let watcher: PokerClient;
let people: TablePlayer[];

beforeAll(async () => {
  server = await startTableServer('tables_errors');
  tableId = await server.createTable({ name: 'Errors' });
  people = await Promise.all(['alice', 'bob', 'carol', 'walt'].map((name) => server.player(name)));
  [alice, bob, carol, watcher] = await Promise.all(people.map((person) => server.connect(person)));
  clients.push(alice, bob, carol, watcher);
  expect((await watcher.send('table:join', { tableId })).ok).toBe(true);
  expect((await alice.send('table:sit', { tableId, seat: 1, buyIn: '100' })).ok).toBe(true);
  expect((await bob.send('table:sit', { tableId, seat: 2, buyIn: '100' })).ok).toBe(true);
  server.advance(0);
  await watcher.waitForView(tableId, (view) => view.hand?.number === 1 && view.hand.toActSeat !== null);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

function codeOf(ack: { ok: boolean; error?: { code: string } }): string {
  return ack.ok ? 'ok' : ack.error!.code;
}

async function stacks(): Promise<string[]> {
  const seats = await server.db.prisma.seat.findMany({ where: { tableId }, orderBy: { seatNo: 'asc' } });
  return seats.map((seat) => new Money(seat.stack.toFixed()).toFixed());
}

describe('refused events: each gets its typed error, and nothing changes', () => {
  it('refuses bad actions, bad seats and malformed payloads', async () => {
    const before = watcher.latest(tableId)!;
    const framesBefore = watcher.frames.length;
    const stacksBefore = await stacks();
    const hand = before.hand!;
    const mover = clientToAct([alice, bob], before);
    const other = mover === alice ? bob : alice;
    await waitForTurn(mover, tableId, 1);
    const base = { tableId, deckCommitment: hand.deckCommitment, handNumber: hand.number, turn: hand.turn };

    const cases: [PokerClient, string, unknown, string][] = [
      [other, 'table:act', { ...base, kind: 'call' }, 'table/not-your-turn'],
      [mover, 'table:act', { ...base, turn: hand.turn + 1, kind: 'call' }, 'table/stale-action'],
      [mover, 'table:act', { ...base, handNumber: hand.number + 1, kind: 'call' }, 'table/stale-action'],
      [mover, 'table:act', { ...base, deckCommitment: 'f'.repeat(64), kind: 'call' }, 'table/wrong-deal'],
      [mover, 'table:act', { ...base, deckCommitment: 'not-hex', kind: 'call' }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, kind: 'raise', amount: '1.5' }, 'table/invalid-amount'],
      [mover, 'table:act', { ...base, kind: 'raise', amount: '3.001' }, 'table/invalid-amount'],
      [mover, 'table:act', { ...base, kind: 'raise', amount: '100000' }, 'table/invalid-amount'],
      [mover, 'table:act', { ...base, kind: 'check' }, 'table/illegal-action'],
      [mover, 'table:act', { ...base, kind: 'raise', amount: 3 }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, kind: 'raise' }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, kind: 'fold', amount: '2' }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, kind: 'shove' }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, kind: 'call', extra: true }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, turn: -1, kind: 'call' }, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, tableId: 'not-a-uuid', kind: 'call' }, 'realtime/invalid-payload'],
      [mover, 'table:act', 'call', 'realtime/invalid-payload'],
      [mover, 'table:act', null, 'realtime/invalid-payload'],
      [mover, 'table:act', [base], 'realtime/invalid-payload'],
      [mover, 'table:act', undefined, 'realtime/invalid-payload'],
      [mover, 'table:act', { ...base, kind: 'call', note: 'x'.repeat(8_000) }, 'realtime/payload-too-large'],
      [mover, 'table:cheat', { tableId }, 'realtime/unknown-event'],
      [mover, 'constructor', { tableId }, 'realtime/unknown-event'],
      [carol, 'table:act', { ...base, kind: 'call' }, 'table/not-seated'],
      [carol, 'table:sit', { tableId, seat: 1, buyIn: '50' }, 'table/seat-taken'],
      [carol, 'table:sit', { tableId, seat: 7, buyIn: '50' }, 'table/invalid-seat'],
      [carol, 'table:sit', { tableId, seat: 3, buyIn: '5' }, 'table/buy-in-out-of-range'],
      [carol, 'table:sit', { tableId, seat: 3, buyIn: 50 }, 'realtime/invalid-payload'],
      [carol, 'table:sit', { tableId, seat: 3, buyIn: '-50' }, 'realtime/invalid-payload'],
      [carol, 'table:sit', { tableId, seat: 3, buyIn: '1e3' }, 'realtime/invalid-payload'],
      [carol, 'table:leave', { tableId }, 'table/not-seated'],
      [carol, 'table:top-up', { tableId, amount: '10' }, 'table/not-seated'],
      [alice, 'table:sit', { tableId, seat: 3, buyIn: '50' }, 'table/already-seated'],
      [alice, 'table:top-up', { tableId, amount: '500' }, 'table/top-up-out-of-range'],
      [alice, 'table:sit-in', { tableId }, 'table/not-sitting-out'],
      [carol, 'table:join', { tableId: '00000000-0000-4000-8000-000000000000' }, 'table/not-found'],
    ];
    for (const [client, event, payload, code] of cases) {
      const ack = await client.send(event, payload);
      const label = `${event} ${String(JSON.stringify(payload)).slice(0, 80)}`;
      expect(`${label} -> ${codeOf(ack)}`).toBe(`${label} -> ${code}`);
    }
    // Nothing moved: no new view was published, and the ledger is as it was.
    expect(watcher.frames.slice(framesBefore).filter((frame) => frame.event === 'table:view')).toEqual([]);
    expect((await watcher.send<TableView>('table:sync', { tableId })).ok).toBe(true);
    const after = watcher.latest(tableId)!;
    expect(after.seq).toBe(before.seq);
    expect(await stacks()).toEqual(stacksBefore);
    // The right action still works, once: the same action sent twice is applied once.
    const [first, second] = await Promise.all([act(mover, tableId, 'call'), act(mover, tableId, 'call')]);
    expect([codeOf(first), codeOf(second)].sort()).toEqual(['ok', 'table/stale-action']);
  });

  it('lets a socket without a session watch the lobby only, and refuses a bad session', async () => {
    const anonymous = await server.connect(null);
    clients.push(anonymous);
    const lobby = await anonymous.send<{ tables: { tableId: string; seatsTaken: number }[] }>(
      'lobby:subscribe',
      {},
    );
    expect(lobby.ok && lobby.data.tables.find((table) => table.tableId === tableId)?.seatsTaken).toBe(2);
    expect(codeOf(await anonymous.send('table:join', { tableId }))).toBe('realtime/unauthenticated');
    expect(codeOf(await anonymous.send('table:sit', { tableId, seat: 3, buyIn: '50' }))).toBe(
      'realtime/unauthenticated',
    );
    await expect(PokerClient.connect(server.url, 'A'.repeat(43))).rejects.toThrow('realtime/unauthenticated');
    await expect(PokerClient.connect(server.url, 'short')).rejects.toThrow('realtime/unauthenticated');
  });

  it('closes the connection of a message over the size limit', async () => {
    const client = await server.connect(people[2]!);
    clients.push(client);
    const closed = new Promise<string>((resolve) =>
      client.socket.once('disconnect', (reason) => resolve(reason)),
    );
    const raw = client.socket as unknown as { emit(event: string, payload: unknown): void };
    raw.emit('table:sync', { tableId, blob: 'x'.repeat(100_000) });
    expect(await closed).toBe('transport close');
  });

  it('rate-limits a flood, then disconnects the repeat offender', async () => {
    const flooder = await server.connect(people[2]!);
    clients.push(flooder);
    const seqBefore = watcher.latest(tableId)!.seq;
    const disconnected = new Promise<void>((resolve) => flooder.socket.once('disconnect', () => resolve()));
    const acks = await Promise.all(
      Array.from({ length: 80 }, () => flooder.send('table:sync', { tableId }, 2_000).catch(() => null)),
    );
    const codes = acks.map((ack) => (ack === null ? 'no-ack' : codeOf(ack)));
    expect(codes.filter((code) => code === 'ok').length).toBeLessThanOrEqual(31);
    expect(codes.filter((code) => code === 'realtime/rate-limited').length).toBeGreaterThanOrEqual(29);
    await disconnected;
    expect(flooder.frames.some((frame) => frame.event === 'system:error')).toBe(true);
    expect(watcher.latest(tableId)!.seq).toBe(seqBefore);
  });
});
