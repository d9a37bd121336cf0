import type { Logger } from 'pino';
import { type Ack, ackError } from '../protocol/ack.js';
import { DirectorRequest } from '../realtime/director-request-wire.js';
import type {
  DirectorRequestHandler,
  LateEntryHandler,
  TournamentDirection,
} from '../realtime/tournament-service.js';
import type { ClusterBus } from './cluster-bus.js';
import { type CommandRequest, DIRECTOR_REQUEST_EVENT, LATE_ENTRY_EVENT } from './cluster-messages.js';
import { HeldLeases, monotonicNow } from './held-leases.js';
import type { LeaseStore } from './lease-store.js';

/**
 * Which tournaments this node directs, in a cluster: one director lease per tournament in Redis,
 * taken and renewed like a table's (the same store and epoch counter, under the key
 * `tournament:<id>`), whose epoch is the one the director claims the tournament with in the
 * database, so a stale director's writes (state and money) are refused there. A lease that could
 * expire before its renewal succeeds, or that a renewal finds gone, is lost at once: the runner is
 * told to stop writing (listener), and the tournament is free for the next node's scan.
 *
 * A tournament's tables run on its director's node; each also gets a table lease (seized, not
 * waited for: the director's lease is what decides), held among the node's table leases so that
 * the command router, the presence reports and the broadcaster treat it as a table of this node.
 */

const LEASE_PREFIX = 'tournament:';

export interface TournamentDirectionDeps {
  readonly store: LeaseStore;
  /** The node's table leases (tournament tables join them, flagged). */
  readonly tableLeases: HeldLeases;
  readonly bus: ClusterBus;
  readonly nodeId: string;
  readonly ttlMs: number;
  readonly renewMs: number;
  readonly guardMs: number;
  readonly logger: Logger;
}

export class ClusterTournamentDirection implements TournamentDirection {
  private readonly leases: HeldLeases;
  private readonly listeners: ((tournamentId: string) => void)[] = [];
  private readonly renewTimer: NodeJS.Timeout;
  private readonly watchdogTimer: NodeJS.Timeout;
  private renewing = false;
  private lateEntries: LateEntryHandler = () => null;
  private directorRequests: DirectorRequestHandler = () => null;
  /** How long a late entry or a deal request forwarded to the director may take. */
  private readonly forwardTimeoutMs = 5_000;
  /** A cancellation pays every player still in before it answers: it may take longer. */
  private readonly cancelTimeoutMs = 20_000;

  constructor(private readonly deps: TournamentDirectionDeps) {
    this.leases = new HeldLeases(deps.ttlMs, deps.guardMs);
    this.renewTimer = setInterval(() => void this.renew(), deps.renewMs);
    this.watchdogTimer = setInterval(
      () => {
        for (const lease of this.leases.expiring())
          this.lose(lease.tableId, 'its lease could not be renewed in time');
      },
      Math.max(20, Math.min(100, deps.guardMs / 2)),
    );
  }

  async take(tournamentId: string, storedEpoch: bigint): Promise<bigint | null> {
    const { store } = this.deps;
    const key = LEASE_PREFIX + tournamentId;
    if (this.leases.get(key)) return null;
    const sentAtMs = monotonicNow();
    if (!(await store.acquire(key))) return null;
    const lease = this.leases.hold(key, sentAtMs);
    const epoch = await store.nextEpoch(key, storedEpoch + 1n).catch(() => null);
    if (epoch === null || this.leases.get(key) !== lease) {
      this.leases.drop(key);
      await store.release(key).catch(() => undefined);
      return null;
    }
    lease.epoch = epoch;
    lease.state = 'live';
    this.deps.logger.info({ tournamentId, directorEpoch: epoch.toString() }, 'tournament direction taken');
    return epoch;
  }

  holds(tournamentId: string): boolean {
    const lease = this.leases.get(LEASE_PREFIX + tournamentId);
    return lease !== undefined && this.leases.mayMoveMoney(lease);
  }

  async release(tournamentId: string): Promise<void> {
    const key = LEASE_PREFIX + tournamentId;
    if (!this.leases.get(key)) return;
    this.leases.drop(key);
    await this.deps.store.release(key).catch(() => undefined);
  }

  onLost(listener: (tournamentId: string) => void): void {
    this.listeners.push(listener);
  }

  onLateEntry(handler: LateEntryHandler): void {
    this.lateEntries = handler;
  }

  /**
   * A late entry for a tournament directed by another node: forwarded to it (it buys the entry at
   * its epoch and seats it). Answers 'none' when no other node directs it, null when no answer came.
   */
  async forwardLateEntry(
    tournamentId: string,
    userId: string,
    idempotencyKey: string,
  ): Promise<Ack<unknown> | null | 'none'> {
    return this.forwardToDirector(
      tournamentId,
      userId,
      LATE_ENTRY_EVENT,
      { idempotencyKey },
      this.forwardTimeoutMs,
    );
  }

