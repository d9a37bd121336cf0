import type { Card } from '../../src/engine/cards.js';
import { computeEquity } from '../../src/engine/equity.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { newSalts } from '../../src/fairness/deck-commitment.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { realHandEngine } from '../../src/tables/hand-engine.js';
import { type RestoredSeat, TableActor } from '../../src/tables/table-actor.js';
import { type TableConfig, tournamentTableConfig } from '../../src/tables/table-config.js';
import type { TableSettings } from '../../src/tables/table-settings.js';
import type { TournamentLevel } from '../../src/tables/tournament-state.js';
import { ManualClock } from './manual-clock.js';
import { MemoryTournamentPort } from './memory-tournament-port.js';
import { seededInt, seededRandom } from './seeded-random.js';
import { RecordingBroadcaster, silentObserver, TEST_SETTINGS } from './table-harness.js';

/** A tournament table on the manual clock, with an in-memory tournament port instead of a ledger. */

export const TOURNAMENT_ID = 'tournament-1';
export const LEVEL_1: TournamentLevel = { level: 1, smallBlind: 50, bigBlind: 100, ante: 100 };

export interface TournamentHarness {
  readonly actor: TableActor;
  readonly clock: ManualClock;
  readonly port: MemoryTournamentPort;
  readonly broadcaster: RecordingBroadcaster;
  readonly config: TableConfig;
  /** Decks to deal next, in order; when empty, decks come from a seeded shuffle. */
  readonly decks: Card[][];
  settle(): Promise<void>;
  advance(ms: number): Promise<void>;
  view(userId: string | null): TableView;
  /** Seats players by command (seat i + 1 for the i-th), each with its stack, connects them, and lets the table deal. */
  seatAll(players: readonly { userId: string; stack: number }[]): Promise<void>;
  /** Every seated player's chips, between hands: what the table would give back. */
  chipsAtTable(): number;
}

export interface TournamentHarnessOptions {
  readonly settings?: Partial<TableSettings>;
  readonly level?: TournamentLevel;
  readonly seats?: readonly RestoredSeat[];
  readonly lastHandNumber?: number;
  readonly interruptedHand?: { readonly number: number };
  readonly seed?: number;
}

export async function startTournamentHarness(
  options: TournamentHarnessOptions = {},
): Promise<TournamentHarness> {
  const clock = new ManualClock();
  const port = new MemoryTournamentPort();
  const broadcaster = new RecordingBroadcaster();
  const config = tournamentTableConfig({
    tableId: '00000000-0000-4000-8000-0000000000f1',
    name: 'Tournament table 1',
    tournamentId: TOURNAMENT_ID,
    variant: 'NT',
    maxSeats: 6,
  });
  const decks: Card[][] = [];
  const rand = seededRandom(options.seed ?? 11);
  const randomInt = (max: number) => seededInt(rand, max);
  const actor = new TableActor(
    {
      config,
      settings: { ...TEST_SETTINGS, ...options.settings },
      tournament: port,
      broadcaster,
      observer: silentObserver,
      clock,
      deckSource: () => ({ deck: decks.shift() ?? shuffleDeck(randomInt), salts: newSalts() }),
      engine: realHandEngine,
      equity: async (input) => computeEquity(input),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      ownerEpoch: port.epoch,
    },
    {
      lastHandNumber: options.lastHandNumber ?? 0,
      seats: options.seats ?? [],
      interruptedHand: options.interruptedHand ?? null,
      tournament: { level: options.level ?? LEVEL_1 },
    },
  );
  await actor.start();
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      clock.advance(0);
      await actor.idle();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await actor.idle();
  };
  const view = (userId: string | null) => actor.view(userId);
  return {
    actor,
    clock,
    port,
    broadcaster,
    config,
    decks,
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    view,
    async seatAll(players) {
      for (const [index, player] of players.entries()) {
        const seated = await actor.seatTournamentPlayer({
          userId: player.userId,
          username: player.userId,
          seat: index + 1,
          stack: player.stack,
        });
        if (!seated.ok) throw new Error(seated.error.message);
        // Their client joins the table: present, with the action clock.
        actor.setConnected(player.userId, true);
      }
      await settle();
    },
    chipsAtTable() {
      return view(null).seats.reduce((total, seat) => total + Number(seat.player?.stack ?? 0), 0);
    },
  };
}
