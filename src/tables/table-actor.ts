import type { Money } from '../money/index.js';
import { ackOk } from '../protocol/ack.js';
import type { ErrorCode } from '../protocol/error-codes.js';
import type { DeferrableResult } from '../protocol/events.js';
import type { LobbyTable } from '../protocol/lobby.js';
import type { TableView } from '../protocol/table-view.js';
import { decideRunout, startNextHand } from './hand-loop.js';
import { Mailbox } from './mailbox.js';
import { type ActRequest, playerAct } from './player-action.js';
import { PrivateParts } from './private-parts.js';
import {
  leaveSeat,
  postBigBlind,
  reserveSeat,
  type SitRequest,
  setConnected,
  sitIn,
  sitOut,
  startGracePeriod,
  topUp,
} from './seat-commands.js';
import { cashOutSeat } from './seat-money.js';
import { clockOf, unitsToWire } from './table-config.js';
import { TableCore, type TableDeps } from './table-core.js';
import { type TableResult, tableError } from './table-errors.js';
import { haltTable, voidLiveHand } from './table-halt.js';
import type { TableSnapshot } from './table-ports.js';
import { takeSnapshot } from './table-snapshot.js';
import { newSeat } from './table-state.js';
import { diffPublicView, isEmptyUpdate } from './table-update-diff.js';
import {
  dealWhenTold,
  pauseBetweenHands,
  removeTournamentPlayer,
  reportIfIdle,
  resumeDealing,
  seatTournamentPlayer,
  setTournamentInfo,
  setTournamentLevel,
  type TournamentSeating,
} from './tournament-commands.js';
import {
  levelProblem,
  type TournamentInfo,
  type TournamentLevel,
  type TournamentPause,
  type TournamentTableState,
} from './tournament-state.js';
import { VoidedHandNotice } from './voided-hand-notice.js';

/** A seat as the database holds it, for a table restored at start-up. */
export interface RestoredSeat {
  readonly seat: number;
  readonly userId: string;
  readonly username: string;
  readonly stack: number;
  readonly sittingOut: boolean;
  /** They asked to leave at the end of a hand that never ended here: they are cashed out at once. */
  readonly leaving: boolean;
}

export interface TableStart {
  /** Number of the last settled or voided hand. */
  readonly lastHandNumber: number;
  readonly seats: readonly RestoredSeat[];
  /**
   * A hand the table's previous run dealt and never finished (the process died), now void in the
   * database: its players are told when they come back.
   */
  readonly interruptedHand?: { readonly number: number } | null;
  /**
   * The sequence number of the first view (0 by default). A table taken over by another node of a
   * cluster starts above any number its previous owner can have sent, so clients take the new
   * owner's views as newer (src/cluster derives it from the owner epoch).
   */
  readonly firstSeq?: number;
  /**
   * Where the big blind was in the last hand, so that the blinds move on from there (null or
   * absent: a fresh start, the lowest seat takes the button).
   */
  readonly lastBigBlindSeat?: number | null;
  /**
   * A tournament table's level and pause at start: required when config.tournamentId is set. Its
   * seats come with the stacks the director holds for them (for a hand that was interrupted,
   * those of the start of that hand, which is void).
   */
  readonly tournament?: {
    readonly level: TournamentLevel;
    readonly pause?: TournamentPause | null;
    /**
     * Deal a hand only when the director says so (dealHand), one hand each time: a live runner's
     * director decides every deal (moves happen between hands, hand-for-hand waits for all).
     * Absent or false: the table deals on by itself unless paused.
     */
    readonly dealsWhenTold?: boolean;
  };
}

/**
 * One live table. Everything that changes it goes through its bounded mailbox and runs one command
 * at a time: socket handlers and timers only enqueue. After each command, if anything visible
 * changed, the actor takes a snapshot with the next sequence number and hands it to the broadcaster.
 */
export class TableActor {
  private readonly core: TableCore;
  private readonly mailbox: Mailbox;
  private latest: TableSnapshot;
  private readonly privateParts = new PrivateParts();
  private handOver: (() => void) | null = null;
  private stopped = false;
  private voidedHand: VoidedHandNotice | null = null;
  /** The next publication goes out even if no viewer would see a change (the first one). */
  private announce = false;

