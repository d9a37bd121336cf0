import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../protocol/events.js';

/** The typed Socket.IO server and socket of this application. */
export type PokerServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type PokerSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export const LOBBY_ROOM = 'lobby';

export function tableRoom(tableId: string): string {
  return `table:${tableId}`;
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** The sockets opened with one login session: closed together when it ends. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** The sockets of one user watching one table: they receive the views rendered for that user. */
export function watchRoom(tableId: string, userId: string): string {
  return `table:${tableId}:user:${userId}`;
}
