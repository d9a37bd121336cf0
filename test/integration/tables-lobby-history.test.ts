import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePhh } from '../../src/engine/phh/phh-parse.js';
import type { LobbySnapshot } from '../../src/protocol/lobby.js';
import { driveHands } from '../support/hand-driver.js';
import type { PokerClient } from '../support/poker-client.js';
import {
  startTableServer,
  type TablePlayer,
  type TableServer,
  UNTHROTTLED_GATEWAY,
} from '../support/table-server.js';

let server: TableServer;
const clients: PokerClient[] = [];
let tableId: string;
let people: TablePlayer[];

beforeAll(async () => {
  server = await startTableServer('tables_lobby', {
    gateway: UNTHROTTLED_GATEWAY,
  });
  tableId = await server.createTable({ name: 'Lobby and history' });
  people = await Promise.all(['lia', 'max', 'ned', 'ola'].map((name) => server.player(name)));
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

async function get(path: string, token: string) {
  return server.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
}

describe('lobby, hand history and metrics', () => {
  it('shows tables in the lobby and pushes live updates to subscribers', async () => {
    const anonymous = await server.connect(null);
    clients.push(anonymous);
    const lobby = await anonymous.send<LobbySnapshot>('lobby:subscribe', {});
    expect(lobby.ok).toBe(true);
    const line = lobby.ok ? lobby.data.tables.find((table) => table.tableId === tableId) : undefined;
    expect(line).toMatchObject({
      name: 'Lobby and history',
      maxSeats: 6,
      seatsTaken: 0,
      seatsFree: 6,
      averagePot: '0',
      handsPerHour: 0,
      stakes: { smallBlind: '0.5', bigBlind: '1', minBuyIn: '20', maxBuyIn: '200', chipUnit: '0.01' },
    });
    const [lia, max, ned] = await Promise.all(people.slice(0, 3).map((person) => server.connect(person)));
    clients.push(lia!, max!, ned!);
    for (const [i, client] of [lia!, max!].entries()) {
      expect((await client.send('table:sit', { tableId, seat: i + 1, buyIn: '150' })).ok).toBe(true);
    }
    expect((await ned!.send('table:join', { tableId })).ok).toBe(true);
    const deadline = Date.now() + 3_000;
    while (
      !anonymous.lobby.some((table) => table.tableId === tableId && table.seatsTaken === 2) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(anonymous.lobby.some((table) => table.tableId === tableId && table.seatsTaken === 2)).toBe(true);

    const { played } = await driveHands(server, tableId, [lia!, max!], ned!, {
      hands: 4,
      seed: 3,
      pauseMs: 1_000,
    });
    expect(played).toEqual([1, 2, 3, 4]);
    const refreshed = await anonymous.send<LobbySnapshot>('lobby:subscribe', {});
    const after = refreshed.ok ? refreshed.data.tables.find((table) => table.tableId === tableId)! : null;
    expect(after!.handsPerHour).toBe(4);
    expect(Number(after!.averagePot)).toBeGreaterThan(0);
  });

  it("lists a player's own hands and shows each as the player saw it", async () => {
    const [lia, max, , ola] = people;
    const listed = await get('/api/hands?limit=3', lia!.token);
    expect(listed.statusCode).toBe(200);
    const page = listed.json() as {
      hands: { id: string; number: number; seat: number; net: string }[];
      nextCursor: string;
    };
    expect(page.hands.map((hand) => hand.number)).toEqual([4, 3, 2]);
    expect(page.hands.every((hand) => hand.seat === 1)).toBe(true);
    const rest = (await get(`/api/hands?cursor=${page.nextCursor}`, lia!.token)).json() as typeof page;
    expect(rest.hands.map((hand) => hand.number)).toEqual([1]);
    expect(rest.nextCursor).toBeNull();

    const handId = page.hands[0]!.id;
    const detail = await get(`/api/hands/${handId}`, lia!.token);
    expect(detail.statusCode).toBe(200);
    const body = detail.json() as { hand: { history: string; deckCommitment: string } };
    const history = parsePhh(body.hand.history);
    expect(history.ok).toBe(true);
    const stored = await server.db.prisma.hand.findUniqueOrThrow({ where: { id: BigInt(handId) } });
    const result = stored.result as { seats: number[] };
    const liaPosition = result.seats.indexOf(1);
    const holes = history.ok ? history.value.actions.filter((action) => action.kind === 'deal-hole') : [];
    const shows = history.ok
      ? history.value.actions.filter((a) => a.kind === 'show-or-muck' && a.cards !== null)
      : [];
    const shownPlayers = new Set(shows.map((action) => (action as { player: number }).player));
    for (const action of holes) {
      if (action.kind !== 'deal-hole') continue;
      const visible = action.player === liaPosition || shownPlayers.has(action.player);
      expect(action.cards.every((card) => card !== null)).toBe(visible);
    }
    expect(body.hand.history).not.toContain(stored.deck);
    expect(body.hand.deckCommitment).toBe(stored.deckCommitment);

    const phh = await get(`/api/hands/${handId}.phh`, max!.token);
    expect(phh.statusCode).toBe(200);
    expect(phh.headers['content-type']).toContain('application/toml');
    expect(phh.body.startsWith("variant = 'NT'")).toBe(true);
    // Someone who did not play the hand learns nothing about it.
    expect((await get(`/api/hands/${handId}`, ola!.token)).statusCode).toBe(404);
    expect((await get('/api/hands', ola!.token)).json()).toEqual({ hands: [], nextCursor: null });
    expect((await server.app.inject({ method: 'GET', url: '/api/hands' })).statusCode).toBe(401);
  });

  it('exposes Prometheus metrics', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    for (const name of [
      'poker_connected_sockets',
      'poker_live_tables 1',
      'poker_hands_settled_total 4',
      'poker_action_latency_seconds_bucket',
      'poker_settlement_seconds_count 4',
      'poker_mailbox_depth_bucket',
      'poker_errors_total',
    ]) {
      expect(response.body).toContain(name);
    }
  });
});
