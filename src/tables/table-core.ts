import type { BaseLogger } from 'pino';
import type { TableNotice } from '../protocol/notices.js';
import type { TableStakes, TableStatusWire } from '../protocol/table-view.js';
import type { TableClock } from './clock.js';
import type { HandEngine } from './hand-engine.js';
import { stakesOf, type TableConfig } from './table-config.js';
import type {
  DeckSource,
  EquityCalculator,
  HandRecords,
  TableBroadcaster,
  TableLedger,
  TableObserver,
  TournamentTablePort,
} from './table-ports.js';
import type { TableSettings } from './table-settings.js';
import type { LiveHand, SeatState } from './table-state.js';
import { TableStats } from './table-stats.js';
import type { TournamentTableState } from './tournament-state.js';

export type TableLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

interface TableDepsBase {
  readonly config: TableConfig;
  readonly settings: TableSettings;
  readonly broadcaster: TableBroadcaster;
  readonly observer: TableObserver;
  readonly clock: TableClock;
  readonly deckSource: DeckSource;
  readonly engine: HandEngine;
  /** All-in equity at the runout. */
  readonly equity: EquityCalculator;
  readonly logger: TableLogger;
  /** The fencing token this process holds for the table; every settlement carries it. */
  readonly ownerEpoch: bigint;
}

/** A cash table: its chips are money, moved by the ledger. */
export interface CashTableDeps extends TableDepsBase {
  readonly ledger: TableLedger;
  readonly tournament?: undefined;
}

/** A tournament table (config.tournamentId set): no money moves; hands go to the tournament's port. */
export interface TournamentTableDeps extends TableDepsBase {
  readonly tournament: TournamentTablePort;
  readonly ledger?: undefined;
}

export type TableDeps = CashTableDeps | TournamentTableDeps;

/**
 * The state of one table and the small helpers every part of the actor shares. Only code running
 * inside the actor's mailbox touches it (see table-actor.ts), so there are no locks.
 */
export class TableCore {
  readonly seats = new Map<number, SeatState>();
  /** The hand being played, or the last one (settled) while the table pauses. */
  hand: LiveHand | null = null;
  /** Number of the last settled or voided hand: the next hand is this plus one. */
  handNumber: number;
  lastBigBlindSeat: number | null = null;
  lastHandEndedAtMs = 0;
  /** Set at a tournament table (tournament-commands.ts); null at a cash table. */
  tournament: TournamentTableState | null = null;
  halted = false;
  closing = false;
  seq = 0;
  readonly stats = new TableStats();
  /** The stakes last shown, and the level they are for (stakes()). */
  private shownStakes: { readonly key: string; readonly stakes: TableStakes } | null = null;
  /** Something visible changed: the actor publishes a new view after the current command. */
  dirty = false;
  private readonly timers = new Map<string, () => void>();
  /** Ledger calls running outside the mailbox (buy-ins, top-ups): a graceful close waits for them. */
  private readonly moneyInFlight = new Set<Promise<unknown>>();
  /** Set by the actor: runs a job in the mailbox, ahead of any capacity limit. */
  enqueueInternal: (name: string, job: () => Promise<void> | void) => void = () => {};

  constructor(
    readonly deps: TableDeps,
    lastHandNumber: number,
  ) {
    this.handNumber = lastHandNumber;
  }

  get tableId(): string {
    return this.deps.config.tableId;
  }

  /**
   * The ledger of a cash table. A tournament table never reaches the code that moves money (its
   * seat commands are refused): asking is a bug, and the table halts (table-actor.ts, run).
   */
  get ledger(): TableLedger {
    const ledger = this.deps.ledger;
    if (!ledger) throw new Error('a tournament table moves no money');
    return ledger;
  }

