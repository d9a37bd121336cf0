import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import {
  cancellingTournamentIds,
  runningTournamentIds,
  type TournamentDetails,
  tournamentDetails,
  tournamentLiveRecord,
  tournamentSummaries,
} from '../db/queries/tournament-queries.js';
import { usernamesOf } from '../db/queries/user-queries.js';
import { fail, ok, type Result } from '../errors/result.js';
import type { LedgerResult } from '../ledger/ledger-errors.js';
import type { TournamentTableStore } from '../ledger/tournament-tables.js';
import type { TournamentLedger, TournamentRegistration } from '../ledger/tournament-transactions.js';
import type { Ledger } from '../ledger/transactions.js';
import { Money } from '../money/index.js';
import type { Ack } from '../protocol/ack.js';
import type { TournamentDealOut } from '../protocol/http-tournaments.js';
import type { TournamentNotice } from '../protocol/notices.js';
import { TournamentStructureSchema } from '../protocol/tournament-structure.js';
import type { TableClock } from '../tables/clock.js';
import { TournamentDirector } from '../tournaments/director.js';
import type { DirectorCommand } from '../tournaments/director-types.js';
import type { RandomInt } from '../tournaments/random-source.js';
import { isRunnerState, type RunnerState } from '../tournaments/saved-state.js';
import { ackResult, type DirectorRequest, resultAck } from './director-request-wire.js';
import { lateEntryAck, lateEntryResult } from './late-entry-wire.js';
import { userRoom } from './socket-types.js';
import type { TableService } from './table-service.js';
import type { DealAnswer } from './tournament-deal.js';
import {
  TournamentRunner,
  type TournamentRunnerHost,
  type TournamentRunnerSettings,
} from './tournament-runner.js';

/**
 * The live tournaments this node directs (alone, every tournament; in a cluster, those whose
 * director lease it holds: TournamentDirection). A Sit &
 * Go starts when its last seat is bought; a multi-table tournament at its scheduled start, which a
 * scheduler looks for (too few entrants: it is cancelled and every entry refunded). Starting claims
 * the tournament with a new director epoch, starts it in the ledger, builds the director from the
 * ledger's entries and hands it to a runner. At boot every RUNNING tournament is claimed again at a
 * higher epoch and resumed from its saved state (tournament-runner.ts, begin).
 */

export interface TournamentServiceSettings extends TournamentRunnerSettings {
  /** How often due multi-table tournaments (and full Sit & Gos not yet started) are looked for. */
  readonly schedulerIntervalMs: number;
  /** Tournaments resumed or started per scheduler pass at most. */
  readonly batchMax: number;
}

/**
 * Who directs which tournament when several nodes run (src/cluster/tournament-direction.ts). Absent
 * on a single node: it directs every tournament, claiming each at the stored epoch plus one.
 */
export interface TournamentDirection {
  /** Takes the right to direct a tournament: the epoch to claim it with, or null (another node has it). */
  take(tournamentId: string, storedEpoch: bigint): Promise<bigint | null>;
  /** Gives it up (the tournament ended, or this node stops directing it). */
  release(tournamentId: string): Promise<void>;
  /** Late entries forwarded by other nodes, for the tournaments this node directs. */
  onLateEntry(handler: LateEntryHandler): void;
  /** A late entry for a tournament another node directs, forwarded there; null when none does. */
  forwardLateEntry(
    tournamentId: string,
    userId: string,
    idempotencyKey: string,
  ): Promise<Ack<unknown> | null | 'none'>;
  /** Requests for the director (deals, a cancellation) forwarded by other nodes (director-request-wire.ts). */
  onDirectorRequest(handler: DirectorRequestHandler): void;
  /**
   * A request for a tournament another node directs, forwarded there within a bounded time: its
   * answer, null when none came in time, 'none' when no other node directs it.
   */
  forwardDirectorRequest(
    tournamentId: string,
    userId: string,
    request: DirectorRequest,
  ): Promise<Ack<unknown> | null | 'none'>;
  /** Called at once when the right is lost: the runner must write nothing more. */
  onLost(listener: (tournamentId: string) => void): void;
  /** A table of a directed tournament starts here, or stopped: the cluster routes its players here. */
  tableStarting(tableId: string): Promise<void>;
  tableStopped(tableId: string): Promise<void>;
}

