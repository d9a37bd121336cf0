import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardToString, parseCards } from '../../src/engine/cards.js';
import { auditLedger } from '../../src/ledger/audit.js';
import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { driveHands } from '../support/hand-driver.js';
import type { PokerClient } from '../support/poker-client.js';
import { startTableServer, type TableServer } from '../support/table-server.js';
import { StrictTableView } from '../support/table-view-schema.js';

let server: TableServer;
const clients: PokerClient[] = [];

beforeAll(async () => {
  server = await startTableServer('tables_hidden', {
    seed: 5,
    gateway: {
      socketEventsPerSecond: 1_000,
      socketBurst: 1_000,
      userEventsPerSecond: 1_000,
      userBurst: 1_000,
    },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

interface HandTruth {
  readonly deckText: string;
  readonly salt: string;
  readonly deck: string[];
  /** Seats by position. */
  readonly seats: number[];
}

describe('hidden information', () => {
  it('never sends a card to anyone who may not see it, over many hands', async () => {
    const tableId = await server.createTable({ name: 'Hidden' });
    const people = await Promise.all(['ann', 'ben', 'cid', 'dee', 'eve'].map((name) => server.player(name)));
    const connected = await Promise.all(people.map((person) => server.connect(person)));
    clients.push(...connected);
    const players = connected.slice(0, 4);
    const watcher = connected[4]!;
    expect((await watcher.send('table:join', { tableId })).ok).toBe(true);
    for (const [i, client] of players.entries()) {
      expect((await client.send('table:sit', { tableId, seat: i + 1, buyIn: '200' })).ok).toBe(true);
    }
    const { acks, played } = await driveHands(server, tableId, players, watcher, {
      hands: 30,
      seed: 99,
      pauseMs: 1_000,
    });
    expect(played.length).toBeGreaterThanOrEqual(25);

    const hands = await server.db.prisma.hand.findMany({ where: { tableId } });
    const truth = new Map<number, HandTruth>();
    for (const hand of hands) {
      const result = hand.result as { seats: number[] };
      truth.set(hand.number, {
        deckText: hand.deck,
        salt: hand.salt,
        deck: parseCards(hand.deck)!.map(cardToString),
        seats: result.seats,
      });
    }
    expect(truth.size).toBe(played.length);

    let checkedFrames = 0;
    let ownCardsSeen = 0;
    let shownCardsSeen = 0;
    const check = (view: TableView, viewerId: string | null, raw: string) => {
      StrictTableView.parse(view);
      checkedFrames += 1;
      const hand = view.hand;
      if (!hand) return;
      const known = truth.get(hand.number);
      expect(known, `hand ${hand.number} was settled`).toBeDefined();
      expect(raw.includes(known!.deckText)).toBe(false);
      expect(raw.includes(known!.salt)).toBe(false);
      const count = known!.seats.length;
      expect(hand.board).toEqual(known!.deck.slice(2 * count, 2 * count + hand.board.length));
      const viewerSeat = view.seats.find(
        (seat) => seat.player !== null && seat.player.userId === viewerId,
      )?.seat;
      const shown = new Map((hand.result?.shown ?? []).map((entry) => [entry.seat, entry.cards]));
      for (const player of hand.players) {
        const position = known!.seats.indexOf(player.seat);
        const real = [known!.deck[2 * position], known!.deck[2 * position + 1]];
        if (shown.has(player.seat)) expect(shown.get(player.seat)).toEqual(real);
        if (player.seat === viewerSeat) {
          expect(player.holeCards).toEqual(real);
          ownCardsSeen += 1;
        } else if (player.holeCards !== null) {
          // Only cards shown at showdown, and only once the hand is over.
          expect(hand.phase).toBe('complete');
          expect(player.holeCards).toEqual(shown.get(player.seat));
          shownCardsSeen += 1;
        }
      }
      if (hand.legal) expect(hand.toActSeat).toBe(viewerSeat);
    };

    for (const client of connected) {
      for (const frame of client.frames) {
        const raw = JSON.stringify(frame.data);
        if (frame.event === 'table:view') check(frame.data as TableView, client.userId, raw);
        else for (const known of truth.values()) expect(raw.includes(known.deckText)).toBe(false);
      }
    }
    for (const ack of acks) check(ack, ack.you.userId, JSON.stringify(ack));
    expect(checkedFrames).toBeGreaterThan(500);
    expect(ownCardsSeen).toBeGreaterThan(100);
    expect(shownCardsSeen).toBeGreaterThan(0);
    // The watcher never saw a hole card that was not shown at showdown.
    const watcherHoleCards = watcher.views.flatMap((view) =>
      (view.hand?.players ?? []).filter((p) => p.holeCards !== null && view.hand!.phase !== 'complete'),
    );
    expect(watcherHoleCards).toEqual([]);

    // After all those hands the ledger holds exactly the stacks the table shows, and audits clean.
    const shownStacks = watcher
      .latest(tableId)!
      .seats.filter((seat) => seat.player)
      .map((seat) => [seat.seat, seat.player!.stack]);
    const seats = await server.db.prisma.seat.findMany({
      where: { tableId, status: { not: 'EMPTY' } },
      orderBy: { seatNo: 'asc' },
    });
    expect(seats.map((seat) => [seat.seatNo, new Money(seat.stack.toFixed()).toFixed()])).toEqual(
      shownStacks,
    );
    const audit = await auditLedger(server.db.pool);
    expect(audit.discrepancies).toEqual([]);
  });
});
