import type { z } from 'zod';
import { Money } from '../money/index.js';
import { type Ack, ackError, ackOk } from '../protocol/ack.js';
import type { CLIENT_EVENT_SCHEMAS, ClientEventName } from '../protocol/events.js';
import type { TableActor } from '../tables/table-actor.js';
import type { TableRegistry } from '../tables/table-registry.js';
import { LOBBY_ROOM, type PokerSocket, tableRoom } from './socket-types.js';
import type { TablePresence } from './table-presence.js';

/**
 * One handler per client event. A handler receives a payload already validated, and a socket
 * already authenticated where the event needs it; it only authorizes and enqueues, and returns
 * the ack. The table actor does the work.
 */

export interface HandlerContext {
  readonly registry: TableRegistry;
  readonly presence: TablePresence;
}

type Payload<E extends ClientEventName> = z.infer<(typeof CLIENT_EVENT_SCHEMAS)[E]>;

export type EventHandlers = {
  [E in ClientEventName]: (
    context: HandlerContext,
    socket: PokerSocket,
    payload: Payload<E>,
  ) => Promise<Ack<unknown>>;
};

function actorOf(context: HandlerContext, tableId: string): TableActor | Ack<never> {
  const actor = context.registry.get(tableId);
  return actor ?? ackError('table/not-found', 'no such table is running');
}

function isAck(value: TableActor | Ack<never>): value is Ack<never> {
  return 'ok' in value;
}

/** Puts the socket in the table's room; the table hears when the user's first socket arrives. */
async function watch(context: HandlerContext, socket: PokerSocket, actor: TableActor): Promise<void> {
  const userId = socket.data.userId!;
  await socket.join(tableRoom(actor.tableId));
  if (context.presence.join(socket.id, userId, actor.tableId)) actor.setConnected(userId, true);
}

export const eventHandlers: EventHandlers = {
  async 'lobby:subscribe'(context, socket) {
    await socket.join(LOBBY_ROOM);
    return ackOk({ tables: context.registry.summaries() });
  },

  async 'lobby:unsubscribe'(_context, socket) {
    await socket.leave(LOBBY_ROOM);
    return ackOk(null);
  },

  async 'table:join'(context, socket, { tableId }) {
    const actor = actorOf(context, tableId);
    if (isAck(actor)) return actor;
    await watch(context, socket, actor);
    // The full current view, with the viewer's own cards: also how a reconnected player resumes.
    return ackOk(actor.view(socket.data.userId));
  },

  async 'table:part'(context, socket, { tableId }) {
    const userId = socket.data.userId!;
    await socket.leave(tableRoom(tableId));
    if (context.presence.part(socket.id, userId, tableId))
      context.registry.get(tableId)?.setConnected(userId, false);
    return ackOk(null);
  },

  async 'table:sync'(context, socket, { tableId }) {
    const actor = actorOf(context, tableId);
    if (isAck(actor)) return actor;
    return ackOk(actor.view(socket.data.userId));
  },

  async 'table:sit'(context, socket, { tableId, seat, buyIn }) {
    const actor = actorOf(context, tableId);
    if (isAck(actor)) return actor;
    await watch(context, socket, actor);
    return actor.sit({
      userId: socket.data.userId!,
      username: socket.data.username!,
      seat,
      buyIn: new Money(buyIn),
    });
  },

  async 'table:act'(context, socket, payload) {
    const actor = actorOf(context, payload.tableId);
    if (isAck(actor)) return actor;
    return actor.act({
      userId: socket.data.userId!,
      handNumber: payload.handNumber,
      turn: payload.turn,
      kind: payload.kind,
      ...(payload.amount !== undefined && { amount: new Money(payload.amount) }),
    });
  },

  async 'table:sit-out'(context, socket, { tableId }) {
    const actor = actorOf(context, tableId);
    return isAck(actor) ? actor : actor.sitOut(socket.data.userId!);
  },

  async 'table:sit-in'(context, socket, { tableId }) {
    const actor = actorOf(context, tableId);
    return isAck(actor) ? actor : actor.sitIn(socket.data.userId!);
  },

  async 'table:top-up'(context, socket, { tableId, amount }) {
    const actor = actorOf(context, tableId);
    return isAck(actor) ? actor : actor.topUp(socket.data.userId!, new Money(amount));
  },

  async 'table:leave'(context, socket, { tableId }) {
    const actor = actorOf(context, tableId);
    return isAck(actor) ? actor : actor.leave(socket.data.userId!);
  },
};
