import type { TablePrivate, TableUpdate } from '../protocol/table-update.js';
import type { TablePublication } from '../tables/table-ports.js';
import { withJson } from './json-packet-encoder.js';
import { type PokerServer, tableRoom, watchRoom } from './socket-types.js';

/**
 * Sends one change of a table to every socket watching it, on this node or (through the Socket.IO
 * adapter) any other: each player whose own part changed gets the update with it, in the room of
 * that user at that table; everyone else in the table's room gets the public update, encoded once.
 * So each socket receives exactly one message per change, and a player's cards only ever travel to
 * that player's own sockets. The public update is stringified once: each player's copy is its
 * text with `"private":{...}` added (what JSON.stringify of the copy gives), not the copy's own.
 */
export function emitTableUpdate(io: PokerServer, publication: TablePublication): void {
  const { update, privates } = publication;
  const room = tableRoom(update.tableId);
  if (privates.size === 0) {
    io.to(room).emit('table:update', update);
    return;
  }
  const publicJson = JSON.stringify(update);
  const openPublic = openObject(publicJson);
  const personal: string[] = [];
  for (const [userId, own] of privates) {
    const userRoomAtTable = watchRoom(update.tableId, userId);
    personal.push(userRoomAtTable);
    io.to(userRoomAtTable).emit('table:update', privateCopy(update, openPublic, own));
  }
  io.to(room).except(personal).emit('table:update', withJson(update, publicJson));
}

/** An object's JSON without its closing brace (an update always has fields: tableId, seq...). */
export function openObject(json: string): string {
  return json.slice(0, -1);
}

/** The update with one player's own part, carrying its JSON: the public text, then `private`. */
export function privateCopy(update: TableUpdate, openPublic: string, own: TablePrivate): TableUpdate {
  return withJson({ ...update, private: own }, `${openPublic},"private":${JSON.stringify(own)}}`);
}
