import type { z } from 'zod';
import { Money } from '../money/index.js';
import { type Ack, ackError, ackOk } from '../protocol/ack.js';
import type { CLIENT_EVENT_SCHEMAS } from '../protocol/events.js';
import type { LobbyTable } from '../protocol/lobby.js';
import type { TableActor } from '../tables/table-actor.js';
import type { TableRegistry } from '../tables/table-registry.js';

/**
 * Where the gateway's table commands run. On one node: this process's actors. In a cluster
 * (src/cluster), the node that owns the table, wherever it is. The gateway validates and
 * authorizes the same way in both cases; only the last step, reaching the actor, differs.
 */

/** The events that end in a command to a table's actor. */
export type TableCommandEvent =
  | 'table:join'
  | 'table:sync'
  | 'table:sit'
  | 'table:act'
  | 'table:sit-out'
  | 'table:sit-in'
  | 'table:post-blind'
  | 'table:run-twice'
  | 'table:top-up'
  | 'table:leave';

export const TABLE_COMMAND_EVENTS: readonly TableCommandEvent[] = [
  'table:join',
  'table:sync',
  'table:sit',
  'table:act',
  'table:sit-out',
  'table:sit-in',
  'table:post-blind',
  'table:run-twice',
  'table:top-up',
  'table:leave',
];

export type TableCommandPayload<E extends TableCommandEvent> = z.infer<(typeof CLIENT_EVENT_SCHEMAS)[E]>;

/** The authenticated user a command is for. */
export interface TableUser {
  readonly userId: string;
  readonly username: string;
}

export interface TableAccess {
  /** Runs one command on the table's actor and returns its ack (table/not-found if none runs). */
  command<E extends TableCommandEvent>(
    tableId: string,
    event: E,
    user: TableUser,
    payload: TableCommandPayload<E>,
  ): Promise<Ack<unknown>>;
  /** The user's first socket at this table arrived (true), or their last one left (false). */
  presence(tableId: string, userId: string, connected: boolean): void;
  /** One line per live table, for the lobby. */
  lobby(): Promise<readonly LobbyTable[]>;
}

type ActorCommands = {
  [E in TableCommandEvent]: (
    actor: TableActor,
    user: TableUser,
    payload: TableCommandPayload<E>,
  ) => Promise<Ack<unknown>>;
};

/** What each command asks of the actor: the same on every node, whoever forwarded it. */
export const actorCommands: ActorCommands = {
  // The full current view, with the viewer's own cards: also how a reconnected player resumes.
  'table:join': async (actor, user) => ackOk(actor.view(user.userId)),
  'table:sync': async (actor, user) => ackOk(actor.view(user.userId)),
  'table:sit': (actor, user, { seat, buyIn }) =>
    actor.sit({ userId: user.userId, username: user.username, seat, buyIn: new Money(buyIn) }),
  'table:act': (actor, user, payload) =>
    actor.act({
      userId: user.userId,
      deckCommitment: payload.deckCommitment,
      handNumber: payload.handNumber,
      turn: payload.turn,
      kind: payload.kind,
      ...(payload.amount !== undefined && { amount: new Money(payload.amount) }),
    }),
  'table:sit-out': (actor, user) => actor.sitOut(user.userId),
  'table:sit-in': (actor, user) => actor.sitIn(user.userId),
  'table:post-blind': (actor, user) => actor.postBigBlind(user.userId),
  'table:run-twice': (actor, user, { deckCommitment, agree }) =>
    actor.decideRunout({ userId: user.userId, deckCommitment, agree }),
  'table:top-up': (actor, user, { amount }) => actor.topUp(user.userId, new Money(amount)),
  'table:leave': (actor, user) => actor.leave(user.userId),
};

/** Runs a command on this process's actor of the table, if it has one. */
export function runOnActor<E extends TableCommandEvent>(
  actor: TableActor | undefined,
  event: E,
  user: TableUser,
  payload: TableCommandPayload<E>,
): Promise<Ack<unknown>> {
  if (!actor) return Promise.resolve(ackError('table/not-found', 'no such table is running'));
  return actorCommands[event](actor, user, payload);
}

/** The single-node access: every table runs in this process. */
export function localTableAccess(registry: TableRegistry): TableAccess {
  return {
    command: (tableId, event, user, payload) => runOnActor(registry.get(tableId), event, user, payload),
    presence: (tableId, userId, connected) => registry.get(tableId)?.setConnected(userId, connected),
    lobby: async () => registry.summaries(),
  };
}
