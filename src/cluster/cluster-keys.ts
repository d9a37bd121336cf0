/** Names of the Redis keys, channels and streams of one cluster, all under one prefix. */
export class ClusterKeys {
  constructor(readonly prefix: string) {}

  /** Who owns a table: the owner's node id, with a time to live (SET NX PX). */
  lease(tableId: string): string {
    return `${this.prefix}:lease:${tableId}`;
  }

  /** The last owner epoch handed out for a table (INCR). */
  epoch(tableId: string): string {
    return `${this.prefix}:epoch:${tableId}`;
  }

  /** Sorted set of the live nodes, scored by when their heartbeat expires (Redis's own clock). */
  get nodes(): string {
    return `${this.prefix}:nodes`;
  }

  /** Hash of the lobby line of every live table, written by its owner. */
  get lobby(): string {
    return `${this.prefix}:lobby`;
  }

  /** Pub/sub channel of one node: forwarded commands, their replies, presence. */
  inbox(nodeId: string): string {
    return `${this.prefix}:inbox:${nodeId}`;
  }

  /** Pub/sub channel every node hears: tables owned, released, opened and closed. */
  get events(): string {
    return `${this.prefix}:events`;
  }

  /** Stream and channel prefix of the Socket.IO adapter. */
  get socketIo(): string {
    return `${this.prefix}:sio`;
  }
}
