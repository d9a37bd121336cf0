import type { Logger } from 'pino';
import type { ClusterMetrics, LeaseLossReason } from '../observability/metrics.js';
import type { TableService } from '../realtime/table-service.js';
import type { ClusterBus } from './cluster-bus.js';
import type { ClusterPresence } from './cluster-presence.js';
import type { ClusterSettings } from './cluster-settings.js';
import { type HeldLease, type HeldLeases, monotonicNow } from './held-leases.js';
import type { LeaseStore } from './lease-store.js';
import type { NodeDirectory } from './node-directory.js';
import type { OpenTables } from './open-tables.js';
import { fairShare, preferredNode } from './placement.js';

export interface OwnershipDeps {
  readonly settings: ClusterSettings;
  readonly store: LeaseStore;
  readonly leases: HeldLeases;
  readonly nodes: NodeDirectory;
  readonly bus: ClusterBus;
  readonly presence: ClusterPresence;
  readonly openTables: OpenTables;
  readonly metrics: ClusterMetrics;
  readonly logger: Logger;
}

/** Why a table is handed over between hands. */
type ReleaseReason = 'rebalance' | 'shutdown' | 'closed';

/**
 * Which tables this node runs. Three loops:
 * - the scan (every CLUSTER_SCAN_INTERVAL_MS): heartbeat, open tables from the database, their
 *   owners from Redis; takes tables nobody owns (the preferred node at once, the least loaded
 *   after a grace period), up to the fair share; hands one table over, between hands, when it
 *   holds two more than the least loaded node;
 * - the renewal (every CLUSTER_LEASE_RENEW_MS) of every held lease, in one round trip;
 * - the watchdog, which gives a table up at once (its hand void) when its lease could expire
 *   before the next renewal succeeds, or when a renewal finds it lost: from then on this node
 *   neither deals nor moves money at that table.
 */
export class TableOwnership {
  private service: TableService | null = null;
  private liveNodes: string[] = [];
  private readonly orphanSince = new Map<string, number>();
  private readonly hints = new Map<string, { to: string; untilMs: number }>();
  private readonly releasing = new Map<string, Promise<void>>();
  private scanTimer: NodeJS.Timeout | null = null;
  private renewTimer: NodeJS.Timeout | null = null;
  private watchdogTimer: NodeJS.Timeout | null = null;
  private scanning = false;
  private rescan = false;
  private renewing = false;
  private stopping = false;
  private handingOver: string | null = null;
  private lastScanError = 0;
  private renewalFailing = false;

  constructor(private readonly deps: OwnershipDeps) {}

  get nodeId(): string {
    return this.deps.settings.nodeId;
  }

  start(service: TableService): void {
    const { settings } = this.deps;
    this.service = service;
    this.renewTimer = setInterval(() => void this.renew(), settings.leaseRenewMs);
    // Without the self-fence (a test of the database fence alone), only a failed renewal stops a table.
    if (settings.selfFence)
      this.watchdogTimer = setInterval(
        () => this.watchdog(),
        Math.max(20, Math.min(100, settings.leaseGuardMs / 2)),
      );
    this.scanSoon();
  }

  /** Runs a scan now (or right after the one running). */
  scanSoon(): void {
    if (this.stopping || !this.service) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    if (this.scanTimer) clearTimeout(this.scanTimer);
    this.scanTimer = null;
    void this.scan();
  }

  /** An admin closed the table: hand it over (there is nobody to hand it to; it just stops). */
  closed(tableId: string): void {
    this.deps.openTables.forget(tableId);
    if (this.deps.leases.get(tableId)) void this.release(tableId, 'closed');
  }

  /** Another node announced that it owns a table this node thinks it holds: it lost it. */
  ownedElsewhere(tableId: string, ownerNodeId: string): void {
    if (ownerNodeId === this.nodeId) return;
    const lease = this.deps.leases.get(tableId);
    if (lease && !lease.lost) this.lose(tableId, 'owned-elsewhere', `node ${ownerNodeId} owns it now`, true);
  }

