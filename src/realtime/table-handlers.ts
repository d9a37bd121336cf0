import type { z } from 'zod';
import { type Ack, ackOk } from '../protocol/ack.js';
import type { CLIENT_EVENT_SCHEMAS, ClientEventName } from '../protocol/events.js';
import type { LobbyTable } from '../protocol/lobby.js';
import { LOBBY_ROOM, type PokerSocket, tableRoom, watchRoom } from './socket-types.js';
import type { TableAccess, TableCommandEvent, TableUser } from './table-access.js';
import type { TableChatRoom } from './table-chat.js';
import type { TablePresence } from './table-presence.js';

/**
 * One handler per client event. A handler receives a payload already validated, and a socket
 * already authenticated where the event needs it; it only authorizes and enqueues, and returns
 * the ack. The table actor does the work, reached through `tables` (this process's actors, or the
 * owning node's in a cluster).
 */

export interface HandlerContext {
  readonly tables: TableAccess;
  readonly presence: TablePresence;
  /** The lobby as lobby:subscribe answers it (one read shared by subscribers: shared-lobby-read.ts). */
  readonly lobby: () => Promise<readonly LobbyTable[]>;
  /** Table chat: apart from the tables' commands (table-chat.ts). */
  readonly chat: TableChatRoom;
}

type Payload<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENT_SCHEMAS)[E]>;

export type EventHandlers = {
  [E in ClientEventName]: (
    context: HandlerContext,
    socket: PokerSocket,
    payload: Payload<E>,
  ) => Promise<Ack<unknown>>;
};

function userOf(socket: PokerSocket): TableUser {
  return { userId: socket.data.userId!, username: socket.data.username! };
}

/**
 * Puts the socket in the table's rooms (the table's, and the one of this user at this table, which
 * carries the views rendered for this user); the table hears when the user's first socket arrives.
 */
async function watch(context: HandlerContext, socket: PokerSocket, tableId: string): Promise<void> {
  const userId = socket.data.userId!;
  await socket.join([tableRoom(tableId), watchRoom(tableId, userId)]);
  if (context.presence.join(socket.id, userId, tableId)) context.tables.presence(tableId, userId, true);
}

async function unwatch(context: HandlerContext, socket: PokerSocket, tableId: string): Promise<void> {
  const userId = socket.data.userId!;
  await socket.leave(tableRoom(tableId));
  await socket.leave(watchRoom(tableId, userId));
  if (context.presence.part(socket.id, userId, tableId)) context.tables.presence(tableId, userId, false);
}

/** A command that also makes the socket watch the table (join, sit); undone if there is no table. */
async function watchAndRun<E extends 'table:join' | 'table:sit'>(
  context: HandlerContext,
  socket: PokerSocket,
  event: E,
  payload: Payload<E>,
): Promise<Ack<unknown>> {
  await watch(context, socket, payload.tableId);
  const result = await context.tables.command(payload.tableId, event, userOf(socket), payload);
  if (!result.ok && result.error.code === 'table/not-found') await unwatch(context, socket, payload.tableId);
  return result;
}

function run<E extends TableCommandEvent>(
  context: HandlerContext,
  socket: PokerSocket,
  event: E,
  payload: Payload<E>,
): Promise<Ack<unknown>> {
  return context.tables.command(payload.tableId, event, userOf(socket), payload);
}

export const eventHandlers: EventHandlers = {
  async 'lobby:subscribe'(context, socket) {
    await socket.join(LOBBY_ROOM);
    return ackOk({ tables: await context.lobby() });
  },

  async 'lobby:unsubscribe'(_context, socket) {
    await socket.leave(LOBBY_ROOM);
    return ackOk(null);
  },

  // The full current view, with the viewer's own cards: also how a reconnected player resumes.
  'table:join': (context, socket, payload) => watchAndRun(context, socket, 'table:join', payload),

  async 'table:part'(context, socket, { tableId }) {
    await unwatch(context, socket, tableId);
    return ackOk(null);
  },

  'table:sync': (context, socket, payload) => run(context, socket, 'table:sync', payload),
  'table:sit': (context, socket, payload) => watchAndRun(context, socket, 'table:sit', payload),
  'table:act': (context, socket, payload) => run(context, socket, 'table:act', payload),
  'table:sit-out': (context, socket, payload) => run(context, socket, 'table:sit-out', payload),
  'table:sit-in': (context, socket, payload) => run(context, socket, 'table:sit-in', payload),
  'table:post-blind': (context, socket, payload) => run(context, socket, 'table:post-blind', payload),
  'table:run-twice': (context, socket, payload) => run(context, socket, 'table:run-twice', payload),
  'table:top-up': (context, socket, payload) => run(context, socket, 'table:top-up', payload),
  'table:leave': (context, socket, payload) => run(context, socket, 'table:leave', payload),
  'chat:send': (context, socket, payload) => context.chat.send(socket, payload),
};
