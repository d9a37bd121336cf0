import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { findTable } from '../db/queries/table-queries.js';
import type { SnapshotHand } from '../tables/table-ports.js';
import type { ClusterKeys } from './cluster-keys.js';
import type { RedisClient } from './redis-connections.js';
import { withTimeout } from './with-timeout.js';

/** Long enough for any takeover; short enough that the keys of closed tables go away by themselves. */
const MARK_TTL_MS = 24 * 3_600_000;

/**
 * The number of the last hand dealt at each table, kept in Redis by the table's owner. The
 * database knows only the hands settled or voided: a hand being played when its owner died left
 * no trace there. So a new owner compares the two: a hand dealt but neither settled nor voided was
 * interrupted, and is void (the table restarts from the stacks at its start), which its players
 * must be told. Best effort: a mark that was not written (Redis away, or the owner died between
 * dealing and writing) only means nobody is told; a mark never says a recorded hand was void,
 * because the database's number is read after this node claimed the table, when no other node
 * can record a hand any more.
 */
export class DealtHands {
  /** Tables with a hand in play that this node marked already, with that hand's number. */
  private readonly marked = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ClusterKeys,
    private readonly database: Database,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  /** The owner published a table's state: marks a hand in play the first time it is seen. */
  seen(tableId: string, hand: SnapshotHand | null): void {
    if (!hand || hand.settled) {
      this.marked.delete(tableId);
      return;
    }
    if (this.marked.get(tableId) === hand.number) return;
    this.marked.set(tableId, hand.number);
    const write = this.redis.set(this.keys.dealt(tableId), String(hand.number), {
      expiration: { type: 'PX', value: MARK_TTL_MS },
    });
    withTimeout(write, this.timeoutMs, 'dealt hand mark').catch((error: unknown) => {
      this.logger.debug({ err: error, tableId }, 'dealt hand not marked');
    });
  }

  /**
   * Once this node has claimed a table: the number of the hand its previous owner dealt and never
   * recorded (now void), or null (none, or it cannot be known).
   */
  async interrupted(tableId: string): Promise<number | null> {
    try {
      const [mark, row] = await Promise.all([
        withTimeout(this.redis.get(this.keys.dealt(tableId)), this.timeoutMs, 'dealt hand lookup'),
        findTable(this.database, tableId),
      ]);
      const dealt = mark === null ? Number.NaN : Number(mark);
      if (!row || !Number.isInteger(dealt) || dealt <= row.handNumber) return null;
      return dealt;
    } catch (error) {
      this.logger.debug({ err: error, tableId }, 'could not tell whether a hand was interrupted');
      return null;
    }
  }
}
