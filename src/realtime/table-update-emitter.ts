import type { TablePublication } from '../tables/table-ports.js';
import { type PokerServer, tableRoom, watchRoom } from './socket-types.js';

/**
 * Sends one change of a table to every socket watching it, on this node or (through the Socket.IO
 * adapter) any other: each player whose own part changed gets the update with it, in the room of
 * that user at that table; everyone else in the table's room gets the public update, encoded once.
 * So each socket receives exactly one message per change, and a player's cards only ever travel to
 * that player's own sockets.
 */
export function emitTableUpdate(io: PokerServer, publication: TablePublication): void {
  const { update, privates } = publication;
  const room = tableRoom(update.tableId);
  if (privates.size === 0) {
    io.to(room).emit('table:update', update);
    return;
  }
  const personal: string[] = [];
  for (const [userId, own] of privates) {
    const userRoomAtTable = watchRoom(update.tableId, userId);
    personal.push(userRoomAtTable);
    io.to(userRoomAtTable).emit('table:update', { ...update, private: own });
  }
  io.to(room).except(personal).emit('table:update', update);
}