  constructor(
    private readonly deps: TableDeps,
    start: TableStart,
  ) {
    this.core = new TableCore(deps, start.lastHandNumber);
    this.mailbox = new Mailbox(deps.settings.mailboxCapacity);
    this.core.seq = start.firstSeq ?? 0;
    this.core.lastBigBlindSeat = start.lastBigBlindSeat ?? null;
    this.core.tournament = tournamentStateOf(deps, start);
    this.core.enqueueInternal = (name, job) => {
      void this.run(
        name,
        async () => {
          await job();
          return ackOk(null);
        },
        true,
      );
    };
    for (const restored of start.seats) {
      const seat = newSeat(
        restored.seat,
        restored.userId,
        restored.username,
        null,
        clockOf(deps.config, deps.settings).timeBankInitialMs,
      );
      seat.stack = restored.stack;
      seat.sittingOut = restored.sittingOut || restored.stack === 0;
      // Nobody leaves a tournament table on their own: only the director unseats.
      seat.leaving = restored.leaving && !this.core.tournament;
      seat.waitingForBigBlind = false;
      // Nobody is connected to a table that was just restored: each player gets the grace period.
      seat.connected = false;
      this.core.seats.set(seat.seat, seat);
      startGracePeriod(this.core, seat);
    }
    if (start.interruptedHand) {
      const untilMs = deps.clock.now() + deps.settings.disconnectGraceMs;
      this.voidedHand = new VoidedHandNotice(deps.config.tableId, start.interruptedHand.number, untilMs);
    }
    this.latest = this.snapshot();
  }

  get tableId(): string {
    return this.deps.config.tableId;
  }

  get mailboxDepth(): number {
    return this.mailbox.depth;
  }

  /**
   * Publishes the first view and deals when enough players are seated; first, the players who
   * asked to leave during a hand the previous run never finished are cashed out.
   */
  start(): Promise<void> {
    return this.run(
      'start',
      async () => {
        // Even unchanged: watchers of a previous owner learn from its seq that the table moved.
        this.announce = true;
        this.core.dirty = true;
        const leaving = [...this.core.seats.values()].filter((seat) => seat.leaving);
        for (const seat of leaving) await cashOutSeat(this.core, seat);
        return ackOk(null);
      },
      true,
    ).then(() => undefined);
  }

  /** The latest published view for one viewer (a watcher joining, or a client that saw a gap). */
  view(userId: string | null): TableView {
    return this.latest.viewFor(userId);
  }

  sit(request: SitRequest): Promise<TableResult<TableView>> {
    if (this.core.tournament) return Promise.resolve(this.refuseAtTournament());
    let completion: Promise<TableResult<null>> | null = null;
    return this.run('sit', () => {
      const reserved = reserveSeat(this.core, request);
      if (!reserved.ok) return reserved;
      completion = reserved.data;
      return ackOk(null);
    }).then(async (reserved) => {
      if (!reserved.ok || !completion) return reserved as TableResult<never>;
      const seated = await completion;
      // The buy-in's completion settles from inside its mailbox job, before that job publishes:
      // one more (empty) turn of the mailbox makes sure the view below shows the seat.
      await this.run('sit-published', () => ackOk(null), true);
      if (!seated.ok) this.deps.observer.commandRejected(seated.error.code);
      return seated.ok ? ackOk(this.view(request.userId)) : seated;
    });
  }

  /**
   * Answers as soon as the engine has applied the action: what follows in the same turn of the
   * mailbox (the end of the hand and its settlement) still runs before any other command, but the
   * player does not wait for it. What the action changed reaches everyone as a table:update.
   */
  async act(request: ActRequest): Promise<TableResult<null>> {
    const startedAt = performance.now();
    let markApplied = () => {};
    const applied = new Promise<TableResult<null>>((resolve) => {
      markApplied = () => resolve(ackOk(null));
    });
    const finished = this.run('act', () => playerAct(this.core, request, markApplied));
    const result = await Promise.race([applied, finished]);
    if (!result.ok) return result;
    this.deps.observer.actionApplied(this.tableId, performance.now() - startedAt);
    return result;
  }

  sitOut(userId: string): Promise<TableResult<TableView>> {
    return this.withView(
      userId,
      this.run('sit-out', () => sitOut(this.core, userId)),
    );
  }

  sitIn(userId: string): Promise<TableResult<TableView>> {
    return this.withView(
      userId,
      this.run('sit-in', () => sitIn(this.core, userId)),
    );
  }