/** Runs a request for the director of a tournament this node directs (its answer as it crosses the bus); null when it does not direct it. */
export type DirectorRequestHandler = (
  tournamentId: string,
  userId: string,
  request: DirectorRequest,
) => Promise<Ack<unknown>> | null;

/** Takes a late entry into a tournament this node directs (its answer as it crosses the bus); null when it does not direct it. */
export type LateEntryHandler = (
  tournamentId: string,
  userId: string,
  idempotencyKey: string,
) => Promise<Ack<unknown>> | null;

export interface TournamentServiceOptions {
  readonly database: Database;
  readonly ledger: Ledger;
  readonly tournamentLedger: TournamentLedger;
  readonly tables: TournamentTableStore;
  readonly tableService: TableService;
  readonly clock: TableClock;
  readonly randomInt: RandomInt;
  readonly logger: Logger;
  readonly settings: TournamentServiceSettings;
  readonly direction?: TournamentDirection;
}

export interface TournamentService {
  /** The ledger took an entry before the start: a full Sit & Go starts. */
  registered(tournamentId: string, userId: string, ledgerEntryId: string): Promise<void>;
  /** A late entry into a tournament running here, through its runner (null: none runs here). */
  lateEntry(
    tournamentId: string,
    userId: string,
    idempotencyKey: string,
  ): Promise<LedgerResult<TournamentRegistration>> | null;
  /** An admin cancelled a tournament before its start: its players are told. */
  cancelled(tournamentId: string): Promise<void>;
  /** An admin cancels a running tournament: its runner does it, here or on the node that directs it. */
  cancelRunning(tournamentId: string): Promise<Result<void>>;
  runner(tournamentId: string): TournamentRunner | undefined;
  /**
   * Deals at a final table: run by its runner (tournament-runner.ts), on this node or, in a
   * cluster, on the node that directs it (forwarded over the bus).
   */
  deal(tournamentId: string, userId: string): Promise<Result<TournamentDealOut | null>>;
  proposeDeal(tournamentId: string, userId: string, leftToPlayFor: Money): Promise<Result<TournamentDealOut>>;
  answerDeal(
    tournamentId: string,
    userId: string,
    offerId: string,
    answer: DealAnswer,
  ): Promise<Result<TournamentDealOut>>;
  /** Starts what is due now (the scheduler's pass; tests call it). */
  startDue(): Promise<void>;
  close(): Promise<void>;
}

/** How many ended tournaments' runners one node keeps (their last deal stays readable). */
const ENDED_RUNNERS_KEPT = 50;

