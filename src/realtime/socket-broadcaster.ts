import type { LobbyTable } from '../protocol/lobby.js';
import type { TableNotice } from '../protocol/notices.js';
import type { TableBroadcaster, TableSnapshot } from '../tables/table-ports.js';
import { LOBBY_ROOM, type PokerServer, tableRoom, userRoom } from './socket-types.js';

/**
 * Delivers table snapshots to sockets. Each socket in the table's room gets the view rendered for
 * its own user (the snapshot renders each user once), so one player's cards never travel on
 * another's connection. Lobby summaries are coalesced: subscribers get at most one update per
 * table per interval.
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

  publishView(snapshot: TableSnapshot): void {
    const room = this.io.sockets.adapter.rooms.get(tableRoom(snapshot.tableId));
    if (!room) return;
    for (const socketId of room) {
      const socket = this.io.sockets.sockets.get(socketId);
      if (socket) socket.emit('table:view', snapshot.viewFor(socket.data.userId));
    }
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
    const lobby = this.io.to(LOBBY_ROOM);
    for (const summary of this.pendingSummaries.values()) lobby.emit('lobby:table', summary);
    this.pendingSummaries.clear();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