  /** Waiting for the big blind, post one now instead, and be dealt into the next hand. */
  postBigBlind(userId: string): Promise<TableResult<TableView>> {
    if (this.core.tournament) return Promise.resolve(this.refuseAtTournament());
    return this.withView(
      userId,
      this.run('post-blind', () => postBigBlind(this.core, userId)),
    );
  }

  /** A player still in an all-in hand answers whether to run the board twice (hand-loop.ts). */
  decideRunout(request: {
    userId: string;
    deckCommitment: string;
    agree: boolean;
  }): Promise<TableResult<null>> {
    return this.run('run-twice', () => decideRunout(this.core, request));
  }

  topUp(userId: string, amount: Money): Promise<TableResult<DeferrableResult>> {
    if (this.core.tournament) return Promise.resolve(this.refuseAtTournament());
    return this.run('top-up', () => topUp(this.core, userId, amount)).then(async (started) => {
      if (!started.ok || started.data.when === 'after-hand') return started as TableResult<DeferrableResult>;
      const done = await started.data.completion;
      if (!done.ok) {
        this.deps.observer.commandRejected(done.error.code);
        return done;
      }
      return ackOk({ when: 'now' as const });
    });
  }

  leave(userId: string): Promise<TableResult<DeferrableResult>> {
    if (this.core.tournament) return Promise.resolve(this.refuseAtTournament());
    return this.run('leave', () => leaveSeat(this.core, userId));
  }

  /** The tournament director seats a player with their stack (tournament-commands.ts). */
  seatTournamentPlayer(request: TournamentSeating): Promise<TableResult<null>> {
    return this.run('tournament-seat', () => seatTournamentPlayer(this.core, request));
  }

  /** The director unseats a player between hands: the answer is the stack they take away. */
  removeTournamentPlayer(userId: string): Promise<TableResult<{ stack: number }>> {
    return this.run('tournament-remove', () => removeTournamentPlayer(this.core, userId));
  }

  /** Blinds and ante for the hands dealt from now on (never the hand being played). */
  setLevel(level: TournamentLevel): Promise<TableResult<null>> {
    return this.run('tournament-level', () => setTournamentLevel(this.core, level));
  }

  /** The hand being played finishes, and no new one is dealt until resume(). */
  pauseBetweenHands(reason: TournamentPause): Promise<TableResult<null>> {
    return this.run('tournament-pause', () => pauseBetweenHands(this.core, reason));
  }

  resume(): Promise<TableResult<null>> {
    return this.run('tournament-resume', () => resumeDealing(this.core));
  }

  /**
   * At a table that deals when told: deal one hand (after the usual pause) at this level, to these
   * players (all seated with chips when not given).
   */
  dealHand(level: TournamentLevel, userIds?: readonly string[]): Promise<TableResult<null>> {
    return this.run('tournament-deal', () => dealWhenTold(this.core, level, userIds));
  }

  /** Whether this is a tournament's table (kept out of the cash lobby). */
  get isTournamentTable(): boolean {
    return this.core.tournament !== null;
  }

  /** What viewers see of the tournament: the level's end, players left, average stack, ranks. */
  setTournamentInfo(info: TournamentInfo): Promise<TableResult<null>> {
    return this.run('tournament-info', () => setTournamentInfo(this.core, info));
  }

  /**
   * The director breaks the table once nobody is seated at it: it stops for good, as close()
   * does (the owner then drops it from its registry).
   */
  async closeTournamentTable(): Promise<TableResult<null>> {
    const empty = await this.run('tournament-close', () => {
      if (!this.core.tournament)
        return tableError('table/not-a-tournament', 'this is not a tournament table');
      if (this.core.seats.size > 0)
        return tableError('table/not-empty', 'players are still seated at this table: move them first');
      return ackOk(null);
    });
    if (!empty.ok) return empty;
    await this.close(0);
    return empty;
  }

  /** Whether a user's connection to this table is up (internal: never refused for capacity). */
  setConnected(userId: string, connected: boolean): void {
    void this.run(
      'connection',
      () => {
        setConnected(this.core, userId, connected);
        if (connected) this.tellOfVoidedHand(userId);
        return ackOk(null);
      },
      true,
    );
  }

