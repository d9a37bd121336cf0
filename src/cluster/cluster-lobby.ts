import type { LobbyTable } from '../protocol/lobby.js';
import type { ClusterKeys } from './cluster-keys.js';
import type { RedisClient } from './redis-connections.js';
import { withTimeout } from './with-timeout.js';

/**
 * The lobby of the whole cluster: each owner writes the lobby line of its tables into one Redis
 * hash (as it sends them to lobby subscribers), so a node answers lobby:subscribe with every
 * table, wherever it runs. The list of open tables itself comes from the database.
 */
export class ClusterLobby {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: ClusterKeys,
    private readonly timeoutMs: number,
  ) {}

  async publish(summaries: readonly LobbyTable[]): Promise<void> {
    if (summaries.length === 0) return;
    const fields = Object.fromEntries(summaries.map((summary) => [summary.tableId, JSON.stringify(summary)]));
    await withTimeout(this.redis.hSet(this.keys.lobby, fields), this.timeoutMs, 'lobby update');
  }

  async remove(tableId: string): Promise<void> {
    await withTimeout(this.redis.hDel(this.keys.lobby, tableId), this.timeoutMs, 'lobby removal');
  }

  /** The lines of the given tables that some owner has written, sorted as the lobby shows them. */
  async lines(openTableIds: ReadonlySet<string>): Promise<LobbyTable[]> {
    const stored = await withTimeout(this.redis.hGetAll(this.keys.lobby), this.timeoutMs, 'lobby read');
    const lines: LobbyTable[] = [];
    for (const [tableId, text] of Object.entries(stored as Record<string, string>)) {
      if (!openTableIds.has(tableId)) continue;
      try {
        lines.push(JSON.parse(String(text)) as LobbyTable);
      } catch {
        // A line that does not parse is skipped; its owner rewrites it at the next change.
      }
    }
    return lines.sort((a, b) => a.name.localeCompare(b.name) || a.tableId.localeCompare(b.tableId));
  }
}
