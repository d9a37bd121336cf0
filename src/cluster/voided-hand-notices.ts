import type { TableNotice } from '../protocol/notices.js';

/** Publishes a notice to one user's sockets (the cluster broadcaster, which checks the lease). */
export type NoticeSender = (tableId: string, userId: string, notice: TableNotice) => void;

interface VoidedHand {
  readonly notice: TableNotice;
  readonly untilMs: number;
  readonly told: Set<string>;
}

/**
 * Tells the players of a table taken over from a node that died mid-hand that the hand is void
 * and the stacks are as at its start; without it they would only see the same hand number dealt
 * again. Each user is told once: those watching the table when it starts running here, and those
 * whose first connection to the table reaches this node during a while after that (the players
 * of the dead node reconnect through another node, often only after the takeover). Per user
 * rather than to the table's room, so nobody watching is missed and nobody is told twice.
 */
export class VoidedHandNotices {
  private readonly voided = new Map<string, VoidedHand>();

  constructor(
    private readonly send: NoticeSender,
    /** How long after the takeover a user who connects is still told. */
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The table runs here now, its previous owner's hand `handNumber` void; tells its watchers. */
  begin(tableId: string, handNumber: number, watchers: readonly string[]): void {
    const now = this.now();
    for (const [id, entry] of this.voided) if (entry.untilMs <= now) this.voided.delete(id);
    const notice: TableNotice = {
      tableId,
      kind: 'hand-voided',
      message: `hand ${handNumber} was void: the server running this table stopped; stacks are as at its start`,
    };
    this.voided.set(tableId, { notice, untilMs: now + this.windowMs, told: new Set() });
    for (const userId of watchers) this.connected(tableId, userId);
  }

  /** A user's first connection to a table this node owns (anywhere in the cluster). */
  connected(tableId: string, userId: string): void {
    const entry = this.voided.get(tableId);
    if (!entry) return;
    if (entry.untilMs <= this.now()) {
      this.voided.delete(tableId);
      return;
    }
    if (entry.told.has(userId)) return;
    entry.told.add(userId);
    this.send(tableId, userId, entry.notice);
  }

  /** The table does not run here any more. */
  end(tableId: string): void {
    this.voided.delete(tableId);
  }
}