  /**
   * Graceful stop: no more tables are taken; each held table finishes its hand (or voids it after
   * the table's shutdown wait) and its lease is released, so other nodes take them over at once.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.scanTimer) clearTimeout(this.scanTimer);
    await this.deps.nodes.leave().catch(() => undefined);
    const handovers = this.deps.leases.all().map((lease) => this.release(lease.tableId, 'shutdown'));
    await Promise.allSettled([...handovers, ...this.releasing.values()]);
    if (this.renewTimer) clearInterval(this.renewTimer);
    if (this.watchdogTimer) clearInterval(this.watchdogTimer);
  }

  // ------------------------------------------------------------------ the scan

  private async scan(): Promise<void> {
    this.scanning = true;
    try {
      await this.scanOnce();
    } catch (error) {
      // Redis or the database is unreachable: nothing is taken; held tables live on their leases.
      const now = Date.now();
      if (now - this.lastScanError > 5_000) {
        this.lastScanError = now;
        this.deps.logger.warn({ err: error }, 'ownership scan failed');
      }
    } finally {
      this.scanning = false;
      if (!this.stopping) {
        const delay = this.rescan ? 0 : this.deps.settings.scanIntervalMs;
        this.rescan = false;
        this.scanTimer = setTimeout(() => void this.scan(), delay);
      }
    }
  }

  private async scanOnce(): Promise<void> {
    const { nodes, openTables, store, leases, presence } = this.deps;
    this.liveNodes = await nodes.beat();
    if (!this.liveNodes.includes(this.nodeId)) this.liveNodes.push(this.nodeId);
    const live = new Set(this.liveNodes);
    for (const change of presence.forgetNodesExcept(live))
      this.service?.registry.get(change.tableId)?.setConnected(change.userId, false);

    const open = await openTables.refresh();
    const openSet = new Set(open);
    for (const lease of leases.all()) {
      if (!openSet.has(lease.tableId) && lease.state === 'live' && !lease.tournament)
        void this.release(lease.tableId, 'closed');
    }
    const owners = await store.owners(open);
    const counts = new Map<string, number>();
    const orphans: string[] = [];
    open.forEach((tableId, i) => {
      const owner = owners[i] ?? null;
      if (owner === null) orphans.push(tableId);
      else counts.set(owner, (counts.get(owner) ?? 0) + 1);
    });
    for (const tableId of this.orphanSince.keys())
      if (!orphans.includes(tableId)) this.orphanSince.delete(tableId);
    for (const [tableId, hint] of this.hints) if (hint.untilMs <= Date.now()) this.hints.delete(tableId);
    if (this.stopping) return;

    const fair = fairShare(open.length, this.liveNodes.length);
    let mine = leases.size;
    counts.set(this.nodeId, mine);
    const others = this.liveNodes.filter((nodeId) => nodeId !== this.nodeId);
    const countOf = (nodeId: string) => counts.get(nodeId) ?? 0;
    const leastOther = others.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...others.map(countOf));
    const now = Date.now();
    for (const tableId of orphans) {
      if (this.stopping) return;
      if (leases.get(tableId)) continue;
      const since = this.orphanSince.get(tableId) ?? now;
      this.orphanSince.set(tableId, since);
      if (this.mayTake(tableId, now - since, mine, fair, leastOther) && (await this.acquire(tableId)))
        mine += 1;
    }

    // Two tables more than the least loaded other node: hand one over to it, between hands.
    if (this.handingOver === null && others.length > 0 && mine >= leastOther + 2) {
      const target = others.filter((nodeId) => countOf(nodeId) === leastOther).sort()[0]!;
      const candidates = leases
        .all()
        .filter((lease) => lease.state === 'live' && !lease.stopping && !lease.tournament);
      // A table between hands moves at once; one in a hand waits for it (and deals no new one).
      const registry = this.service?.registry;
      const idle = candidates.filter((lease) => !registry?.get(lease.tableId)?.handInProgress);
      const pool = idle.length > 0 ? idle : candidates;
      const chosen = pool.find((lease) => preferredNode(lease.tableId, this.liveNodes) === target) ?? pool[0];
      if (chosen) void this.release(chosen.tableId, 'rebalance', target);
    }
  }

  /**
   * Whether this node takes a table nobody owns, `waitedMs` after it was first seen so: the node a
   * handover names, else the table's preferred node, else (after a grace period) the least loaded,
   * always below the fair share; and after a long wait anyone, for availability over balance.
   */
  private mayTake(
    tableId: string,
    waitedMs: number,
    mine: number,
    fair: number,
    leastOther: number,
  ): boolean {
    const grace = this.deps.settings.orphanGraceMs;
    if (waitedMs >= 3 * grace) return true;
    if (mine >= fair) return false;
    const hint = this.hints.get(tableId);
    if (hint && hint.untilMs > Date.now() && this.liveNodes.includes(hint.to)) return hint.to === this.nodeId;
    if (preferredNode(tableId, this.liveNodes) === this.nodeId) return true;
    return waitedMs >= grace && mine <= leastOther;
  }

  /** A table was handed over to a named node: the others leave it to that node for a while. */
  handedOver(tableId: string, to: string): void {
    this.hints.set(tableId, { to, untilMs: Date.now() + 3 * this.deps.settings.orphanGraceMs });
  }