export async function startTournamentService(options: TournamentServiceOptions): Promise<TournamentService> {
  const { database, tournamentLedger, logger, settings, tableService } = options;
  const runners = new Map<string, TournamentRunner>();
  const launching = new Map<string, Promise<void>>();
  let closing = false;

  const { direction } = options;
  const host: TournamentRunnerHost = {
    startTable: async (request) => {
      await direction?.tableStarting(request.tableId);
      return tableService.startTournamentTable(request);
    },
    stopTable: async (tableId, handWaitMs) => {
      await tableService.closeTable(tableId, handWaitMs);
      await direction?.tableStopped(tableId);
    },
    notify: (userId, notice) => tableService.io.to(userRoom(userId)).emit('tournament:notice', notice),
    usernames: (userIds) => usernamesOf(database, [...userIds]),
  };

  const notifyAll = (details: TournamentDetails, notice: Omit<TournamentNotice, 'tournamentId'>) => {
    for (const userId of new Set(details.entries.map((entry) => entry.userId)))
      host.notify(userId, { tournamentId: details.id, ...notice });
  };

  /** Cancels a tournament that cannot start (too few entrants): every entry is refunded. */
  const cancelAtStart = async (details: TournamentDetails) => {
    const cancelled = await tournamentLedger.cancelTournament({ tournamentId: details.id });
    if (!cancelled.ok) {
      logger.error({ tournamentId: details.id, error: cancelled.error }, 'tournament not cancelled');
      return;
    }
    logger.info(
      { tournamentId: details.id, refunded: cancelled.value.refunded },
      'tournament cancelled at its start',
    );
    notifyAll(details, {
      kind: 'cancelled',
      tableId: null,
      seat: null,
      place: null,
      prize: null,
      message: 'the tournament was cancelled: too few players registered; your buy-in is refunded',
    });
  };

  /** The director of a tournament that has just started, built from the ledger's entries. */
  const freshDirector = (details: TournamentDetails) => {
    const structure = TournamentStructureSchema.parse(details.structure);
    const playing = details.entries.filter((entry) => entry.status === 'PLAYING');
    const sitAndGo = details.kind === 'SNG';
    const director = TournamentDirector.create({
      kind: sitAndGo ? 'sit-and-go' : 'multi-table',
      seatsPerTable: details.tableSize,
      structure,
      buyIn: details.buyIn.toFixed(),
      moneyUnit: details.chipUnit.toFixed(),
      guarantee: details.guarantee.toFixed(),
      // A Sit & Go starts with the entries it has (the ledger started it full).
      capacity: sitAndGo ? playing.length : details.maxEntrants,
      minEntrants: Math.max(2, details.minEntrants),
      lateRegistrationLevels: sitAndGo ? 0 : (details.lateRegistrationLevel ?? 0),
      maxEntriesPerPlayer: details.maxEntriesPerPlayer,
    });
    const commands: DirectorCommand[] = [];
    const ledgerEntryIds: string[] = [];
    for (const entry of playing) {
      const registered = director.apply({ type: 'register', userId: entry.userId }, options.randomInt);
      if (!registered.ok)
        throw new Error(`the director refused entry ${entry.entryId}: ${registered.error.message}`);
      ledgerEntryIds.push(entry.entryId);
      commands.push(...registered.value);
    }
    if (!sitAndGo) {
      const started = director.apply({ type: 'start' }, options.randomInt);
      if (!started.ok) throw new Error(`the director refused the start: ${started.error.message}`);
      commands.push(...started.value);
    }
    return { director, commands, ledgerEntryIds };
  };

  /**
   * Runs a tournament here: a REGISTERING one that is due starts; a RUNNING one (a restart)
   * resumes. Claims it at a new epoch first, so any other runner of it is fenced out.
   */
  const launch = async (tournamentId: string): Promise<void> => {
    if (closing || runners.has(tournamentId)) return;
    const record = await tournamentLiveRecord(database, tournamentId);
    if (!record) return;
    // In a cluster, the director lease first: a node that cannot direct it reads nothing more.
    const epoch = direction
      ? await direction.take(tournamentId, record.directorEpoch)
      : record.directorEpoch + 1n;
    if (epoch === null) return;
    const details = await tournamentDetails(database, tournamentId, 1_000_000);
    const launched =
      details !== undefined &&
      (details.status === 'REGISTERING' || details.status === 'RUNNING') &&
      (await launchClaimed(tournamentId, details, epoch));
    if (!launched) await direction?.release(tournamentId);
  };

  /** Claims a tournament at `epoch` and runs it; false when it does not run here. */
  const launchClaimed = async (tournamentId: string, details: TournamentDetails, epoch: bigint) => {
    const claim = await tournamentLedger.claimTournament(tournamentId, epoch);
    if (!claim.ok) {
      logger.warn({ tournamentId, error: claim.error }, 'tournament not claimed');
      return false;
    }
    const directorEpoch = claim.value.directorEpoch;
    let current = details;
    if (details.status === 'REGISTERING') {
      const started = await tournamentLedger.startTournament({ tournamentId, directorEpoch });
      if (!started.ok) {
        if (started.error.code === 'ledger/tournament-too-few-entrants') await cancelAtStart(details);
        else logger.error({ tournamentId, error: started.error }, 'tournament not started');
        return false;
      }
      current = (await tournamentDetails(database, tournamentId, 1_000_000)) ?? details;
    }
    let saved: RunnerState;
    let commands: DirectorCommand[] = [];
    let stateVersion = claim.value.stateVersion;
    if (isRunnerState(claim.value.state)) {
      saved = claim.value.state;
    } else {
      const fresh = freshDirector(current);
      commands = fresh.commands;
      saved = {
        version: 1,
        director: fresh.director.state,
        ledgerEntryIds: fresh.ledgerEntryIds,
        savedAtMs: options.clock.now(),
        appliedHands: {},
      };
      const written = await tournamentLedger.saveTournamentState({
        tournamentId,
        directorEpoch,
        expectedVersion: stateVersion,
        state: saved,
      });
      if (!written.ok) {
        logger.error({ tournamentId, error: written.error }, 'tournament state not saved at its start');
        return false;
      }
      stateVersion = written.value.stateVersion;
    }
    const runner = new TournamentRunner({
      tournamentId,
      name: current.name,
      variant: current.variant,
      directorEpoch,
      stateVersion,
      saved,
      ledger: tournamentLedger,
      handLedger: options.ledger,
      tables: options.tables,
      host,
      clock: options.clock,
      randomInt: options.randomInt,
      logger: logger.child({ tournamentId }),
      settings,
    });
    runners.set(tournamentId, runner);
    logger.info(
      { tournamentId, directorEpoch: directorEpoch.toString(), resumed: commands.length === 0 },
      'tournament running',
    );
    await runner.begin(commands, isRunnerState(claim.value.state));
    return true;
  };

  /** One launch per tournament at a time: a second caller waits for the first. */
  const launchOnce = async (tournamentId: string): Promise<void> => {
    const pending = launching.get(tournamentId);
    if (pending) return pending;
    const started = launch(tournamentId)
      .catch((error: unknown) => logger.error({ err: error, tournamentId }, 'tournament launch failed'))
      .finally(() => launching.delete(tournamentId));
    launching.set(tournamentId, started);
    return started;
  };

  /**
   * In a cluster: the running tournaments nobody directs (their director died or stopped) are
   * taken over here if this node gets the lease; the ones this node finished are given up.
   */
  const takeOverOrphans = async () => {
    if (!direction) return;
    for (const [tournamentId, runner] of runners) {
      const phase = runner.state.phase;
      if (phase !== 'finished' && phase !== 'cancelled') continue;
      await runner.idle();
      runners.delete(tournamentId);
      await direction.release(tournamentId);
    }
    for (const tournamentId of await runningTournamentIds(database, settings.batchMax))
      if (!runners.has(tournamentId)) await launchOnce(tournamentId);
  };

  /** The director lease was lost: the runner stops at once, its tables are abandoned (hands void). */
  direction?.onLost((tournamentId) => {
    const runner = runners.get(tournamentId);
    if (!runner) return;
    runners.delete(tournamentId);
    for (const tableId of runner.abandon()) {
      void tableService
        .abandonTable(tableId, 'this node lost the direction of the tournament')
        .catch((error: unknown) =>
          logger.error({ err: error, tableId }, 'abandoning a tournament table failed'),
        )
        .finally(() => direction.tableStopped(tableId));
    }
  });

  /** A Sit & Go whose last seat was just bought starts here. */
  const startIfFull = async (tournamentId: string) => {
    const details = await tournamentDetails(database, tournamentId, 0);
    if (
      details?.kind === 'SNG' &&
      details.status === 'REGISTERING' &&
      details.entrants >= details.maxEntrants
    )
      await launchOnce(tournamentId);
  };

  const lateEntryHere = (tournamentId: string, userId: string, idempotencyKey: string) => {
    const runner = runners.get(tournamentId);
    return runner?.running ? runner.lateEntry(userId, idempotencyKey) : null;
  };
  direction?.onLateEntry(
    (tournamentId, userId, idempotencyKey) =>
      lateEntryHere(tournamentId, userId, idempotencyKey)?.then(lateEntryAck) ?? null,
  );

  /** A request for the director, if this node directs the tournament; null otherwise. */
  const directorHere = (
    tournamentId: string,
    userId: string,
    request: DirectorRequest,
  ): Promise<Result<unknown>> | null => {
    const runner = runners.get(tournamentId);
    if (!runner) return null;
    switch (request.op) {
      case 'deal-read':
        return Promise.resolve(ok(runner.dealView()));
      case 'deal-propose':
        return runner.proposeDeal(userId, new Money(request.leftToPlayFor));
      case 'deal-answer':
        return runner.answerDeal(userId, request.offerId, request.answer);
      case 'cancel':
        return runner.cancel().then((cancelled) => (cancelled.ok ? ok(null) : cancelled));
    }
  };
  direction?.onDirectorRequest(
    (tournamentId, userId, request) => directorHere(tournamentId, userId, request)?.then(resultAck) ?? null,
  );

  /** Runs a request where the tournament is directed: here, or forwarded to its director's node. */
  const forDirector = async <T>(
    tournamentId: string,
    userId: string,
    request: DirectorRequest,
  ): Promise<Result<T>> => {
    const local = directorHere(tournamentId, userId, request);
    if (local) return (await local) as Result<T>;
    if (!direction) return notRunningHere();
    const forwarded = await direction.forwardDirectorRequest(tournamentId, userId, request);
    return forwarded === 'none' ? notRunningHere() : ackResult<T>(forwarded);
  };

  /**
   * One node alone keeps the runners of the tournaments it ended, so that their last deal can still
   * be read, but only the latest few: a server that runs for months must not keep them all.
   */
  const forgetOldEnded = async () => {
    const ended = [...runners].filter(([, runner]) => {
      const phase = runner.state.phase;
      return phase === 'finished' || phase === 'cancelled';
    });
    for (const [tournamentId, runner] of ended.slice(0, Math.max(0, ended.length - ENDED_RUNNERS_KEPT))) {
      await runner.idle();
      runners.delete(tournamentId);
    }
  };

  const startDue = async () => {
    await takeOverOrphans();
    await forgetOldEnded();
    const now = options.clock.now();
    const waiting = await tournamentSummaries(database, {
      statuses: ['REGISTERING'],
      limit: settings.batchMax,
    });
    for (const tournament of waiting) {
      const due =
        tournament.kind === 'SNG'
          ? tournament.entrants >= tournament.maxEntrants
          : tournament.scheduledStart !== null && tournament.scheduledStart.getTime() <= now;
      if (due) await launchOnce(tournament.id);
    }
  };

  // A restart: the running ones resume, interrupted cancellations finish.
  for (const tournamentId of await runningTournamentIds(database, settings.batchMax))
    await launchOnce(tournamentId);
  for (const tournamentId of await cancellingTournamentIds(database, settings.batchMax))
    await tournamentLedger.cancelTournament({ tournamentId });

  let passing = false;
  const timer = setInterval(() => {
    if (passing || closing) return;
    passing = true;
    startDue()
      .catch((error: unknown) => logger.error({ err: error }, 'tournament scheduler failed'))
      .finally(() => {
        passing = false;
      });
  }, settings.schedulerIntervalMs);
  timer.unref();

  return {
    lateEntry(tournamentId, userId, idempotencyKey) {
      const local = lateEntryHere(tournamentId, userId, idempotencyKey);
      if (local || !direction) return local;
      // Directed by another node: it takes the entry. Otherwise (before the start) the ledger takes
      // it here, and a Sit & Go just filled starts here, as the route would have asked.
      return direction.forwardLateEntry(tournamentId, userId, idempotencyKey).then(async (forwarded) => {
        if (forwarded !== 'none') return lateEntryResult(forwarded);
        const result = await tournamentLedger.registerForTournament({ tournamentId, userId, idempotencyKey });
        if (result.ok && !result.replayed)
          void startIfFull(tournamentId).catch((error: unknown) =>
            logger.error({ err: error, tournamentId }, 'a full Sit & Go did not start'),
          );
        return result;
      });
    },
    registered: startIfFull,
    async cancelled(tournamentId) {
      const details = await tournamentDetails(database, tournamentId, 1_000_000);
      if (!details) return;
      notifyAll(details, {
        kind: 'cancelled',
        tableId: null,
        seat: null,
        place: null,
        prize: null,
        message: 'the tournament was cancelled; your buy-in is refunded',
      });
    },
    async cancelRunning(tournamentId) {
      const cancelled = await forDirector<null>(tournamentId, '', { op: 'cancel' });
      return cancelled.ok ? ok(undefined) : cancelled;
    },
    runner: (tournamentId) => runners.get(tournamentId),
    deal: (tournamentId, userId) => forDirector(tournamentId, userId, { op: 'deal-read' }),
    proposeDeal: (tournamentId, userId, leftToPlayFor) =>
      forDirector(tournamentId, userId, { op: 'deal-propose', leftToPlayFor: leftToPlayFor.toFixed() }),
    answerDeal: (tournamentId, userId, offerId, answer) =>
      forDirector(tournamentId, userId, { op: 'deal-answer', offerId, answer }),
    startDue,
    async close() {
      closing = true;
      clearInterval(timer);
      await Promise.allSettled([...launching.values()]);
      await Promise.allSettled([...runners.values()].map((runner) => runner.stop()));
      // Handed over at once: another node resumes them without waiting for the leases to expire.
      if (direction) await Promise.allSettled([...runners.keys()].map((id) => direction.release(id)));
      runners.clear();
    },
  };
}

function notRunningHere() {
  return fail('tournament/not-running', 'the tournament is not running on this server');
}