  /**
   * The game and stakes as shown: a tournament table's are those of its level in play. The same
   * object while they hold: every snapshot takes them, and the update differ then sees at once
   * that they did not change (by reference) instead of comparing their text.
   */
  stakes(): TableStakes {
    const config = this.deps.config;
    const level = this.tournament?.level;
    const key = level ? `${level.smallBlind}/${level.bigBlind}/${level.ante}` : '';
    if (this.shownStakes?.key !== key) {
      const stakes = level
        ? stakesOf({ ...config, smallBlind: level.smallBlind, bigBlind: level.bigBlind, ante: level.ante })
        : stakesOf(config);
      this.shownStakes = { key, stakes };
    }
    return this.shownStakes.stakes;
  }

  /** Where this table records its deals and void hands: the ledger, or the tournament's port. */
  get handRecords(): HandRecords {
    return this.deps.ledger ?? this.deps.tournament;
  }

  now(): number {
    return this.deps.clock.now();
  }

  seatOf(userId: string): SeatState | undefined {
    for (const seat of this.seats.values()) if (seat.userId === userId) return seat;
    return undefined;
  }

  /** A hand is being played (dealt and not yet settled). */
  liveHand(): LiveHand | null {
    return this.hand && !this.hand.settled ? this.hand : null;
  }

  /** Whether the seat was dealt into the hand being played: its chips are then not settled yet. */
  inLiveHand(seat: SeatState): boolean {
    const hand = this.liveHand();
    return hand?.seating.positions.includes(seat.seat) ?? false;
  }

  /** Players who take part in hands: seated, bought in, with chips, neither away nor leaving. */
  playingSeats(): SeatState[] {
    // A tournament deals in everyone with chips, absent or not (their turns are played for them).
    if (this.tournament) return [...this.seats.values()].filter((seat) => seat.stack > 0);
    return [...this.seats.values()].filter(
      (seat) => !seat.reservation && !seat.sittingOut && !seat.leaving && seat.stack > 0,
    );
  }

  /** Players who could be dealt into the next hand: playing, and no top-up in the ledger. */
  dealableSeats(): SeatState[] {
    return this.playingSeats().filter((seat) => !seat.topUpInFlight);
  }

  /**
   * A game is in progress while a hand is played, or while two players who were dealt into it
   * can go on playing. Who joins then waits for the big blind (or posts one); otherwise the next
   * hand starts a new game, and everyone seated is dealt in (hand-seating.ts).
   */
  gameInProgress(): boolean {
    if (this.liveHand()) return true;
    return this.dealableSeats().filter((seat) => !seat.waitingForBigBlind).length >= 2;
  }

  status(): TableStatusWire {
    if (this.halted) return 'halted';
    if (this.closing) return 'closing';
    // Playing, not dealable: a top-up in the ledger, which watchers must not be able to see.
    if (this.liveHand() || this.playingSeats().length >= 2) return 'running';
    return 'waiting';
  }

  /** Keeps track of a ledger call made outside the mailbox until it answers (it never rejects). */
  trackMoney<T>(call: Promise<T>): Promise<T> {
    this.moneyInFlight.add(call);
    const forget = () => {
      this.moneyInFlight.delete(call);
    };
    call.then(forget, forget);
    return call;
  }

  /** Resolves when every ledger call made outside the mailbox so far has answered. */
  async moneySettled(): Promise<void> {
    await Promise.allSettled([...this.moneyInFlight]);
  }

  /** Sets (or replaces) the timer named `key`; when it fires, `job` runs inside the mailbox. */
  setTimer(key: string, atMs: number, job: () => Promise<void> | void): void {
    this.cancelTimer(key);
    const cancel = this.deps.clock.setTimer(atMs, () => {
      this.timers.delete(key);
      this.enqueueInternal(key, job);
    });
    this.timers.set(key, cancel);
  }

  hasTimer(key: string): boolean {
    return this.timers.has(key);
  }

  cancelTimer(key: string): void {
    const cancel = this.timers.get(key);
    if (cancel) {
      cancel();
      this.timers.delete(key);
    }
  }

  cancelAllTimers(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  notify(userId: string | null, notice: Omit<TableNotice, 'tableId'>): void {
    this.deps.broadcaster.publishNotice(this.tableId, userId, { tableId: this.tableId, ...notice });
  }
}