  /** Someone connected to the table: if the previous run of it died mid-hand, they hear of it once. */
  private tellOfVoidedHand(userId: string): void {
    const voided = this.voidedHand;
    if (!voided) return;
    const now = this.core.now();
    if (voided.expired(now)) this.voidedHand = null;
    else if (voided.due(userId, now))
      this.deps.broadcaster.publishNotice(this.tableId, userId, voided.notice);
  }

  /** Resolves when the mailbox is empty: for tests and shutdown. */
  idle(): Promise<void> {
    return this.mailbox.idle();
  }

  /**
   * Stops the table because of a fault found outside it (for example, a lost lease), or because
   * an operator asked (then `message` tells the players so).
   */
  halt(reason: string, message?: string): Promise<void> {
    return this.run(
      'halt',
      async () => {
        await haltTable(this.core, reason, message);
        return ackOk(null);
      },
      true,
    ).then(() => undefined);
  }

  summary(): LobbyTable {
    const core = this.core;
    const config = this.deps.config;
    const { handsPerHour, averagePotUnits } = core.stats.summarize(core.now());
    const seatsTaken = core.seats.size;
    return {
      tableId: config.tableId,
      name: config.name,
      stakes: core.stakes(),
      maxSeats: config.maxSeats,
      seatsTaken,
      seatsFree: config.maxSeats - seatsTaken,
      status: core.status(),
      averagePot: unitsToWire(averagePotUnits, config),
      handsPerHour,
    };
  }

  /** Whether a hand is being played (a table between hands can move at once, nothing to void). */
  get handInProgress(): boolean {
    return this.core.liveHand() !== null;
  }

  /**
   * Graceful stop: no new hand is dealt; a hand in progress may finish (the action clock keeps
   * running), and buy-ins and top-ups already in the ledger may answer, for up to `handWaitMs`
   * (shutdownHandWaitMs by default); a hand still running after that is void.
   */
  async close(handWaitMs = this.deps.settings.shutdownHandWaitMs): Promise<void> {
    await this.run(
      'close',
      () => {
        this.core.closing = true;
        this.core.cancelTimer('next-hand');
        this.core.dirty = true;
        return ackOk(null);
      },
      true,
    );
    const { clock } = this.deps;
    let cancelWait = () => {};
    const waited = new Promise<void>((resolve) => {
      cancelWait = clock.setTimer(clock.now() + handWaitMs, resolve);
    });
    if (this.core.liveHand() && !this.core.halted) {
      const finished = new Promise<void>((resolve) => {
        this.handOver = resolve;
      });
      await Promise.race([finished, waited]);
    }
    // Buy-ins and top-ups already in the ledger come back (and are applied) within the same bound.
    await Promise.race([this.core.moneySettled(), waited]);
    cancelWait();
    await this.run(
      'stop',
      async () => {
        await voidLiveHand(this.core, 'the server shut down before the hand ended');
        this.core.cancelAllTimers();
        this.stopped = true;
        return ackOk(null);
      },
      true,
    );
    await this.mailbox.idle();
  }

  /**
   * Stops without waiting for the hand in progress, which is void: this process may no longer own
   * the table (a lease it cannot renew), so it must not deal, act or settle any more.
   */
  async abandon(reason: string): Promise<void> {
    // At once, not in turn: no timer may deal or time out a turn while earlier commands finish.
    this.core.closing = true;
    this.core.cancelAllTimers();
    await this.run(
      'abandon',
      async () => {
        this.core.closing = true;
        this.core.cancelAllTimers();
        this.core.dirty = true;
        await voidLiveHand(this.core, reason);
        this.core.cancelAllTimers();
        this.stopped = true;
        return ackOk(null);
      },
      true,
    );
    await this.mailbox.idle();
  }

  private withView<T>(userId: string, pending: Promise<TableResult<T>>): Promise<TableResult<TableView>> {
    return pending.then((result) => (result.ok ? ackOk(this.view(userId)) : result));
  }

