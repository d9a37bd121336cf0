import { Money } from '../../src/money/index.js';
import type { TableView } from '../../src/protocol/table-view.js';
import type { RunStats } from './run-stats.js';

/**
 * The bots of one table, as a crew: they learn the table's hand count before anyone sits (so
 * "play H hands" means H hands from then), pool what they see of each finished hand (number and
 * rake, for the conservation check), and all leave once the table has played its hands.
 */
export class TableCrew {
  /** Hand number of the table's last hand before the bots sat down. */
  private base: number | null = null;
  private basePending: Promise<void> | null = null;
  /** Rake of every finished hand some bot saw, by hand number. */
  readonly rakeByHand = new Map<number, string>();
  /** Highest hand number seen finished. */
  private lastFinished = 0;
  /** Highest hand number seen at all, finished or not. */
  private lastSeen = 0;
  readonly botUserIds = new Set<string>();
  /** A player who is not one of our bots sat here: the chip count of the bots alone says nothing then. */
  foreignPlayerSeen = false;
  halted = false;
  /** A tournament's table: the most chips any view of it showed (tournament chips, whole numbers). */
  maxChipsSeen = 0;
  private countsChips = false;

  constructor(
    readonly tableId: string,
    readonly targetHands: number,
    private readonly stats: RunStats,
  ) {}

  /**
   * A tournament's table: every hand it deals counts (the bots are all it ever seats, from its
   * first hand), and nobody waits for a base.
   */
  static fromFirstHand(tableId: string, stats: RunStats): TableCrew {
    const crew = new TableCrew(tableId, Number.MAX_SAFE_INTEGER, stats);
    crew.base = 0;
    crew.countsChips = true;
    return crew;
  }

  get baseHandNumber(): number {
    return this.base ?? 0;
  }

  /**
   * The first bot to get here watches the table (`join`) and records its hand count; the others
   * wait for that. If it fails, the next bot tries.
   */
  async establishBase(join: () => Promise<TableView>): Promise<void> {
    if (this.base !== null) return;
    if (!this.basePending) {
      this.basePending = join().then(
        (view) => {
          this.base ??= view.hand?.number ?? 0;
        },
        (error: unknown) => {
          this.basePending = null;
          throw error;
        },
      );
    }
    await this.basePending;
  }

  /** Every valid view any bot of this table receives. */
  observe(view: TableView): void {
    if (view.tableId !== this.tableId) return;
    if (view.status === 'halted') this.halted = true;
    if (this.countsChips) this.maxChipsSeen = Math.max(this.maxChipsSeen, chipsOnTable(view));
    for (const seat of view.seats) {
      if (seat.player && !this.botUserIds.has(seat.player.userId)) this.foreignPlayerSeen = true;
    }
    const hand = view.hand;
    if (this.base === null || !hand || hand.number <= this.base) return;
    if (hand.number > this.lastSeen) this.lastSeen = hand.number;
    if (!hand.result) return;
    if (!this.rakeByHand.has(hand.number)) {
      this.rakeByHand.set(hand.number, hand.result.rake);
      this.stats.handCompleted();
    }
    if (hand.number > this.lastFinished) this.lastFinished = hand.number;
  }

  /** Hands the table has finished since the bots sat down (a void hand counts once a later one ends). */
  get handsPlayed(): number {
    return this.base === null ? 0 : Math.max(0, this.lastFinished - this.base);
  }

  get goalReached(): boolean {
    return this.handsPlayed >= this.targetHands;
  }

  /**
   * Hands some bot saw (or that must exist, being below one it saw) whose result no bot saw:
   * missed during a reconnect, finished after the last bot left, or void (a void hand moves no
   * chips and has no result to see).
   */
  missingHands(): number[] {
    const missing: number[] = [];
    if (this.base === null) return missing;
    for (let number = this.base + 1; number <= Math.max(this.lastFinished, this.lastSeen); number++) {
      if (!this.rakeByHand.has(number)) missing.push(number);
    }
    return missing;
  }

  rakeSeen(): Money {
    let total = new Money(0);
    for (const rake of this.rakeByHand.values()) total = total.plus(rake);
    return total;
  }
}

/**
 * Every tournament chip a view shows: the stacks as of the last settled hand, and, during a hand,
 * each player's live stack plus what they have put in (the pot is made of those), whichever is more.
 */
export function chipsOnTable(view: TableView): number {
  let settled = 0;
  for (const seat of view.seats) if (seat.player) settled += Number(seat.player.stack);
  const hand = view.hand;
  if (!hand || hand.result) return settled;
  const inHand = new Set(hand.players.map((player) => player.seat));
  let live = 0;
  for (const player of hand.players) live += Number(player.stack) + Number(player.totalCommitted);
  for (const seat of view.seats) if (seat.player && !inHand.has(seat.seat)) live += Number(seat.player.stack);
  return Math.max(settled, live);
}
