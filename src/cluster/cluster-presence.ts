/**
 * On the owner of a table: which users watch it, and from which nodes. A user is connected while
 * at least one node reports a socket of theirs at the table (each node counts its own sockets, see
 * src/realtime/table-presence.ts). The owner tells the table when a player's last connection
 * anywhere goes (or the first comes back), and knows who to tell about a hand voided by a takeover.
 */

/** A change in whether a user is connected to a table, anywhere in the cluster. */
export interface PresenceChange {
  readonly tableId: string;
  readonly userId: string;
  readonly connected: boolean;
}

export class ClusterPresence {
  private readonly nodesByUser = new Map<string, Map<string, Set<string>>>();

  /** Records one node's report; answers the change it makes, if any. */
  report(tableId: string, userId: string, nodeId: string, connected: boolean): PresenceChange | null {
    let users = this.nodesByUser.get(tableId);
    if (connected) {
      if (!users) {
        users = new Map();
        this.nodesByUser.set(tableId, users);
      }
      const nodes = users.get(userId) ?? new Set<string>();
      users.set(userId, nodes);
      const first = nodes.size === 0;
      nodes.add(nodeId);
      return first ? { tableId, userId, connected: true } : null;
    }
    const nodes = users?.get(userId);
    if (!nodes?.delete(nodeId)) return null;
    if (nodes.size > 0) return null;
    users!.delete(userId);
    if (users!.size === 0) this.nodesByUser.delete(tableId);
    return { tableId, userId, connected: false };
  }

  /** The users connected to the table from any node. */
  watchers(tableId: string): string[] {
    return [...(this.nodesByUser.get(tableId)?.keys() ?? [])];
  }

  /** Nodes that left the cluster no longer hold anyone's connection. */
  forgetNodesExcept(liveNodeIds: ReadonlySet<string>): PresenceChange[] {
    const changes: PresenceChange[] = [];
    for (const [tableId, users] of this.nodesByUser) {
      for (const [userId, nodes] of users) {
        for (const nodeId of nodes) {
          if (liveNodeIds.has(nodeId)) continue;
          const change = this.report(tableId, userId, nodeId, false);
          if (change) changes.push(change);
        }
      }
    }
    return changes;
  }

  /** This node no longer owns the table. */
  forgetTable(tableId: string): void {
    this.nodesByUser.delete(tableId);
  }
}
