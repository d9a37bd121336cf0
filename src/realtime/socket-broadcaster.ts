import type { LobbyTable } from '../protocol/lobby.js';
import type { TableNotice } from '../protocol/notices.js';
import type { TableBroadcaster, TablePublication } from '../tables/table-ports.js';
import { LOBBY_ROOM, type PokerServer, tableRoom, userRoom } from './socket-types.js';
import { emitTableUpdate } from './table-update-emitter.js';

/**
 * Delivers a table's updates and notices to the sockets of this process (emitTableUpdate keeps
 * each player's own part on that player's sockets). Lobby summaries are coalesced: subscribers get
 * at most one update per table per interval.
 */
export class SocketBroadcaster implements TableBroadcaster {
  private readonly pendingSummaries = new Map<string, LobbyTable>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly io: PokerServer,
    lobbyUpdateIntervalMs: number,
  ) {
    this.timer = setInterval(() => this.flushSummaries(), lobbyUpdateIntervalMs);
    this.timer.unref();
  }

  publishUpdate(publication: TablePublication): void {
    emitTableUpdate(this.io, publication);
  }

  publishNotice(tableId: string, userId: string | null, notice: TableNotice): void {
    if (userId === null) this.io.to(tableRoom(tableId)).emit('table:notice', notice);
    else this.io.to(userRoom(userId)).emit('table:notice', notice);
  }

  publishSummary(summary: LobbyTable): void {
    this.pendingSummaries.set(summary.tableId, summary);
  }

  flushSummaries(): void {
    if (this.pendingSummaries.size === 0) return;
    // Nobody watches the lobby: each emit would still encode its packet, a thousand times a flush.
    if (!this.io.sockets.adapter.rooms.get(LOBBY_ROOM)?.size) {
      this.pendingSummaries.clear();
      return;
    }
    const lobby = this.io.to(LOBBY_ROOM);
    for (const summary of this.pendingSummaries.values()) lobby.emit('lobby:table', summary);
    this.pendingSummaries.clear();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
