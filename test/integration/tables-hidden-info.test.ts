import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardToString, parseCards } from '../../src/engine/cards.js';
import { computeEquity } from '../../src/engine/equity.js';
import { type GameVariant, HOLE_CARDS } from '../../src/engine/hand-types.js';
import { splitSalts } from '../../src/fairness/deck-commitment.js';
import { verifyDeckProof } from '../../src/fairness/verify-deck-proof.js';
import { auditLedger } from '../../src/ledger/audit.js';
import { Money } from '../../src/money/index.js';
import { TableUpdateSchema } from '../../src/protocol/server-message-schemas.js';
import type { TableUpdate } from '../../src/protocol/table-update.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { driveHands } from '../support/hand-driver.js';
import type { PokerClient } from '../support/poker-client.js';
import { startTableServer, type TableServer, UNTHROTTLED_GATEWAY } from '../support/table-server.js';
import { StrictTableView } from '../support/table-view-schema.js';

let server: TableServer;
const clients: PokerClient[] = [];

/** The board waits this long at an all-in (manual clock): long enough to show the equity. */
const RUNOUT_PAUSE_MS = 2_000;

beforeAll(async () => {
  server = await startTableServer('tables_hidden', {
    seed: 5,
    gateway: UNTHROTTLED_GATEWAY,
    tables: { runoutPauseMs: RUNOUT_PAUSE_MS, runItTwiceDecisionMs: RUNOUT_PAUSE_MS },
  });
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
});

interface HandTruth {
  readonly deckText: string;
  /** The 52 salts as stored, concatenated. */
  readonly salt: string;
  readonly salts: string[];
  readonly deck: string[];
  /** Seats and players by position. */
  readonly seats: number[];
  readonly userIds: string[];
}

/** Every 64-hex-digit run in a message: salts would show up among them, whatever field carried them. */
function hexTokens(raw: string): string[] {
  return raw.match(/[0-9a-f]{64}/g) ?? [];
}

const GAMES: readonly { variant: GameVariant; runItTwice: boolean }[] = [
  { variant: 'NT', runItTwice: false },
  { variant: 'PO', runItTwice: true },
];