  onDirectorRequest(handler: DirectorRequestHandler): void {
    this.directorRequests = handler;
  }

  /**
   * A deal request or a cancellation for a tournament directed by another node: forwarded to it,
   * within a bounded time. 'none' when no other node directs it, null when no answer came in time.
   */
  async forwardDirectorRequest(
    tournamentId: string,
    userId: string,
    request: DirectorRequest,
  ): Promise<Ack<unknown> | null | 'none'> {
    const timeoutMs = request.op === 'cancel' ? this.cancelTimeoutMs : this.forwardTimeoutMs;
    return this.forwardToDirector(tournamentId, userId, DIRECTOR_REQUEST_EVENT, request, timeoutMs);
  }

  /** To the node holding the director lease: 'none' if this node or nobody holds it, null without an answer in time. */
  private async forwardToDirector(
    tournamentId: string,
    userId: string,
    event: typeof LATE_ENTRY_EVENT | typeof DIRECTOR_REQUEST_EVENT,
    payload: unknown,
    timeoutMs: number,
  ): Promise<Ack<unknown> | null | 'none'> {
    const { store, bus, nodeId } = this.deps;
    const owner = await store.ownerOf(LEASE_PREFIX + tournamentId).catch(() => null);
    if (owner === null || owner === nodeId) return 'none';
    const outcome = await bus.request(
      owner,
      { tableId: tournamentId, event, user: { userId, username: '' }, payload },
      Date.now() + timeoutMs,
    );
    return outcome.kind === 'answered' ? outcome.ack : null;
  }

  /** A request forwarded by another node: this node's runner takes it, if it directs the tournament. */
  async answerDirectorRequest(request: CommandRequest): Promise<Ack<unknown> | null> {
    // The sender gave up already (it told its caller the director was unreachable): running it
    // now would surprise the player, who may have asked again elsewhere.
    if (Date.now() > request.deadlineMs) return null;
    const parsed = DirectorRequest.safeParse(request.payload);
    if (!parsed.success) return ackError('realtime/invalid-payload', 'the forwarded request is invalid');
    return (await this.directorRequests(request.tableId, request.user.userId, parsed.data)) ?? null;
  }

  /** A late entry forwarded by another node: this node's runner takes it, if it directs the tournament. */
  async answerLateEntry(request: CommandRequest): Promise<Ack<unknown> | null> {
    const payload = request.payload as { idempotencyKey?: unknown } | null;
    if (typeof payload?.idempotencyKey !== 'string')
      return ackError('realtime/invalid-payload', 'a late entry needs its idempotency key');
    return (await this.lateEntries(request.tableId, request.user.userId, payload.idempotencyKey)) ?? null;
  }

  async tableStarting(tableId: string): Promise<void> {
    const { store, tableLeases, bus, nodeId } = this.deps;
    const sentAtMs = monotonicNow();
    await store.seize(tableId);
    const lease = tableLeases.hold(tableId, sentAtMs, true);
    lease.state = 'live';
    bus.announce({ kind: 'owned', tableId, nodeId, epoch: '0' });
  }

  async tableStopped(tableId: string): Promise<void> {
    const { store, tableLeases } = this.deps;
    if (!tableLeases.get(tableId)) return;
    tableLeases.drop(tableId);
    await store.release(tableId).catch(() => undefined);
  }

  /** Stops the timers; the leases left expire (a graceful stop released them already). */
  stop(): void {
    clearInterval(this.renewTimer);
    clearInterval(this.watchdogTimer);
  }

  private async renew(): Promise<void> {
    const held = this.leases.all().filter((lease) => lease.state === 'live' && !lease.stopping);
    if (this.renewing || held.length === 0) return;
    this.renewing = true;
    const sentAtMs = monotonicNow();
    try {
      const renewed = await this.deps.store.renew(held.map((lease) => lease.tableId));
      held.forEach((lease, i) => {
        if (this.leases.get(lease.tableId) !== lease) return;
        if (renewed[i]) this.leases.renewed(lease.tableId, sentAtMs);
        else this.lose(lease.tableId, 'the lease expired or another node holds it');
      });
    } catch (error) {
      // The watchdog gives tournaments up if this goes on until their leases could expire.
      this.deps.logger.warn({ err: error }, 'tournament lease renewal failed');
    } finally {
      this.renewing = false;
    }
  }

  private lose(key: string, detail: string): void {
    const lease = this.leases.get(key);
    if (!lease || lease.stopping) return;
    lease.stopping = true;
    this.leases.drop(key);
    const tournamentId = key.slice(LEASE_PREFIX.length);
    this.deps.logger.warn({ tournamentId, detail }, 'tournament lease lost: its runner stops');
    for (const listener of this.listeners) listener(tournamentId);
  }
}
