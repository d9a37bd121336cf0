import type { Card } from '../../src/engine/cards.js';
import { computeEquity } from '../../src/engine/equity.js';
import { shuffleDeck } from '../../src/engine/shuffle.js';
import { newSalts } from '../../src/fairness/deck-commitment.js';
import { Money } from '../../src/money/index.js';
import type { LobbyTable } from '../../src/protocol/lobby.js';
import type { TableNotice } from '../../src/protocol/notices.js';
import type { TableView } from '../../src/protocol/table-view.js';
import { realtimeSettingsOf } from '../../src/realtime/realtime-config.js';
import { type HandEngine, realHandEngine } from '../../src/tables/hand-engine.js';
import { type RestoredSeat, TableActor } from '../../src/tables/table-actor.js';
import { type TableConfig, tableConfigOf } from '../../src/tables/table-config.js';
import type {
  TableBroadcaster,
  TableObserver,
  TablePublication,
  TableSnapshot,
} from '../../src/tables/table-ports.js';
import type { TableSettings } from '../../src/tables/table-settings.js';
import { TEST_CONFIG } from './database.js';
import { ManualClock } from './manual-clock.js';
import { MemoryTableLedger } from './memory-table-ledger.js';
import { seededInt, seededRandom } from './seeded-random.js';

/** Records every update (and its snapshot) and notice a table publishes. */
export class RecordingBroadcaster implements TableBroadcaster {
  readonly publications: TablePublication[] = [];
  readonly snapshots: TableSnapshot[] = [];
  readonly notices: { userId: string | null; notice: TableNotice }[] = [];
  readonly summaries: LobbyTable[] = [];
  publishUpdate(publication: TablePublication): void {
    this.publications.push(publication);
    this.snapshots.push(publication.snapshot);
  }
  publishNotice(_tableId: string, userId: string | null, notice: TableNotice): void {
    this.notices.push({ userId, notice });
  }
  publishSummary(summary: LobbyTable): void {
    this.summaries.push(summary);
  }
  latest(): TableSnapshot {
    return this.snapshots[this.snapshots.length - 1]!;
  }
}

export const TEST_SETTINGS: TableSettings = {
  ...realtimeSettingsOf(TEST_CONFIG).tables,
  mailboxCapacity: 16,
  reservationMs: 5_000,
  actionTimeoutMs: 10_000,
  timeBankInitialMs: 20_000,
  timeBankPerHandMs: 1_000,
  timeBankMaxMs: 30_000,
  missedTurnsBeforeSitOut: 2,
  handPauseMs: 1_000,
  // A new game deals at once here; tests of the wait before a game's first hand set it.
  gameStartDelayMs: 0,
  // All-in boards run out at once unless a test of the runout sets a pause.
  runoutPauseMs: 0,
  runItTwiceDecisionMs: 0,
  disconnectGraceMs: 30_000,
  shutdownHandWaitMs: 20_000,
};

export function testTableConfig(overrides: Partial<TableConfig> = {}): TableConfig {
  return {
    ...tableConfigOf({
      tableId: '00000000-0000-4000-8000-000000000001',
      name: 'Test table',
      variant: 'NT',
      runItTwice: false,
      maxSeats: 6,
      chipUnit: new Money('0.01'),
      smallBlind: new Money('0.5'),
      bigBlind: new Money('1'),
      ante: new Money(0),
      minBuyIn: new Money(20),
      maxBuyIn: new Money(200),
      rakeBasisPoints: 500,
      rakeCap: new Money(3),
    }),
    ...overrides,
  };
}

export interface TableHarness {
  readonly actor: TableActor;
  readonly clock: ManualClock;
  readonly ledger: MemoryTableLedger;
  readonly broadcaster: RecordingBroadcaster;
  readonly config: TableConfig;
  /** Decks to deal next, in order; when empty, decks come from a seeded shuffle. */
  readonly decks: Card[][];
  /** Runs the mailbox dry (including the buy-in completions it triggers). */
  settle(): Promise<void>;
  /** Moves time, then lets the table react. */
  advance(ms: number): Promise<void>;
  view(userId: string | null): TableView;
}

export interface HarnessOptions {
  readonly config?: Partial<TableConfig>;
  readonly settings?: Partial<TableSettings>;
  readonly engine?: HandEngine;
  readonly seats?: readonly RestoredSeat[];
  readonly lastHandNumber?: number;
  /** A hand the table's previous run dealt and never finished (void in the database). */
  readonly interruptedHand?: { readonly number: number };
  readonly seed?: number;
}

export async function startTableHarness(options: HarnessOptions = {}): Promise<TableHarness> {
  const clock = new ManualClock();
  const ledger = new MemoryTableLedger();
  const broadcaster = new RecordingBroadcaster();
  const config = testTableConfig(options.config);
  const decks: Card[][] = [];
  const rand = seededRandom(options.seed ?? 7);
  const randomInt = (max: number) => seededInt(rand, max);
  for (const seat of options.seats ?? []) {
    ledger.seats.set(seat.seat, {
      userId: seat.userId,
      stack: config.chipUnit.times(seat.stack),
      leaving: seat.leaving,
    });
    ledger.escrow = ledger.escrow.plus(config.chipUnit.times(seat.stack));
  }
  const actor = new TableActor(
    {
      config,
      settings: { ...TEST_SETTINGS, ...options.settings },
      ledger,
      broadcaster,
      observer: silentObserver,
      clock,
      deckSource: () => ({ deck: decks.shift() ?? shuffleDeck(randomInt), salts: newSalts() }),
      engine: options.engine ?? realHandEngine,
      equity: async (input) => computeEquity(input),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      ownerEpoch: ledger.epoch,
    },
    {
      lastHandNumber: options.lastHandNumber ?? 0,
      seats: options.seats ?? [],
      interruptedHand: options.interruptedHand ?? null,
    },
  );
  await actor.start();
  const settle = async () => {
    // A buy-in completion is queued from a resolved promise: give it a few turns to arrive.
    for (let i = 0; i < 5; i++) {
      // Timers due now (the next hand right after a sit) fire without moving time.
      clock.advance(0);
      await actor.idle();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await actor.idle();
  };
  return {
    actor,
    clock,
    ledger,
    broadcaster,
    config,
    decks,
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    view: (userId) => actor.view(userId),
  };
}

/** An observer that records nothing. */
export const silentObserver: TableObserver = {
  moneyMoved: () => {},
  handStarted: () => {},
  handSettled: () => {},
  actionApplied: () => {},
  mailboxDepth: () => {},
  commandRejected: () => {},
  tableHalted: () => {},
};
