import type { SystemError } from '../protocol/notices.js';
import type { SessionScope } from '../users/sessions.js';
import { type PokerServer, sessionRoom, userRoom } from './socket-types.js';

/**
 * Closes every socket of a session, or of a user, on every node: the notice first (the player
 * reads why), then the disconnect. Both go through the Socket.IO adapter, so in a cluster they
 * reach the sockets of the other nodes too, in this order.
 */
export async function endSessionSockets(
  io: PokerServer,
  scope: SessionScope,
  notice: SystemError,
): Promise<void> {
  const room = 'sessionId' in scope ? sessionRoom(scope.sessionId) : userRoom(scope.userId);
  io.to(room).emit('system:error', notice);
  await io.in(room).disconnectSockets(true);
}
