import type { Logger } from 'pino';
import type { ClusterMetrics } from '../observability/metrics.js';
import { type Ack, ackError } from '../protocol/ack.js';
import { CLIENT_EVENT_SCHEMAS } from '../protocol/events.js';
import type { LobbyTable } from '../protocol/lobby.js';
import {
  runOnActor,
  type TableAccess,
  type TableCommandEvent,
  type TableCommandPayload,
  type TableUser,
} from '../realtime/table-access.js';
import type { TablePresence } from '../realtime/table-presence.js';
import type { TableRegistry } from '../tables/table-registry.js';
import type { ClusterBus } from './cluster-bus.js';
import type { ClusterLobby } from './cluster-lobby.js';
import { type CommandRequest, DIRECTOR_REQUEST_EVENT, LATE_ENTRY_EVENT } from './cluster-messages.js';
import type { ClusterPresence } from './cluster-presence.js';
import type { HeldLeases } from './held-leases.js';
import type { LeaseStore } from './lease-store.js';
import type { OpenTables } from './open-tables.js';
import { sleep } from './with-timeout.js';

/** Pause before asking again where a table runs, while it moves between nodes. */
const RETRY_PAUSE_MS = 100;
/** Bound on attempts, on top of the time limit. */
const ATTEMPTS_MAX = 100;

export interface RouterDeps {
  readonly nodeId: string;
  readonly registry: TableRegistry;
  /** This node's sockets at each table (the gateway's bookkeeping). */
  readonly localPresence: TablePresence;
  /** Who watches the tables this node owns, from every node. */
  readonly presence: ClusterPresence;
  readonly leases: HeldLeases;
  readonly store: LeaseStore;
  readonly bus: ClusterBus;
  readonly lobby: ClusterLobby;
  readonly openTables: OpenTables;
  readonly metrics: ClusterMetrics;
  readonly routeTimeoutMs: number;
  readonly logger: Logger;
}

/**
 * The gateway's way to the tables in a cluster. A command for a table this node runs goes to its
 * actor; any other goes to the owner named by the table's lease, over the cluster bus, and the
 * owner's ack comes back. While a table moves (no owner yet, or an owner that is gone or gives it
 * up), the router asks again until the route timeout, then answers cluster/owner-unreachable. It
 * asks again only when it knows the command did not run; after a silent owner it does not.
 */
export class CommandRouter implements TableAccess {
  constructor(private readonly deps: RouterDeps) {}

  async command<E extends TableCommandEvent>(
    tableId: string,
    event: E,
    user: TableUser,
    payload: TableCommandPayload<E>,
  ): Promise<Ack<unknown>> {
    const { store, bus, nodeId, openTables, metrics, routeTimeoutMs } = this.deps;
    if (!(await openTables.isOpen(tableId))) return ackError('table/not-found', 'no such table is running');
    const deadlineMs = Date.now() + routeTimeoutMs;
    for (let attempt = 0; attempt < ATTEMPTS_MAX && Date.now() < deadlineMs; attempt++) {
      if (attempt > 0) await sleep(Math.min(RETRY_PAUSE_MS, Math.max(0, deadlineMs - Date.now())));
      const here = await this.runHere(tableId, event, user, payload, nodeId);
      if (here) return here;
      let owner: string | null;
      try {
        owner = await store.ownerOf(tableId);
      } catch {
        continue;
      }
      // Nobody owns it yet, or this node is opening it: ask again shortly.
      if (owner === null || owner === nodeId) continue;
      const sentAtMs = performance.now();
      const outcome = await bus.request(owner, { tableId, event, user, payload }, deadlineMs);
      if (outcome.kind === 'answered' || outcome.kind === 'not-owner')
        metrics.forwardAnswered(performance.now() - sentAtMs);
      if (outcome.kind === 'answered') {
        metrics.commandForwarded(outcome.ack.ok ? 'ok' : outcome.ack.error.code);
        return outcome.ack;
      }
      if (outcome.kind === 'timeout') break;
    }
    metrics.commandForwarded('cluster/owner-unreachable');
    return ackError('cluster/owner-unreachable', 'the server running this table did not answer; try again');
  }

  /** A command forwarded by another node: run here if this node runs the table, else null. */
  async answer(request: CommandRequest): Promise<Ack<unknown> | null> {
    // The sender gave up already: running it now would surprise the player.
    if (
      Date.now() > request.deadlineMs ||
      request.event === LATE_ENTRY_EVENT ||
      request.event === DIRECTOR_REQUEST_EVENT
    )
      return null;
    const parsed = CLIENT_EVENT_SCHEMAS[request.event].safeParse(request.payload);
    if (!parsed.success) return ackError('realtime/invalid-payload', 'the forwarded payload is invalid');
    return this.runHere(
      request.tableId,
      request.event,
      request.user,
      parsed.data as TableCommandPayload<typeof request.event>,
      request.from,
    );
  }

  presence(tableId: string, userId: string, connected: boolean): void {
    const { registry, bus, nodeId, store, logger } = this.deps;
    if (registry.get(tableId)) {
      this.report(tableId, userId, nodeId, connected);
      return;
    }
    store.ownerOf(tableId).then(
      (owner) => {
        if (owner !== null && owner !== nodeId) bus.tell(owner, { tableId, userId, connected });
      },
      (error: unknown) => logger.debug({ err: error, tableId }, 'presence not forwarded'),
    );
  }

  /** A node reported a user's connection to a table this node may own. */
  report(tableId: string, userId: string, fromNodeId: string, connected: boolean): void {
    const { registry, presence } = this.deps;
    if (!registry.get(tableId)) return;
    const change = presence.report(tableId, userId, fromNodeId, connected);
    if (!change) return;
    registry.get(tableId)?.setConnected(userId, change.connected);
  }

  /** A table has a new owner: tell it which users watch it from this node. */
  ownerChanged(tableId: string, ownerNodeId: string): void {
    const { localPresence, presence, bus, nodeId } = this.deps;
    if (ownerNodeId !== nodeId) presence.forgetTable(tableId);
    for (const userId of localPresence.watchers(tableId)) {
      if (ownerNodeId === nodeId) this.report(tableId, userId, nodeId, true);
      else bus.tell(ownerNodeId, { tableId, userId, connected: true });
    }
  }

  async lobby(): Promise<readonly LobbyTable[]> {
    const { lobby, openTables, registry, logger } = this.deps;
    try {
      return await lobby.lines(openTables.set());
    } catch (error) {
      logger.warn({ err: error }, 'cluster lobby unavailable; answering with this node tables');
      return registry.summaries();
    }
  }

  /**
   * Runs the command on this node's actor of the table, if this node runs it under a lease it is
   * not giving up; null otherwise (nothing ran). A table being handed over refuses new seats and,
   * once stopped, everything: those answers mean "ask the next owner", not a real refusal.
   */
  private async runHere<E extends TableCommandEvent>(
    tableId: string,
    event: E,
    user: TableUser,
    payload: TableCommandPayload<E>,
    fromNodeId: string,
  ): Promise<Ack<unknown> | null> {
    const { registry, leases } = this.deps;
    const actor = registry.get(tableId);
    const lease = leases.get(tableId);
    if (!actor || !lease || lease.state === 'opening' || lease.stopping || lease.lost) return null;
    if (event === 'table:join' || event === 'table:sit') this.report(tableId, user.userId, fromNodeId, true);
    const ack = await runOnActor(actor, event, user, payload);
    if (!ack.ok && ack.error.code === 'table/closing' && lease.state === 'releasing') return null;
    return ack;
  }
}
