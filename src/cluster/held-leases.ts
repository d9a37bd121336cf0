/**
 * The leases this node holds, as this node knows them: until when each is surely still its own
 * (the time of the last successful renewal's request plus the lease's lifetime, on a monotonic
 * clock), and whether it has been lost. This is what fences the node itself: it publishes and
 * moves money for a table only while the lease is surely held, a margin before it could expire.
 */

export type LeaseState =
  /** Taken; the table is being restored from the database. */
  | 'opening'
  | 'live'
  /** Being handed over: the hand in progress finishes, then the lease is released. */
  | 'releasing';

export interface HeldLease {
  readonly tableId: string;
  state: LeaseState;
  epoch: bigint | null;
  /** Monotonic time (ms) until which the lease is surely this node's. */
  validUntilMs: number;
  /** Another node may hold it now (a renewal found it gone): publish nothing more. */
  lost: boolean;
  /** This node is giving the table up at once: no more money moves. */
  stopping: boolean;
  /**
   * A tournament's table, run by its director's node: the ownership scan neither places nor
   * releases it (it is not a cash table); its lease is only the route other nodes follow.
   */
  tournament: boolean;
}

export type MonotonicClock = () => number;

export const monotonicNow: MonotonicClock = () => performance.now();

export class HeldLeases {
  private readonly leases = new Map<string, HeldLease>();

  constructor(
    private readonly ttlMs: number,
    private readonly guardMs: number,
    private readonly now: MonotonicClock = monotonicNow,
  ) {}

  /** A lease just taken with a request sent at `sentAtMs`. */
  hold(tableId: string, sentAtMs: number, tournament = false): HeldLease {
    const lease: HeldLease = {
      tournament,
      tableId,
      state: 'opening',
      epoch: null,
      validUntilMs: sentAtMs + this.ttlMs,
      lost: false,
      stopping: false,
    };
    this.leases.set(tableId, lease);
    return lease;
  }

  get(tableId: string): HeldLease | undefined {
    return this.leases.get(tableId);
  }

  all(): HeldLease[] {
    return [...this.leases.values()];
  }

  get size(): number {
    return this.leases.size;
  }

  /** A renewal sent at `sentAtMs` succeeded. */
  renewed(tableId: string, sentAtMs: number): void {
    const lease = this.leases.get(tableId);
    if (lease && !lease.lost) lease.validUntilMs = Math.max(lease.validUntilMs, sentAtMs + this.ttlMs);
  }

  drop(tableId: string): void {
    this.leases.delete(tableId);
  }

  /** Leases that could expire within the guard margin, not yet being given up. */
  expiring(): HeldLease[] {
    const limit = this.now() + this.guardMs;
    return this.all().filter((lease) => !lease.stopping && lease.validUntilMs <= limit);
  }

  /** Views and notices of the table may go out: the lease is surely this node's right now. */
  mayPublish(tableId: string): boolean {
    const lease = this.leases.get(tableId);
    return lease !== undefined && !lease.lost && this.now() < lease.validUntilMs;
  }

  /**
   * The table may move money under this lease: it is still the one held for the table (not an
   * earlier one of this node), with the guard margin, and not being given up.
   */
  mayMoveMoney(lease: HeldLease): boolean {
    return (
      this.leases.get(lease.tableId) === lease &&
      !lease.lost &&
      !lease.stopping &&
      this.now() + this.guardMs < lease.validUntilMs
    );
  }
}
