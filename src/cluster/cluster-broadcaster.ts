import type { Logger } from 'pino';
import type { LobbyTable } from '../protocol/lobby.js';
import type { TableNotice } from '../protocol/notices.js';
import { LOBBY_ROOM, type PokerServer, tableRoom, userRoom, watchRoom } from '../realtime/socket-types.js';
import type { ServiceBroadcaster } from '../realtime/table-service.js';
import type { TableSnapshot } from '../tables/table-ports.js';
import type { ClusterLobby } from './cluster-lobby.js';
import type { ClusterPresence } from './cluster-presence.js';
import type { HeldLeases } from './held-leases.js';

/**
 * Delivers a table's views to sockets on every node (through the Socket.IO adapter) while only
 * the owner renders them. Each user watching the table, and each seated player, gets the view
 * rendered for them in the room of that user at that table; the table's room gets the spectator
 * view, except those users' rooms. So a player's cards only ever travel to that player's sockets,
 * on whatever node they are.
 *
 * Nothing goes out for a table whose lease this node cannot prove any more: a paused process that
 * wakes up after another node took its table over stays silent. A table being given up at once
 * says that its hand is void, not that it halted (it is moving, and its players should stay).
 */
export class ClusterBroadcaster implements ServiceBroadcaster {
  private readonly pendingSummaries = new Map<string, LobbyTable>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly io: PokerServer,
    private readonly presence: ClusterPresence,
    private readonly leases: HeldLeases,
    private readonly lobby: ClusterLobby,
    lobbyUpdateIntervalMs: number,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => this.flushSummaries(), lobbyUpdateIntervalMs);
    this.timer.unref();
  }

  publishView(snapshot: TableSnapshot): void {
    const tableId = snapshot.tableId;
    if (!this.leases.mayPublish(tableId)) return;
    const spectatorView = snapshot.viewFor(null);
    if (spectatorView.status === 'halted' && this.leases.get(tableId)?.stopping) return;
    const viewers = new Set(this.presence.watchers(tableId));
    for (const seat of spectatorView.seats) if (seat.player) viewers.add(seat.player.userId);
    const personal: string[] = [];
    for (const userId of viewers) {
      const room = watchRoom(tableId, userId);
      personal.push(room);
      this.io.to(room).emit('table:view', snapshot.viewFor(userId));
    }
    this.io.to(tableRoom(tableId)).except(personal).emit('table:view', spectatorView);
  }

  publishNotice(tableId: string, userId: string | null, notice: TableNotice): void {
    if (!this.leases.mayPublish(tableId)) return;
    if (notice.kind === 'table-halted' && this.leases.get(tableId)?.stopping) return;
    if (userId === null) this.io.to(tableRoom(tableId)).emit('table:notice', notice);
    else this.io.to(userRoom(userId)).emit('table:notice', notice);
  }

  publishSummary(summary: LobbyTable): void {
    if (this.leases.mayPublish(summary.tableId)) this.pendingSummaries.set(summary.tableId, summary);
  }

  flushSummaries(): void {
    if (this.pendingSummaries.size === 0) return;
    const summaries = [...this.pendingSummaries.values()];
    this.pendingSummaries.clear();
    const lobby = this.io.to(LOBBY_ROOM);
    for (const summary of summaries) lobby.emit('lobby:table', summary);
    this.lobby.publish(summaries).catch((error: unknown) => {
      this.logger.debug({ err: error }, 'lobby lines not written');
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