describe.each(GAMES)(
  'hidden information ($variant, run it twice: $runItTwice)',
  ({ variant, runItTwice }) => {
    it('never sends a card or an equity to anyone who may not see it, over many hands', async () => {
      const hole = HOLE_CARDS[variant];
      /** The deck positions of a player's hole cards. */
      const holePositions = (position: number) => Array.from({ length: hole }, (_, k) => hole * position + k);
      const tableId = await server.createTable({ name: `Hidden ${variant}`, variant, runItTwice });
      const people = await Promise.all(
        ['ann', 'ben', 'cid', 'dee', 'eve'].map((name) => server.player(name)),
      );
      const connected = await Promise.all(people.map((person) => server.connect(person)));
      clients.push(...connected);
      const players = connected.slice(0, 4);
      const watcher = connected[4]!;
      expect((await watcher.send('table:join', { tableId })).ok).toBe(true);
      // Pot-limit raises reach short stacks within a street or two, so Omaha all-ins happen too.
      const buyIn = variant === 'PO' ? '30' : '200';
      for (const [i, client] of players.entries()) {
        expect((await client.send('table:sit', { tableId, seat: i + 1, buyIn })).ok).toBe(true);
      }
      const { played } = await driveHands(server, tableId, players, watcher, {
        hands: 30,
        seed: 99,
        pauseMs: 1_000,
        // All-ins often enough that the runout pause, its equity and its second runs are seen.
        allInChance: 0.15,
        runoutPauseMs: RUNOUT_PAUSE_MS,
      });
      expect(played.length).toBeGreaterThanOrEqual(25);

      const hands = await server.db.prisma.hand.findMany({ where: { tableId } });
      const truth = new Map<number, HandTruth>();
      /** Every salt of every hand, to where it belongs. */
      const saltOwner = new Map<string, { hand: number; position: number }>();
      for (const hand of hands) {
        const result = hand.result as { seats: number[]; userIds: string[] };
        const salts = splitSalts(hand.salt)!;
        expect(salts).toHaveLength(52);
        for (const [position, salt] of salts.entries()) saltOwner.set(salt, { hand: hand.number, position });
        truth.set(hand.number, {
          deckText: hand.deck,
          salt: hand.salt,
          salts,
          deck: parseCards(hand.deck)!.map(cardToString),
          seats: result.seats,
          userIds: result.userIds,
        });
      }
      expect(truth.size).toBe(played.length);
      expect(saltOwner.size).toBe(52 * played.length);

      let checkedFrames = 0;
      let ownCardsSeen = 0;
      let shownCardsSeen = 0;
      let proofsChecked = 0;
      let openingsSeen = 0;
      let equitiesChecked = 0;
      let secondRunsSeen = 0;
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
        const boardStart = hole * count;
        expect(hand.board).toEqual(known!.deck.slice(boardStart, boardStart + hand.board.length));
        // A second run's own cards come from the five positions after the board.
        const secondRun = hand.secondBoard
          ? hand.secondBoard.filter((card, i) => card !== hand.board[i])
          : [];
        expect(secondRun).toEqual(known!.deck.slice(boardStart + 5, boardStart + 5 + secondRun.length));
        if (secondRun.length > 0) secondRunsSeen += 1;
        const viewerSeat = view.seats.find(
          (seat) => seat.player !== null && seat.player.userId === viewerId,
        )?.seat;
        const shown = new Map((hand.result?.shown ?? []).map((entry) => [entry.seat, entry.cards]));
        for (const player of hand.players) {
          const position = known!.seats.indexOf(player.seat);
          const real = holePositions(position).map((at) => known!.deck[at]);
          if (shown.has(player.seat)) expect(shown.get(player.seat)).toEqual(real);
          if (player.seat === viewerSeat) {
            expect(player.holeCards).toEqual(real);
            ownCardsSeen += 1;
          } else if (player.holeCards !== null) {
            // Only cards shown: at the showdown once the hand is over, or turned up by a player
            // still in when betting ended all-in and the board waits to run out.
            if (hand.phase === 'complete') expect(player.holeCards).toEqual(shown.get(player.seat));
            else {
              expect(hand.runout).not.toBeNull();
              expect(player.folded).toBe(false);
              expect(player.holeCards).toEqual(real);
            }
            shownCardsSeen += 1;
          }
        }
        // Equity only at a runout, only for hands turned up, and only from what every viewer sees:
        // computed again here from those hands and the board alone, it must come out the same.
        if (hand.equity !== null) {
          expect(hand.runout).not.toBeNull();
          const live = hand.players.filter((player) => !player.folded);
          expect(live.every((player) => player.holeCards !== null)).toBe(true);
          expect(hand.equity.players.map((entry) => entry.seat)).toEqual(live.map((player) => player.seat));
          const fromShown = computeEquity({
            game: variant,
            players: live.map((player) => parseCards(player.holeCards!.join(''))!),
            board: parseCards(hand.board.join('')) ?? [],
          });
          hand.equity.players.forEach((entry, i) => {
            expect(entry.winPercent).toBeCloseTo((100 * fromShown.players[i]!.wins) / fromShown.runouts, 1);
            expect(entry.tiePercent).toBeCloseTo((100 * fromShown.players[i]!.ties) / fromShown.runouts, 1);
          });
          equitiesChecked += 1;
        }
        if (hand.legal) expect(hand.toActSeat).toBe(viewerSeat);

        // Deck positions this viewer may have seen: the board dealt so far, their own hole cards, and
        // the hands shown at showdown. A salt (an opening) may reach them only for those, and only in
        // the proof of a finished hand; every other salt of every hand stays on the server.
        const viewerPosition = viewerId === null ? -1 : known!.userIds.indexOf(viewerId);
        const visible = new Set<number>();
        for (let i = 0; i < hand.board.length; i++) visible.add(boardStart + i);
        for (let i = 0; i < secondRun.length; i++) visible.add(boardStart + 5 + i);
        const seen = (position: number) => {
          for (const at of holePositions(position)) visible.add(at);
        };
        if (viewerPosition >= 0) seen(viewerPosition);
        for (const seat of shown.keys()) seen(known!.seats.indexOf(seat));
        for (const token of hexTokens(raw)) {
          const owner = saltOwner.get(token);
          if (!owner) continue;
          expect(hand.proof, 'a salt outside a proof').not.toBeNull();
          expect(owner.hand, 'a salt of another hand').toBe(hand.number);
          expect(visible.has(owner.position), `the salt of deck position ${owner.position}`).toBe(true);
        }
        if (hand.phase !== 'complete') {
          expect(hand.proof).toBeNull();
          return;
        }
        const proof = hand.proof!;
        expect(proof).not.toBeNull();
        expect(proof.openings.map((opening) => opening.position)).toEqual([...visible].sort((a, b) => a - b));
        for (const opening of proof.openings) {
          expect(opening.card).toBe(known!.deck[opening.position]);
          expect(opening.salt).toBe(known!.salts[opening.position]);
        }
        expect(verifyDeckProof(proof, { expectedCommitment: hand.deckCommitment })).toMatchObject({
          ok: true,
        });
        proofsChecked += 1;
        openingsSeen += proof.openings.length;
      };

      let privateParts = 0;
      for (const client of connected) {
        // Each update is checked as it arrived (its raw text: no salt, deck or card it may not carry)
        // together with the whole view it made on this client; whole views from acks are among those.
        const viewBySeq = new Map(client.views.map((view) => [view.seq, view]));
        expect(client.syncs, 'no update was missed').toBe(0);
        for (const frame of client.frames) {
          const raw = JSON.stringify(frame.data);
          if (frame.event === 'table:update') {
            const update = TableUpdateSchema.parse(frame.data) as TableUpdate;
            // Updates that arrived before the client's first whole view are older than it: that view
            // stands for them. Every later one must have been applied.
            const first = client.views[0]!;
            const view = update.seq <= first.seq ? first : viewBySeq.get(update.seq);
            expect(view, `the update of seq ${update.seq} was applied`).toBeDefined();
            check(view!, client.userId, raw);
            if (update.private) {
              // A player's own part reaches that player only, with their own seat and cards.
              const known = truth.get(update.private.handNumber)!;
              const position = known.userIds.indexOf(client.userId!);
              expect(position).toBeGreaterThanOrEqual(0);
              expect(update.private.seat).toBe(known.seats[position]);
              expect(update.private.holeCards).toEqual(holePositions(position).map((at) => known.deck[at]));
              privateParts += 1;
            }
          } else {
            for (const known of truth.values()) expect(raw.includes(known.deckText)).toBe(false);
            expect(hexTokens(raw).filter((token) => saltOwner.has(token))).toEqual([]);
          }
        }
        for (const view of client.views) check(view, client.userId, JSON.stringify(view));
      }
      expect(privateParts).toBeGreaterThan(100);
      expect(checkedFrames).toBeGreaterThan(500);
      expect(ownCardsSeen).toBeGreaterThan(100);
      expect(shownCardsSeen).toBeGreaterThan(0);
      // Every frame of a finished hand carried a proof that verified.
      expect(proofsChecked).toBeGreaterThan(100);
      expect(openingsSeen).toBeGreaterThan(2 * proofsChecked);
      const runouts = watcher.views.filter((view) => view.hand?.runout).length;
      expect(runouts).toBeGreaterThan(0);
      expect(equitiesChecked).toBeGreaterThan(0);
      if (runItTwice) expect(secondRunsSeen).toBeGreaterThan(0);
      // The watcher saw no hole card before a showdown or an all-in runout.
      const watcherHoleCards = watcher.views.flatMap((view) =>
        (view.hand?.players ?? []).filter(
          (p) => p.holeCards !== null && view.hand!.phase !== 'complete' && view.hand!.runout === null,
        ),
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
      const audit = await auditLedger(server.db.database);
      expect(audit.discrepancies).toEqual([]);
    });
  },
);
