import type { Ack } from '../protocol/ack.js';
import type { TableCommandEvent, TableUser } from '../realtime/table-access.js';

/** What nodes say to each other over Redis pub/sub (JSON). */

/** A late tournament entry taken by a node that does not direct the tournament, for its director. */
export const LATE_ENTRY_EVENT = 'tournament:late-entry';
/** A deal request or an admin's cancellation, for a tournament's director (director-request-wire.ts). */
export const DIRECTOR_REQUEST_EVENT = 'tournament:director';

/** A command forwarded by the node a player is connected to, for the table's owner. */
export interface CommandRequest {
  readonly kind: 'request';
  readonly id: string;
  readonly from: string;
  /** Wall-clock time after which the sender has given up: the owner then does not run it. */
  readonly deadlineMs: number;
  readonly tableId: string;
  /** A table command, or a request for a tournament's director (`tableId`: the tournament). */
  readonly event: TableCommandEvent | typeof LATE_ENTRY_EVENT | typeof DIRECTOR_REQUEST_EVENT;
  readonly user: TableUser;
  readonly payload: unknown;
}

/** The owner's answer; `ack` null means "not the owner (any more)": nothing was run. */
export interface CommandReply {
  readonly kind: 'reply';
  readonly id: string;
  readonly ack: Ack<unknown> | null;
}

/** A user's first socket on the sender node arrived at a table, or their last one left. */
export interface PresenceNote {
  readonly kind: 'presence';
  readonly from: string;
  readonly tableId: string;
  readonly userId: string;
  readonly connected: boolean;
}

export type InboxMessage = CommandRequest | CommandReply | PresenceNote;

/** News every node hears. */
export type ClusterEvent =
  /** A node now owns a table (at a new epoch): send it your watchers' presence. */
  | { readonly kind: 'owned'; readonly tableId: string; readonly nodeId: string; readonly epoch: string }
  /**
   * A node gave a table up gracefully: take it over now rather than at the next scan. `to` names
   * the node it was handed to (a rebalance): the others leave it to that node for a while.
   */
  | { readonly kind: 'released'; readonly tableId: string; readonly nodeId: string; readonly to?: string }
  /** An admin opened a table. */
  | { readonly kind: 'opened'; readonly tableId: string }
  /** An admin closed a table: its owner stops it. */
  | { readonly kind: 'closed'; readonly tableId: string }
  /** An admin halted a table: its owner halts it. */
  | { readonly kind: 'halted'; readonly tableId: string; readonly reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Parses a message from the wire; null for anything malformed (logged by the caller). */
export function parseInboxMessage(text: string): InboxMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (!isObject(value) || typeof value.kind !== 'string') return null;
    if (value.kind === 'request' || value.kind === 'reply' || value.kind === 'presence')
      return value as unknown as InboxMessage;
  } catch {
    // fall through
  }
  return null;
}

export function parseClusterEvent(text: string): ClusterEvent | null {
  try {
    const value: unknown = JSON.parse(text);
    if (!isObject(value) || typeof value.tableId !== 'string') return null;
    if (['owned', 'released', 'opened', 'closed', 'halted'].includes(String(value.kind)))
      return value as unknown as ClusterEvent;
  } catch {
    // fall through
  }
  return null;
}