  private run<T>(
    name: string,
    command: () => TableResult<T> | Promise<TableResult<T>>,
    internal = false,
  ): Promise<TableResult<T>> {
    if (this.stopped && !internal)
      return Promise.resolve(this.reject('table/closing', 'this table is closed'));
    const job = async (): Promise<TableResult<T>> => {
      let result: TableResult<T>;
      try {
        result = await command();
      } catch (error) {
        await haltTable(
          this.core,
          `unexpected error in ${name}: ${error instanceof Error ? error.stack : String(error)}`,
        );
        result = tableError('internal/error', 'something went wrong at this table');
      }
      this.afterCommand();
      if (!result.ok) this.deps.observer.commandRejected(result.error.code);
      return result;
    };
    const queued = this.mailbox.offer(job, { internal });
    this.deps.observer.mailboxDepth(this.tableId, this.mailbox.depth);
    if (!queued) return Promise.resolve(this.reject('table/mailbox-full', 'this table is busy; try again'));
    return queued;
  }

  private refuseAtTournament(): TableResult<never> {
    return this.reject(
      'table/tournament-seating',
      'at a tournament table the tournament seats and moves the players',
    );
  }

  private reject(code: ErrorCode, message: string): TableResult<never> {
    this.deps.observer.commandRejected(code);
    return tableError(code, message);
  }

  /** Publishes what changed, notices the end of a hand, and arranges the next hand. */
  private afterCommand(): void {
    const core = this.core;
    if (this.handOver && !core.liveHand()) {
      this.handOver();
      this.handOver = null;
    }
    if (!this.stopped) {
      this.scheduleNextHand();
      reportIfIdle(core);
    }
    if (!core.dirty) return;
    core.dirty = false;
    const snapshot = this.snapshot(core.seq + 1);
    const update = diffPublicView(this.latest.viewFor(null), snapshot.viewFor(null));
    const privates = this.privateParts.changes(snapshot);
    // Nothing any viewer can see changed (a top-up on its way through the ledger, or refused by
    // it): sending an empty update would only tell every watcher that something happened. The
    // seq is not used up, so the updates that are sent stay consecutive.
    if (isEmptyUpdate(update) && privates.size === 0 && !this.announce) return;
    this.announce = false;
    core.seq = snapshot.seq;
    this.latest = snapshot;
    this.deps.broadcaster.publishUpdate({ snapshot, update, privates });
    this.deps.broadcaster.publishSummary(this.summary());
  }

  /**
   * The next hand of a game comes after the pause that shows the last one's result. A new game's
   * first hand waits gameStartDelayMs from the moment two players could play, so that players
   * sitting down together are all dealt into it rather than waiting for the big blind.
   */
  private scheduleNextHand(): void {
    const core = this.core;
    if (core.halted || core.closing || core.liveHand() || core.hasTimer('next-hand')) return;
    if (core.tournament?.pause || core.tournament?.held) return;
    if (core.dealableSeats().length < 2) return;
    const { handPauseMs, gameStartDelayMs } = this.deps.settings;
    const startDelayMs = core.gameInProgress() ? 0 : gameStartDelayMs;
    const atMs = Math.max(core.now() + startDelayMs, core.lastHandEndedAtMs + handPauseMs);
    core.setTimer('next-hand', atMs, () => startNextHand(core));
  }

  private snapshot(seq = this.core.seq): TableSnapshot {
    const core = this.core;
    return takeSnapshot({
      config: this.deps.config,
      engine: this.deps.engine,
      stakes: core.stakes(),
      tournament: core.tournament,
      seq,
      status: core.status(),
      gameInProgress: core.gameInProgress(),
      serverTimeMs: core.now(),
      seats: core.seats.values(),
      hand: core.hand,
    });
  }
}

/** A tournament table's own state from its start; null for a cash table. Bad wiring throws (a bug). */
function tournamentStateOf(deps: TableDeps, start: TableStart): TournamentTableState | null {
  const tournamentId = deps.config.tournamentId;
  if (tournamentId === undefined) {
    if (deps.tournament || start.tournament) throw new Error('a cash table has no tournament');
    return null;
  }
  if (!deps.tournament || !start.tournament)
    throw new Error('a tournament table needs its tournament port and its level');
  const problem = levelProblem(start.tournament.level);
  if (problem) throw new Error(`tournament table ${deps.config.tableId}: ${problem}`);
  return {
    tournamentId,
    level: { ...start.tournament.level },
    nextLevel: null,
    pause: start.tournament.pause ?? null,
    info: null,
    idleReported: false,
    dealsWhenTold: start.tournament.dealsWhenTold ?? false,
    held: start.tournament.dealsWhenTold ?? false,
    dealOnly: null,
  };
}
