import type { AckCallback } from './ack.js';
import {
  ChatSendPayload,
  EmptyPayload,
  TableActPayload,
  TableJoinPayload,
  TableLeavePayload,
  TablePartPayload,
  TablePostBlindPayload,
  TableRunTwicePayload,
  TableSitInPayload,
  TableSitOutPayload,
  TableSitPayload,
  TableSyncPayload,
  TableTopUpPayload,
} from './client-payloads.js';
import type { LobbySnapshot, LobbyTable } from './lobby.js';
import type { SystemError, TableNotice, TournamentNotice } from './notices.js';
import type { TableUpdate } from './table-update.js';
import type { TableView } from './table-view.js';

/** When a leave or a top-up takes effect: at once, or when the current hand is over. */
export interface DeferrableResult {
  readonly when: 'now' | 'after-hand';
}

/**
 * The payload schema of each client event. The gateway validates with these; a browser client can
 * validate before sending. An event missing here is unknown and refused.
 */
export const CLIENT_EVENT_SCHEMAS = {
  'lobby:subscribe': EmptyPayload,
  'lobby:unsubscribe': EmptyPayload,
  'table:join': TableJoinPayload,
  'table:part': TablePartPayload,
  'table:sync': TableSyncPayload,
  'table:sit': TableSitPayload,
  'table:act': TableActPayload,
  'table:sit-out': TableSitOutPayload,
  'table:sit-in': TableSitInPayload,
  'table:post-blind': TablePostBlindPayload,
  'table:run-twice': TableRunTwicePayload,
  'table:top-up': TableTopUpPayload,
  'table:leave': TableLeavePayload,
  'chat:send': ChatSendPayload,
} as const;

export type ClientEventName = keyof typeof CLIENT_EVENT_SCHEMAS;

/** Events that need a session: everything about tables. Without one, a socket may only watch the lobby. */
export const AUTHENTICATED_EVENTS: ReadonlySet<ClientEventName> = new Set([
  'table:join',
  'table:part',
  'table:sync',
  'table:sit',
  'table:act',
  'table:sit-out',
  'table:sit-in',
  'table:post-blind',
  'table:run-twice',
  'table:top-up',
  'table:leave',
  'chat:send',
]);

export interface ClientToServerEvents {
  'lobby:subscribe': (payload: EmptyPayload, ack: AckCallback<LobbySnapshot>) => void;
  'lobby:unsubscribe': (payload: EmptyPayload, ack: AckCallback<null>) => void;
  /** Watch a table (as a spectator, or as its seated player after a reconnect). */
  'table:join': (payload: TableJoinPayload, ack: AckCallback<TableView>) => void;
  /** Stop watching a table (does not leave a seat). */
  'table:part': (payload: TablePartPayload, ack: AckCallback<null>) => void;
  /** A fresh view, for a client that saw a gap in `seq`. */
  'table:sync': (payload: TableSyncPayload, ack: AckCallback<TableView>) => void;
  'table:sit': (payload: TableSitPayload, ack: AckCallback<TableView>) => void;
  /** Acknowledged as soon as the action is applied; what it changed comes as a table:update. */
  'table:act': (payload: TableActPayload, ack: AckCallback<null>) => void;
  'table:sit-out': (payload: TableSitOutPayload, ack: AckCallback<TableView>) => void;
  'table:sit-in': (payload: TableSitInPayload, ack: AckCallback<TableView>) => void;
  /**
   * Waiting for the big blind, post one now instead: dealt into the next hand with a live big blind
   * (the seat's status turns from waiting-for-big-blind to active).
   */
  'table:post-blind': (payload: TablePostBlindPayload, ack: AckCallback<TableView>) => void;
  'table:run-twice': (payload: TableRunTwicePayload, ack: AckCallback<null>) => void;
  'table:top-up': (payload: TableTopUpPayload, ack: AckCallback<DeferrableResult>) => void;
  /** Cash out and free the seat: at once between hands, else when the current hand ends. */
  'table:leave': (payload: TableLeavePayload, ack: AckCallback<DeferrableResult>) => void;
  /**
   * Say something at a table you watch (table:join first): everyone watching gets it as a
   * table:chat. Never touches the game or the money.
   */
  'chat:send': (payload: ChatSendPayload, ack: AckCallback<null>) => void;
}

/** A line of table chat, as every watcher of the table receives it. Show it as text. */
export interface TableChat {
  readonly tableId: string;
  readonly userId: string;
  readonly username: string;
  readonly text: string;
  /** When the server received it (ms since the epoch). */
  readonly sentAtMs: number;
}

export interface ServerToClientEvents {
  /** What changed since the previous seq; apply with TableViewAssembler (table-view-assembler.ts). */
  'table:update': (update: TableUpdate) => void;
  'table:notice': (notice: TableNotice) => void;
  /** Chat at a table this socket watches. */
  'table:chat': (chat: TableChat) => void;
  'lobby:table': (table: LobbyTable) => void;
  /** To every socket of one player of a tournament (notices.ts). */
  'tournament:notice': (notice: TournamentNotice) => void;
  'system:error': (error: SystemError) => void;
}

/** What the server keeps on each socket. */
export interface SocketData {
  userId: string | null;
  username: string | null;
}
