/**
 * Which users have at least one socket on which table. A table only hears that a user dropped when
 * their LAST socket there is gone (a second browser tab must not make a player "disconnected").
 */
export class TablePresence {
  private readonly tablesBySocket = new Map<string, Set<string>>();
  private readonly socketsByUser = new Map<string, Map<string, number>>();

  /** Returns true when this is the user's first socket on the table. */
  join(socketId: string, userId: string, tableId: string): boolean {
    const tables = this.tablesBySocket.get(socketId) ?? new Set<string>();
    this.tablesBySocket.set(socketId, tables);
    if (tables.has(tableId)) return false;
    tables.add(tableId);
    const counts = this.socketsByUser.get(tableId) ?? new Map<string, number>();
    this.socketsByUser.set(tableId, counts);
    const count = (counts.get(userId) ?? 0) + 1;
    counts.set(userId, count);
    return count === 1;
  }

  /** Returns true when that was the user's last socket on the table. */
  part(socketId: string, userId: string, tableId: string): boolean {
    const tables = this.tablesBySocket.get(socketId);
    if (!tables?.delete(tableId)) return false;
    if (tables.size === 0) this.tablesBySocket.delete(socketId);
    const counts = this.socketsByUser.get(tableId);
    const count = (counts?.get(userId) ?? 1) - 1;
    if (count > 0) {
      counts!.set(userId, count);
      return false;
    }
    counts?.delete(userId);
    if (counts?.size === 0) this.socketsByUser.delete(tableId);
    return true;
  }

  /** The socket is gone: the tables on which its user now has no socket left. */
  drop(socketId: string, userId: string): string[] {
    const tables = [...(this.tablesBySocket.get(socketId) ?? [])];
    return tables.filter((tableId) => this.part(socketId, userId, tableId));
  }

  /** The users with at least one socket of this process on the table. */
  watchers(tableId: string): string[] {
    return [...(this.socketsByUser.get(tableId)?.keys() ?? [])];
  }
}