  /**
   * Takes a table nobody owns: the lease, then the database claim at a new epoch, then the actor.
   * If the previous owner died in the middle of a hand, the claim voids it in the database and the
   * actor tells its players as they connect (tables/voided-hand-notice.ts).
   */
  private async acquire(tableId: string): Promise<boolean> {
    const { store, leases, bus, metrics, logger } = this.deps;
    const service = this.service!;
    const sentAtMs = monotonicNow();
    if (!(await store.acquire(tableId))) return false;
    const lease = leases.hold(tableId, sentAtMs);
    let opened = false;
    try {
      opened = await service.openTable(tableId);
    } catch (error) {
      logger.warn({ err: error, tableId }, 'could not open a table whose lease this node took');
    }
    if (!opened || leases.get(tableId) !== lease || lease.stopping || this.stopping) {
      if (opened) await service.abandonTable(tableId, 'the lease was lost while the table opened');
      if (leases.get(tableId) === lease) leases.drop(tableId);
      await store.release(tableId).catch(() => undefined);
      return false;
    }
    lease.state = 'live';
    this.orphanSince.delete(tableId);
    metrics.leaseAcquired();
    logger.info({ tableId, ownerEpoch: lease.epoch?.toString() }, 'table owned');
    bus.announce({ kind: 'owned', tableId, nodeId: this.nodeId, epoch: String(lease.epoch) });
    return true;
  }

  /**
   * Hands a table over between hands: the hand finishes (or is void at the end of the table's
   * shutdown wait), then the lease goes and the other nodes hear it. One handover per table at a
   * time; asking again answers the one under way.
   */
  private release(tableId: string, reason: ReleaseReason, to?: string): Promise<void> {
    const running = this.releasing.get(tableId);
    if (running) return running;
    const lease = this.deps.leases.get(tableId);
    if (!lease || lease.stopping) return Promise.resolve();
    const done = this.handOver(lease, reason, to).finally(() => this.releasing.delete(tableId));
    this.releasing.set(tableId, done);
    return done;
  }

  private async handOver(lease: HeldLease, reason: ReleaseReason, to: string | undefined): Promise<void> {
    const { leases, store, bus, presence, logger } = this.deps;
    const { tableId } = lease;
    lease.state = 'releasing';
    if (reason === 'rebalance') this.handingOver = tableId;
    logger.info({ tableId, reason, to }, 'handing a table over');
    try {
      // Moving a table is never urgent: its hand is played out (the action clock bounds it), not
      // voided after the short shutdown wait.
      await this.service?.closeTable(
        tableId,
        reason === 'rebalance' ? this.deps.settings.rebalanceHandWaitMs : undefined,
      );
    } finally {
      presence.forgetTable(tableId);
      const stillHeld = leases.get(tableId) === lease;
      if (stillHeld) leases.drop(tableId);
      // Not if this node took the table again meanwhile: that newer lease is not this one's to free.
      if (stillHeld || !leases.get(tableId)) await store.release(tableId).catch(() => undefined);
      if (reason !== 'closed')
        bus.announce({ kind: 'released', tableId, nodeId: this.nodeId, ...(to && { to }) });
      if (this.handingOver === tableId) this.handingOver = null;
    }
  }

  // ------------------------------------------------------------------ renewal and watchdog

  private async renew(): Promise<void> {
    const { leases, store, logger } = this.deps;
    if (this.renewing) return;
    const held = leases.all().filter((lease) => !lease.stopping);
    if (held.length === 0) return;
    this.renewing = true;
    const sentAtMs = monotonicNow();
    try {
      const renewed = await store.renew(held.map((lease) => lease.tableId));
      if (this.renewalFailing) logger.info('lease renewals work again');
      this.renewalFailing = false;
      held.forEach((lease, i) => {
        if (leases.get(lease.tableId) !== lease) return;
        if (renewed[i]) leases.renewed(lease.tableId, sentAtMs);
        else this.lose(lease.tableId, 'renewal-refused', 'the lease expired or another node holds it', true);
      });
    } catch (error) {
      // The watchdog gives tables up if this goes on until their leases could expire.
      if (!this.renewalFailing) logger.warn({ err: error, tables: held.length }, 'lease renewal failed');
      this.renewalFailing = true;
    } finally {
      this.renewing = false;
    }
  }

  private watchdog(): void {
    for (const lease of this.deps.leases.expiring())
      this.lose(lease.tableId, 'renewal-late', 'the lease could not be renewed in time', false);
  }

  /**
   * Gives a table up at once: no more dealing, the hand in progress void, no money moves. `lost`
   * means another node may own it already, so nothing more is published for it either.
   */
  private lose(tableId: string, reason: LeaseLossReason, detail: string, lost: boolean): void {
    const { leases, store, presence, metrics, logger } = this.deps;
    const lease = leases.get(tableId);
    if (!lease || lease.stopping) {
      if (lease && lost) lease.lost = true;
      return;
    }
    lease.stopping = true;
    lease.lost = lost;
    metrics.leaseLost(reason);
    logger.warn(
      { tableId, reason, detail, ownerEpoch: lease.epoch?.toString() },
      'lease lost: giving the table up',
    );
    void (async () => {
      try {
        await this.service?.abandonTable(tableId, `lease lost: ${detail}`);
      } catch (error) {
        logger.error({ err: error, tableId }, 'abandoning a table failed');
      }
      presence.forgetTable(tableId);
      if (leases.get(tableId) === lease) leases.drop(tableId);
      // Still ours in Redis (an outage shorter than the lease)? Free it for whoever comes first.
      if (!lost) await store.release(tableId).catch(() => undefined);
    })();
  }
}
